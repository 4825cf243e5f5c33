import ToolportJSON

extension JSONValue {
    /// The value as a query string would spell it: numbers in decimal, booleans as 1 or 0, and an
    /// object with an `id` (how v1 answers expand `user_id` and friends) as that id.
    var queryText: String? {
        switch self {
        case .integer(let value): String(value)
        case .number(let value): value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .string(let value): value
        case .bool(let value): value ? "1" : "0"
        case .object(let members): members["id"]?.queryText
        case .array, .null: nil
        }
    }

    /// Every text a search can find in the value: strings, numbers, and the `value` of
    /// `[{"value": …, "primary": …}]` lists such as a person's emails.
    var searchableTexts: [String] {
        switch self {
        case .array(let items): items.flatMap { $0["value"]?.searchableTexts ?? $0.searchableTexts }
        case .object, .null, .bool: []
        default: queryText.map { [$0] } ?? []
        }
    }

    /// Reads a form or multipart field: whole numbers become integers for `…_id` fields, all else stays text.
    static func formValue(_ text: String, name: String) -> JSONValue {
        if name.hasSuffix("_id"), let number = Int(text) { return .integer(number) }
        return .string(text)
    }
}
