import Catalog
import Foundation
import Testing

/// `Catalog.search` measured on request sets: how often the intended tool is first, and in the top three.
///
/// The tuning set (`SearchQueries.all`) must stay above floors just under its measured rates. The held-out set
/// (`SearchHeldOutQueries.all`), written blind by someone who never saw the ranking or the tuning set, is measured
/// against the issue's target (top-1 0.90, top-3 0.98), which the ranking does not reach yet; it must not fall
/// below what it measured when first run. `docs/search.md` reports both.
struct SearchQualityTests {
    /// Just under the measured rates on the tuning set (see `docs/search.md`), so a change that loses hits fails here.
    static let top1Floor = 0.95
    static let top3Floor = 0.99
    /// What the held-out set should reach (issue 18), printed beside the measurement.
    static let heldOutTop1Target = 0.90
    static let heldOutTop3Target = 0.98
    /// What the held-out set measured the first time it ran (round 2: 136/160 and 151/160): a change that loses
    /// held-out hits fails here. Never raise these by tuning on the held-out set.
    static let heldOutTop1Floor = 0.85
    static let heldOutTop3Floor = 0.94

    struct Measurement {
        var top1 = 0
        var top3 = 0
        var total = 0
        /// Requests whose tool was not in the top three, with what came first instead.
        var top3Misses: [String] = []
        /// Requests whose tool was second or third.
        var top1Misses: [String] = []
        var top1Rate: Double { Double(top1) / Double(max(total, 1)) }
        var top3Rate: Double { Double(top3) / Double(max(total, 1)) }

        var rates: String {
            "top-1 \(top1)/\(total) = \(String(format: "%.3f", top1Rate)), top-3 \(top3)/\(total) = \(String(format: "%.3f", top3Rate))"
        }

        var report: String {
            "not first:\n  " + top1Misses.joined(separator: "\n  ") + "\nnot in top 3:\n  " + top3Misses.joined(separator: "\n  ")
        }
    }

    /// Runs `cases` through `catalog.search` and counts where each intended tool lands.
    static func measure(_ cases: [SearchQueries.Case], catalog: Catalog = Fixtures.catalog) -> Measurement {
        var result = Measurement()
        for item in cases {
            let ranked = catalog.search(item.query).prefix(3).map { catalog.tools[$0].slug.replacingOccurrences(of: "PIPEDRIVE_", with: "") }
            result.total += 1
            if ranked.first == item.expected { result.top1 += 1 }
            if ranked.contains(item.expected) {
                result.top3 += 1
                if ranked.first != item.expected { result.top1Misses.append("\(item) (got \(ranked.joined(separator: ", ")))") }
            } else {
                result.top3Misses.append("\(item) (got \(ranked.joined(separator: ", ")))")
            }
        }
        return result
    }

    /// Every expected slug names a tool, and no request is listed twice.
    static func checkWellFormed(_ cases: [SearchQueries.Case]) {
        for item in cases {
            #expect(Fixtures.catalog.tool(named: item.slug) != nil, "\(item): no such tool")
        }
        let queries = cases.map { $0.query.lowercased() }
        #expect(Set(queries).count == queries.count, "a request is listed twice")
    }

    @Test func theTuningSetIsLargeEnoughAndNamesRealTools() {
        #expect(SearchQueries.all.count >= 1260)
        Self.checkWellFormed(SearchQueries.all)
    }

    @Test func tuningSetStaysAboveTheFloors() {
        let result = Self.measure(SearchQueries.all)
        print("search quality, tuning set: \(result.rates)\n\(result.report)")
        #expect(result.top1Rate >= Self.top1Floor, "\(result.rates): top-1 below the floor \(Self.top1Floor)\n\(result.report)")
        #expect(result.top3Rate >= Self.top3Floor, "\(result.rates): top-3 below the floor \(Self.top3Floor)\n\(result.report)")
    }

    /// Prints the held-out rates beside the target and holds them at their first measurement. A held-out request
    /// that happens to be in the tuning set too was tuned on, so it is named and left out of the rates.
    @Test(.enabled(if: !SearchHeldOutQueries.all.isEmpty, "no held-out set yet (SearchHeldOutQueries.all is empty)"))
    func heldOutSetKeepsItsFirstMeasurement() {
        Self.checkWellFormed(SearchHeldOutQueries.all)
        let tuning = Set(SearchQueries.all.map { $0.query.lowercased() })
        let unseen = SearchHeldOutQueries.all.filter { !tuning.contains($0.query.lowercased()) }
        if unseen.count < SearchHeldOutQueries.all.count {
            let shared = SearchHeldOutQueries.all.filter { tuning.contains($0.query.lowercased()) }
            print("held-out requests also in the tuning set, left out: \(shared)")
        }
        let result = Self.measure(unseen)
        print("search quality, held-out set: \(result.rates) (target \(Self.heldOutTop1Target) / \(Self.heldOutTop3Target))\n\(result.report)")
        #expect(result.top1Rate >= Self.heldOutTop1Floor, "\(result.rates): top-1 below its first measurement \(Self.heldOutTop1Floor)\n\(result.report)")
        #expect(result.top3Rate >= Self.heldOutTop3Floor, "\(result.rates): top-3 below its first measurement \(Self.heldOutTop3Floor)\n\(result.report)")
    }
}
