import Foundation
import ToolportJSON

/// The URLs of one configured MCP server on Toolport's `/mcp/{id}`, and the client set-up commands that name them.
struct MCPServerURLs: Equatable {
    /// `<public URL>/mcp/<id>`: the server, for any user given as `user_id` (query) or `x-user-id` (header).
    let server: String

    init(base: String, serverID: String) {
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        server = "\(trimmed)/mcp/\(Self.encoded(serverID))"
    }

    /// The server's URL for `userID`: `…/mcp/<id>?user_id=<user>`.
    func url(userID: String) -> String {
        "\(server)?user_id=\(Self.encoded(userID))"
    }

    /// The server's URL for one connected account: `…/mcp/<id>?connected_account_id=<account>`.
    func url(connectedAccountID: String) -> String {
        "\(server)?connected_account_id=\(Self.encoded(connectedAccountID))"
    }

    /// Composio's `commands` (Claude Code, Cursor, Windsurf), with placeholders for the user and the API key: a key
    /// is never written into an answer.
    func commands(name: String) -> [String: JSONValue] {
        let url = "\(server)?user_id=USER_ID"
        let key = "YOUR_TOOLPORT_API_KEY"
        let quotedName = name.replacingOccurrences(of: "\"", with: "'")
        func config(_ urlField: String) -> String {
            let entry: JSONValue = [urlField: .string(url), "headers": ["x-api-key": .string(key)]]
            return String(decoding: JSONValue.object(["mcpServers": .object([name: entry])]).encoded(), as: UTF8.self)
        }
        return [
            "claude": .string("claude mcp add --transport http \"\(quotedName)\" \"\(url)\" --header \"x-api-key: \(key)\""),
            "cursor": .string(config("url")),
            "windsurf": .string(config("serverUrl")),
        ]
    }

    /// `text` percent-encoded for a path segment or a query value: everything but unreserved characters.
    static func encoded(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
