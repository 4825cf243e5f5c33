import Catalog
import Foundation
import ToolportJSON

/// The small, named translations a binding asks for when a v1-shaped tool calls Pipedrive's v2 API:
/// refusing parameters the endpoint lacks, cursor paging, `sort` strings, and strict types.
enum BindingTransforms {
    /// The arguments after the binding-wide checks.
    /// - Throws: `ExecutionError.unsupportedArgument` for a dropped parameter or a non-zero `start` under cursor paging.
    /// - Parameters:
    ///   - schema: the tool's `input_parameters`: a dropped argument equal to its default is let through.
    static func apply(to arguments: [String: JSONValue], binding: HTTPBinding, schema: JSONValue) throws(ExecutionError) -> [String: JSONValue] {
        for dropped in binding.dropped ?? [] {
            if let value = arguments[dropped.name], value != .null, value != schema["properties"]?[dropped.name]?["default"] {
                throw .unsupportedArgument(name: dropped.name, reason: dropped.reason)
            }
        }
        if binding.paging == .cursor, let start = arguments["start"], start != .null, start.doubleValue != 0 {
            throw .unsupportedArgument(
                name: "start",
                reason: "the current Pipedrive API pages by cursor: leave start out and pass cursor from the previous answer's next_cursor"
            )
        }
        if binding.sort == .v2, let sort = arguments["sort"], sort != .null {
            _ = try sortField(sort, binding: binding)
        }
        return arguments
    }

    /// `sort_by` and `sort_direction` for a v1 `sort` string ("update_time DESC, title ASC": its first field).
    static func sortQuery(_ sort: JSONValue?, binding: HTTPBinding) -> [(String, String)] {
        guard binding.sort == .v2, let sort, sort != .null, let (field, direction) = try? sortField(sort, binding: binding) else { return [] }
        return [("sort_by", field), ("sort_direction", direction)]
    }

    private static func sortField(_ sort: JSONValue, binding: HTTPBinding) throws(ExecutionError) -> (String, String) {
        let first = (sort.stringValue ?? "").split(separator: ",").first.map { $0.split(separator: " ").map(String.init) } ?? []
        guard let field = first.first, !field.isEmpty else {
            throw .unsupportedArgument(name: "sort", reason: "expected \"field ASC\" or \"field DESC\"")
        }
        let direction = first.count > 1 ? first[1].lowercased() : "asc"
        guard direction == "asc" || direction == "desc" else {
            throw .unsupportedArgument(name: "sort", reason: "the direction must be ASC or DESC, got \(first[1])")
        }
        if let allowed = binding.sortFields, !allowed.contains(field) {
            throw .unsupportedArgument(name: "sort", reason: "the current Pipedrive API sorts only by \(allowed.joined(separator: ", "))")
        }
        return (field, direction)
    }

    /// The value to send for one parameter, or nil to leave it out: renamed values, then the type coercion,
    /// then the change of shape, then renamed item keys.
    /// - Throws: `ExecutionError.unsupportedArgument` for a string a `number` conversion cannot read.
    static func wireValue(_ given: JSONValue?, binding: ParameterBinding) throws(ExecutionError) -> JSONValue? {
        var value: JSONValue
        if let pairs = binding.values, let pair = pairs.first(where: { $0.count == 2 && $0[0] == (given ?? .null) }) {
            guard pair[1] != .null else { return nil }
            value = pair[1]
        } else if let given {
            value = given
        } else {
            return nil
        }
        value = coerce(value, binding: binding)
        switch (binding.convert, value) {
        case (.number?, .string(let text)):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if let whole = Int(trimmed) {
                value = .integer(whole)
            } else if let number = Double(trimmed), number.isFinite {
                value = .number(number)
            } else {
                throw .unsupportedArgument(name: binding.name, reason: "expected a number such as 1500 or 1500.50, got \(value.briefDescription)")
            }
        case (.array?, .array): break
        case (.array?, .null): break
        case (.array?, _): value = .array([value])
        default: break
        }
        if let renames = binding.itemKeys, case .array(let items) = value {
            value = .array(items.map { item in
                guard case .object(let members) = item else { return item }
                return .object(Dictionary(members.map { (renames[$0.key] ?? $0.key, $0.value) }, uniquingKeysWith: { first, _ in first }))
            })
        }
        return value
    }

    /// The value converted to the type the endpoint is strict about; values already of that type pass.
    static func coerce(_ value: JSONValue, binding: ParameterBinding) -> JSONValue {
        guard let coercion = binding.coerce, value != .null else { return value }
        switch coercion {
        case .boolean:
            switch value {
            case .integer(let number) where number == 0 || number == 1: return .bool(number == 1)
            case .number(let number) where number == 0 || number == 1: return .bool(number == 1)
            case .string(let text) where ["true", "false", "1", "0"].contains(text.lowercased()):
                return .bool(text.lowercased() == "true" || text == "1")
            default: return value
            }
        case .rfc3339:
            guard case .string(let text) = value else { return value }
            return .string(rfc3339(text))
        case .integer:
            switch value {
            case .number(let number) where number.rounded() == number: return .integer(Int(number))
            case .string(let text): return Int(text).map(JSONValue.integer) ?? value
            default: return value
            }
        case .string:
            switch value {
            case .integer, .number, .bool: return .string(RequestBuilder.text(value))
            default: return value
            }
        }
    }

    /// `2026-01-31` → `2026-01-31T00:00:00Z`; `2026-01-31 10:20:30` → `2026-01-31T10:20:30Z`; other text unchanged.
    static func rfc3339(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: " ")
        let isDate: (Substring) -> Bool = { $0.count == 10 && $0.filter { $0 == "-" }.count == 2 }
        if parts.count == 1, isDate(parts[0]) { return "\(parts[0])T00:00:00Z" }
        if parts.count == 2, isDate(parts[0]), parts[1].count == 8, parts[1].filter({ $0 == ":" }).count == 2 {
            return "\(parts[0])T\(parts[1])Z"
        }
        return text
    }
}
