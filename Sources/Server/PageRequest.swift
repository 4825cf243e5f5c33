import Foundation
import Hummingbird
import ToolportJSON

/// `limit` and `cursor` of a list request. A cursor is opaque to clients (the offset, base64url-encoded).
struct PageRequest: Sendable {
    static let maximumLimit = 1000

    var offset: Int
    /// `nil` means "everything from `offset` on": the Composio SDK does not follow cursors.
    var limit: Int?

    init(query: Parameters) throws(APIError) {
        try self.init(limit: query.nonEmpty("limit"), cursor: query.nonEmpty("cursor"))
    }

    /// From a JSON body's `limit` (a whole number) and `cursor`, as `POST` list routes receive them.
    init(limit: JSONValue?, cursor: JSONValue?) throws(APIError) {
        let limitText: String?
        switch limit {
        case nil, .null: limitText = nil
        case .integer(let number)?: limitText = String(number)
        case .number(let number)? where number.rounded() == number && abs(number) < 1e9: limitText = String(Int(number))
        case let other?: limitText = other.briefDescription
        }
        switch cursor {
        case nil, .null: try self.init(limit: limitText, cursor: nil)
        case .string(let text)?: try self.init(limit: limitText, cursor: text.isEmpty ? nil : text)
        case let other?: throw APIError(.badRequest, "cursor must be a string, got \(other.briefDescription)")
        }
    }

    private init(limit raw: String?, cursor: String?) throws(APIError) {
        if let raw {
            guard let limit = Int(raw), (1...Self.maximumLimit).contains(limit) else {
                throw APIError(.badRequest, "limit must be an integer from 1 to \(Self.maximumLimit), got \"\(raw)\"")
            }
            self.limit = limit
        } else {
            self.limit = nil
        }
        if let cursor {
            guard let offset = Self.decode(cursor) else {
                throw APIError(.badRequest, "cursor \"\(cursor)\" is not one this server issued", suggestedFix: "Pass next_cursor from the previous page unchanged.")
            }
            self.offset = offset
        } else {
            self.offset = 0
        }
    }

    /// The slice of `total` items this page covers and the pagination fields of the response.
    func page(total: Int) -> Page {
        let size = limit ?? max(total - offset, 1)
        let start = min(offset, total)
        let end = min(start + size, total)
        return Page(
            range: start..<end,
            nextCursor: end < total ? Self.encode(end) : nil,
            currentPage: start / size + 1,
            totalPages: max(1, (total + size - 1) / size),
            totalItems: total
        )
    }

    static func encode(_ offset: Int) -> String {
        Data("o:\(offset)".utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ cursor: String) -> Int? {
        var padded = cursor
        while padded.count % 4 != 0 { padded += "=" }
        guard let data = Data(base64Encoded: padded), let text = String(data: data, encoding: .utf8), text.hasPrefix("o:"),
            let offset = Int(text.dropFirst(2)), offset >= 0
        else { return nil }
        return offset
    }
}

/// One page of a list response.
struct Page: Sendable {
    var range: Range<Int>
    var nextCursor: String?
    var currentPage: Int
    var totalPages: Int
    var totalItems: Int
}

extension Parameters {
    /// The value of `name` unless absent or empty.
    func nonEmpty(_ name: String) -> String? {
        guard let value = self[name[...]], !value.isEmpty else { return nil }
        return String(value)
    }

    /// A comma-separated list parameter (`user_ids=a,b`), also accepting repeated keys.
    func list(_ name: String) -> [String] {
        self[values: name[...]].flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// A boolean parameter: `true`/`false` (or 1/0); `nil` when absent.
    func bool(_ name: String) throws(APIError) -> Bool? {
        guard let raw = nonEmpty(name) else { return nil }
        switch raw.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw APIError(.badRequest, "\(name) must be true or false, got \"\(raw)\"")
        }
    }
}
