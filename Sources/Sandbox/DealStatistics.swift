import Foundation
import ToolportJSON

/// `GET /deals/summary` and `GET /deals/timeline`, computed from the deals in the store.
enum DealStatistics {
    typealias Record = [String: JSONValue]

    /// Totals per currency of the deals matching `status`, `user_id`, `stage_id` (and `pipeline_id`), each
    /// weighted by the deal's `probability`, else its stage's `deal_probability`, else 100 %.
    static func summary(deals: [Record], stages: [Record], query: [String: String]) -> JSONValue {
        let matching = deals.filter { deal in
            ["status", "user_id", "stage_id", "pipeline_id"].allSatisfy { key in query[key].map { deal[key]?.queryText == $0 } ?? true }
        }
        var values: [String: (value: Double, weighted: Double, count: Int)] = [:]
        for deal in matching {
            let currency = deal["currency"]?.stringValue ?? "USD"
            var total = values[currency] ?? (0, 0, 0)
            total.value += number(deal["value"])
            total.weighted += number(deal["value"]) * probability(of: deal, stages: stages) / 100
            total.count += 1
            values[currency] = total
        }
        let converted = values.values.reduce(0) { $0 + $1.value }
        let weighted = values.values.reduce(0) { $0 + $1.weighted }
        return [
            "values_total": .object(values.mapValues { total in
                ["value": .number(total.value), "count": .integer(total.count), "value_converted": .number(total.value),
                 "value_formatted": .string(formatted(total.value)), "value_converted_formatted": .string(formatted(total.value))]
            }),
            "weighted_values_total": .object(values.mapValues { total in
                ["value": .number(total.weighted), "count": .integer(total.count), "value_formatted": .string(formatted(total.weighted))]
            }),
            "total_count": .integer(matching.count),
            "total_currency_converted_value": .number(converted),
            "total_weighted_currency_converted_value": .number(weighted),
            "total_currency_converted_value_formatted": .string(formatted(converted)),
            "total_weighted_currency_converted_value_formatted": .string(formatted(weighted)),
        ]
    }

    /// The deals whose `field_key` date falls in the `amount` `interval`s (day, week, month, quarter) from
    /// `start_date`, with their totals per currency; `nil` when a parameter is missing or unreadable.
    static func timeline(deals: [Record], stages: [Record], query: [String: String]) -> JSONValue? {
        guard let startText = query["start_date"], let start = day(startText), let amount = query["amount"].flatMap(Int.init), amount > 0,
            let field = query["field_key"], let step = query["interval"].flatMap(component)
        else { return nil }
        let calendar = utcCalendar
        guard let after = calendar.date(byAdding: step.component, value: step.count * amount, to: start),
            let end = calendar.date(byAdding: .day, value: -1, to: after)
        else { return nil }
        let endText = dayText(end)
        let inPeriod = deals.filter { deal in
            guard let date = deal[field]?.stringValue?.prefix(10) else { return false }
            return date >= startText && date <= endText && query["user_id"].map { deal["user_id"]?.queryText == $0 } ?? true
                && query["pipeline_id"].map { deal["pipeline_id"]?.queryText == $0 } ?? true
        }
        func totals(_ deals: [Record], weighted: Bool = false) -> JSONValue {
            var sums: [String: Double] = [:]
            for deal in deals {
                let weight = weighted ? probability(of: deal, stages: stages) / 100 : 1
                sums[deal["currency"]?.stringValue ?? "USD", default: 0] += number(deal["value"]) * weight
            }
            return .object(sums.mapValues(JSONValue.number))
        }
        let open = inPeriod.filter { $0["status"] == "open" }
        let won = inPeriod.filter { $0["status"] == "won" }
        return [
            "period_start": .string("\(startText) 00:00:00"), "period_end": .string("\(endText) 23:59:59"),
            "deals": .array(query["exclude_deals"] == "1" ? [] : inPeriod.map(JSONValue.object)),
            "totals": [
                "count": .integer(inPeriod.count), "values": totals(inPeriod), "weighted_values": totals(inPeriod, weighted: true),
                "open_count": .integer(open.count), "open_values": totals(open), "weighted_open_values": totals(open, weighted: true),
                "won_count": .integer(won.count), "won_values": totals(won),
            ],
        ]
    }

    private static func probability(of deal: Record, stages: [Record]) -> Double {
        if let own = deal["probability"], own != .null { return number(own) }
        let stage = stages.first { $0["id"]?.queryText == deal["stage_id"]?.queryText }
        return stage?["deal_probability"].map(number) ?? 100
    }

    private static func number(_ value: JSONValue?) -> Double {
        switch value {
        case .integer(let number): Double(number)
        case .number(let number): number
        case .string(let text): Double(text) ?? 0
        default: 0
        }
    }

    private static func formatted(_ value: Double) -> String {
        String(format: "%.2f", value)
    }

    private static func component(_ interval: String) -> (component: Calendar.Component, count: Int)? {
        switch interval {
        case "day": (.day, 1)
        case "week": (.day, 7)
        case "month": (.month, 1)
        case "quarter": (.month, 3)
        default: nil
        }
    }

    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    private static func day(_ text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return utcCalendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }

    private static func dayText(_ date: Date) -> String {
        let parts = utcCalendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}
