import Foundation
import MCP
import ToolportJSON

/// What a `tools/call` answers: `structuredContent` is the value; `content` the same as JSON text, for clients that
/// read only text; `isError` when the call failed.
struct ToolCallOutcome: Sendable {
    let value: JSONValue
    let isError: Bool

    /// The answer for the SDK's server.
    var callToolResult: CallTool.Result {
        let structured: MCP.Value? = value.mcpValue
        let text: MCP.Tool.Content = .text(text: String(decoding: value.encoded(), as: UTF8.self), annotations: nil, _meta: nil)
        return CallTool.Result(content: [text], structuredContent: structured, isError: isError, _meta: nil)
    }

    /// The same result as JSON, members in sorted order as the SDK writes them: the value is encoded once and used
    /// both as `structuredContent` and, quoted, as the text.
    var encodedResult: Data {
        let structured = value.encoded()
        var result = Data(#"{"content":[{"text":"#.utf8)
        result.append(JSONValue.string(String(decoding: structured, as: UTF8.self)).encoded())
        result.append(contentsOf: #","type":"text"}],"isError":"#.utf8)
        result.append(contentsOf: (isError ? "true" : "false").utf8)
        result.append(contentsOf: #","structuredContent":"#.utf8)
        result.append(structured)
        result.append(UInt8(ascii: "}"))
        return result
    }

    static func failure(_ message: String) -> ToolCallOutcome {
        ToolCallOutcome(value: ["data": [:], "error": .string(message), "successful": false], isError: true)
    }
}
