import HTTPTypes
import Foundation
import ToolportJSON

/// v2 cursor pagination: `limit` (1–500, default 100) and an opaque `cursor` from the previous page's
/// `additional_data.next_cursor`.
///
/// The cursor is base64url of `{"offset": N}`; clients must treat it as opaque.
struct V2Page: Sendable {
    var offset: Int
    var limit: Int

    /// Reads `cursor` and `limit`.
    /// - Throws: `V2Error` for a limit that is not an integer in 1…500 or a cursor the sandbox did not issue.
    init(query: [String: String]) throws(V2Error) {
        limit = 100
        if let text = query["limit"] {
            guard let number = Int(text), (1...500).contains(number) else {
                throw .invalid("Query parameter 'limit' must be an integer from 1 to 500, got '\(text)'")
            }
            limit = number
        }
        offset = 0
        if let cursor = query["cursor"], !cursor.isEmpty {
            guard let decoded = Self.offset(ofCursor: cursor) else {
                throw V2Error(status: .badRequest, message: "Invalid cursor '\(cursor)'", code: "ERR_INVALID_CURSOR")
            }
            offset = decoded
        }
    }

    /// The items of this page and the cursor of the next (`nil` on the last page).
    func slice<Item>(_ items: [Item]) -> (items: [Item], nextCursor: String?) {
        let page = Array(items.dropFirst(offset).prefix(limit))
        let next = offset + limit
        return (page, next < items.count ? Self.cursor(offset: next) : nil)
    }

    static func cursor(offset: Int) -> String {
        JSONValue.object(["offset": .integer(offset)]).encoded().base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func offset(ofCursor cursor: String) -> Int? {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let value = try? JSONValue(parsing: data),
            case .integer(let offset)? = value["offset"], offset >= 0
        else { return nil }
        return offset
    }
}
