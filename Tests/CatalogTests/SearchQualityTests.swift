import Catalog
import Foundation
import Testing

/// `Catalog.search` measured on `SearchQueries.all`: how often the intended tool is first, and in the top three.
struct SearchQualityTests {
    /// Just under the measured top-3 rate (see `docs/search.md`), so a ranking change that loses hits fails here.
    static let top3Floor = 0.95

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
    }

    static func measure(_ catalog: Catalog = Fixtures.catalog) -> Measurement {
        var result = Measurement()
        for item in SearchQueries.all {
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

    @Test func theQuerySetIsLargeEnoughAndNamesRealTools() {
        #expect(SearchQueries.all.count >= 60)
        for item in SearchQueries.all {
            #expect(Fixtures.catalog.tool(named: item.slug) != nil, "\(item): no such tool")
        }
        let queries = SearchQueries.all.map(\.query)
        #expect(Set(queries).count == queries.count, "a request is listed twice")
    }

    @Test func top3HitRateStaysAboveTheFloor() {
        let result = Self.measure()
        let rates = "top-1 \(result.top1)/\(result.total) = \(String(format: "%.2f", result.top1Rate)), top-3 \(result.top3)/\(result.total) = \(String(format: "%.2f", result.top3Rate))"
        print("search quality: \(rates)")
        print("not first:\n  " + result.top1Misses.joined(separator: "\n  "))
        print("not in top 3:\n  " + result.top3Misses.joined(separator: "\n  "))
        #expect(
            result.top3Rate >= Self.top3Floor,
            "\(rates), below the floor \(Self.top3Floor); not in top 3:\n\(result.top3Misses.joined(separator: "\n"))"
        )
    }
}
