import Foundation

/// A header value with `;`-separated parameters, such as `form-data; name="file"; filename="a.pdf"`.
struct HeaderParameters {
    /// The part before the first `;`, trimmed.
    var value: String
    /// Parameters by lower-cased name, quotes and backslash escapes removed.
    var parameters: [String: String] = [:]

    init(_ header: String) {
        var fields: [String] = []
        var current = ""
        var inQuotes = false
        var escaped = false
        for character in header {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" && inQuotes {
                escaped = true
            } else if character == "\"" {
                inQuotes.toggle()
            } else if character == ";" && !inQuotes {
                fields.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        fields.append(current)
        value = fields[0].trimmingCharacters(in: .whitespaces)
        for field in fields.dropFirst() {
            let name = field.prefix { $0 != "=" }
            guard name.count < field.count else { continue }
            parameters[name.trimmingCharacters(in: .whitespaces).lowercased()] = String(field.dropFirst(name.count + 1))
                .trimmingCharacters(in: .whitespaces)
        }
    }
}
