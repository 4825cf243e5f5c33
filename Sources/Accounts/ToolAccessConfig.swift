import Foundation
public import Storage
public import ToolportJSON

/// An auth config's `tool_access_config`, as Composio defines it: `tools_available_for_execution` (set on
/// update, or through the older `restrict_to_following_tools` on create and update) limits the tools its
/// accounts may run; other keys (`tools_for_connected_account_creation`) are kept as given.
public struct ToolAccessConfig: Sendable, Equatable {
    /// The stored object.
    public private(set) var value: [String: JSONValue]

    /// The config stored on `record` (an empty one when the text is not an object).
    public init(_ record: AuthConfigRecord) {
        value = (try? JSONValue(parsing: Data(record.toolAccessConfig.utf8)))?.objectValue ?? [:]
    }

    /// The tools accounts of this auth config may run; nil: every tool.
    public var toolsAvailableForExecution: [String]? {
        guard let tools = value["tools_available_for_execution"]?.arrayValue?.compactMap(\.stringValue), !tools.isEmpty else { return nil }
        return tools
    }

    /// Takes `tool_access_config` and `restrict_to_following_tools` from a create or update body.
    /// - Throws: `AccountsError.invalid` when either is not the shape Composio's SDK sends.
    mutating func apply(body: JSONValue, prefix: String) throws(AccountsError) {
        switch body["tool_access_config"] {
        case nil, .null: break
        case .object(let members):
            for (key, member) in members {
                if key == "tools_available_for_execution" || key == "tools_for_connected_account_creation" {
                    value[key] = .array(try Self.slugs(member, field: "\(prefix)tool_access_config.\(key)"))
                } else {
                    value[key] = member
                }
            }
        case let other?:
            throw .invalid("\(prefix)tool_access_config must be an object, got \(other.briefDescription)", fields: ["\(prefix)tool_access_config"])
        }
        if let restricted = body["restrict_to_following_tools"], restricted != .null {
            value["tools_available_for_execution"] = .array(try Self.slugs(restricted, field: "\(prefix)restrict_to_following_tools"))
        }
    }

    /// The stored text.
    var text: String { String(decoding: JSONValue.object(value).encoded(), as: UTF8.self) }

    private static func slugs(_ value: JSONValue, field: String) throws(AccountsError) -> [JSONValue] {
        guard case .array(let items) = value, items.allSatisfy({ $0.stringValue != nil }) else {
            throw .invalid("\(field) must be an array of tool slugs", fields: [field])
        }
        return items
    }
}
