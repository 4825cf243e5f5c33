/// A secret map as it may be shown: its keys, never its values.
struct RedactedFields: CustomStringConvertible {
    let keys: [String]

    init(_ fields: [String: String]) {
        keys = fields.keys.sorted()
    }

    var description: String {
        keys.isEmpty ? "[:]" : "[" + keys.map { "\($0): <redacted>" }.joined(separator: ", ") + "]"
    }
}
