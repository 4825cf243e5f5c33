import Foundation

/// `application/x-www-form-urlencoded` decoding, used for query strings and form bodies.
enum FormURLEncoding {
    /// The name-value pairs of `text` in order, `+` read as a space and percent escapes decoded.
    static func decode(_ text: String) -> [(name: String, value: String)] {
        text.split(separator: "&").compactMap { pair in
            guard !pair.isEmpty else { return nil }
            let name = pair.prefix { $0 != "=" }
            return (unescape(name), unescape(pair.dropFirst(name.count + 1)))
        }
    }

    private static func unescape(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}

extension FormURLEncoding {
    /// `name=value&…` with everything but unreserved characters percent-escaped.
    static func encode(_ pairs: [(name: String, value: String)]) -> String {
        pairs.map { "\(escape($0.name))=\(escape($0.value))" }.joined(separator: "&")
    }

    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    private static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}
