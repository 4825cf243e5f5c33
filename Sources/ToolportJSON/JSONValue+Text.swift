public import Foundation

extension JSONValue {
    /// Parses a JSON document (RFC 8259) into the values `JSONDecoder` gave: a whole number that fits `Int` is `.integer`
    /// even when written `1.0` or `1e2`, one trailing comma before `]` or `}` is accepted, and of duplicate keys the first wins.
    /// The text is UTF-8 (a leading byte order mark is skipped), or UTF-16 or UTF-32 as `JSONDecoder` detected them.
    /// - Throws: `JSONParseError` when `data` is not JSON or nests arrays and objects deeper than 512 levels.
    public init(parsing data: Data) throws(JSONParseError) {
        self = try data.withUnsafeBytes { raw in
            Result { () throws(JSONParseError) in try JSONParser.parse(raw.assumingMemoryBound(to: UInt8.self)) }
        }.get()
    }

    /// The value as compact JSON with sorted keys, so equal values always give equal bytes.
    ///
    /// The bytes `JSONEncoder` (`.sortedKeys`, `.withoutEscapingSlashes`) gave, except where it failed and the whole
    /// document became `null`: a non-finite number is written as `null` in its place, and deep nesting is written as is.
    public func encoded() -> Data {
        var serializer = JSONSerializer()
        serializer.write(self)
        return Data(serializer.bytes)
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
