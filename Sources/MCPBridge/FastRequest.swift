import Foundation
import ToolportJSON

/// A JSON-RPC request that `MCPToolServer` answers from Toolport's own JSON, without the SDK's `Server`, whose
/// decoding and re-encoding of every message cost more than the calls themselves: `tools/list`, `tools/call` and
/// `ping`, taken only when every member is one the SDK would accept as it stands.
///
/// Every other message (initialize, notifications, responses, batches, other methods, malformed JSON, and these
/// three methods with members the SDK refuses or reads differently) is not a `FastRequest`: the SDK answers it as
/// before, errors included.
struct FastRequest: Sendable {
    enum Method: Sendable {
        case listTools
        case callTool(name: String, arguments: JSONValue)
        case ping
    }

    /// A string or an integer, as the SDK's `ID` reads it; the answer repeats it.
    let id: JSONValue
    let method: Method

    init?(message: Data) {
        // A batch, a response (the SDK tries `result` and `error` before `method`) or an id the SDK reads
        // otherwise (null, fractions, booleans) goes to the SDK.
        guard let members = (try? JSONValue(parsing: message))?.objectValue, members["jsonrpc"] == "2.0",
            members["result"] == nil, members["error"] == nil, let id = members["id"], id.isRequestID,
            let name = members["method"]?.stringValue
        else { return nil }
        let parameters = members["params"] ?? .null
        switch name {
        case "ping":
            guard parameters.isObjectOrNull else { return nil }
            method = .ping
        case "tools/list":
            // The SDK ignores `cursor` (the whole list is one page) but refuses one that is not a string.
            guard parameters.isObjectOrNull, parameters["cursor"]?.isStringOrNull ?? true else { return nil }
            method = .listTools
        case "tools/call":
            guard case .object = parameters, let tool = parameters["name"]?.stringValue,
                parameters["arguments"]?.isObjectOrNull ?? true, parameters["_meta"]?.isObjectOrNull ?? true
            else { return nil }
            let arguments = parameters["arguments"] ?? .null
            method = .callTool(name: tool, arguments: arguments == .null ? [:] : arguments)
        default:
            return nil
        }
        self.id = id
    }

    /// The JSON-RPC success response to this request, its `result` already encoded: the members in the order the
    /// SDK writes them (sorted keys).
    func response(result: Data) -> Data {
        var response = Data(#"{"id":"#.utf8)
        response.append(id.encoded())
        response.append(contentsOf: #","jsonrpc":"2.0","result":"#.utf8)
        response.append(result)
        response.append(UInt8(ascii: "}"))
        return response
    }
}

extension JSONValue {
    fileprivate var isRequestID: Bool {
        switch self {
        case .string, .integer: true
        default: false
        }
    }

    fileprivate var isObjectOrNull: Bool {
        switch self {
        case .object, .null: true
        default: false
        }
    }

    fileprivate var isStringOrNull: Bool {
        switch self {
        case .string, .null: true
        default: false
        }
    }
}
