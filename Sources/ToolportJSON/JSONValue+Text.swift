public import Foundation

extension JSONValue {
    /// Parses a JSON document.
    /// - Throws: `DecodingError` when `data` is not JSON.
    public init(parsing data: Data) throws {
        self = try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// The value as compact JSON with sorted keys, so equal values always give equal bytes.
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a JSONValue cannot fail: every case maps to a JSON value (non-finite doubles never come from parsing).
        return (try? encoder.encode(self)) ?? Data("null".utf8)
    }

    /// A short rendering for error messages: strings quoted, long values cut.
    public var briefDescription: String {
        switch self {
        case .string(let value):
            let cut = value.count > 40 ? String(value.prefix(40)) + "…" : value
            return "string \"\(cut)\""
        case .array(let items): return "array of \(items.count)"
        case .object: return "object"
        case .null: return "null"
        case .bool(let value): return "boolean \(value)"
        case .integer(let value): return "integer \(value)"
        case .number(let value): return "number \(value)"
        }
    }
}
