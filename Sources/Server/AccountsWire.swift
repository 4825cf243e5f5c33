import Accounts
import Catalog
import Foundation
import Storage
import ToolportJSON

/// Auth configs and connected accounts in Composio's wire format, secrets masked.
enum AccountsWire {
    /// RFC 3339 with milliseconds, as Composio writes timestamps (`2026-01-01T00:00:00.000Z`).
    static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func timestamp(_ date: Date) -> JSONValue {
        .string(date.formatted(timestampStyle))
    }

    /// An RFC 3339 date-time, with or without fractional seconds.
    static func date(_ text: String) -> Date? {
        (try? Date(text, strategy: timestampStyle)) ?? (try? Date(text, strategy: Date.ISO8601FormatStyle()))
    }

    static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

    /// A connected account's status as the API writes it (`ACTIVE`, …).
    static func status(_ status: ConnectionStatus) -> JSONValue { .string(status.rawValue) }

    /// The status a request names, in any case (`active`, `ACTIVE`); nil when there is none by that name.
    static func status(named name: String) -> ConnectionStatus? { ConnectionStatus(rawValue: name.uppercased()) }

    /// A secret as responses show it: the last four characters of a long token, else `REDACTED`.
    static func masked(_ secret: String) -> String {
        secret.count >= 12 ? "****" + secret.suffix(4) : "REDACTED"
    }

    /// `<AuthConfig>` (contract §3.3).
    static func authConfig(_ record: AuthConfigRecord, connections: Int, toolkit: Toolkit) -> JSONValue {
        var credentials: [String: JSONValue] = record.publicFields.mapValues(JSONValue.string)
        if let scopes = record.publicFields["scopes"] {
            credentials["scopes"] = .array(scopes.split(separator: " ").map { .string(String($0)) })
        }
        for name in record.secretFields.keys { credentials[name] = "REDACTED" }
        let access = ToolAccessConfig(record)
        return [
            "id": .string(record.id),
            "uuid": .string(record.id),
            "name": .string(record.name),
            "type": "custom",
            "status": record.isEnabled ? "ENABLED" : "DISABLED",
            "no_of_connections": .integer(connections),
            "toolkit": ["slug": .string(record.toolkit), "logo": .string(toolkit.logo)],
            "tool_access_config": .object(access.value),
            "auth_scheme": .string(record.authScheme),
            "is_composio_managed": false,
            "is_enabled_for_tool_router": false,
            "credentials": .object(credentials),
            "created_at": timestamp(record.createdAt),
            "last_updated_at": timestamp(record.updatedAt),
            "created_by": "toolport",
            "expected_input_fields": [],
            "restrict_to_following_tools": .array((access.toolsAvailableForExecution ?? []).map(JSONValue.string)),
            "shared_credentials": [:],
            "deprecated_params": [:],
        ]
    }

    /// The masked connection state `{status, subdomain?, token: "****abcd", …}`.
    static func stateValue(_ account: ConnectedAccountRecord) -> JSONValue {
        var value: [String: JSONValue] = ["status": status(account.status)]
        for (name, secret) in account.secrets.fields { value[name] = .string(masked(secret)) }
        if let subdomain = account.subdomain { value["subdomain"] = .string(subdomain) }
        if let domain = account.apiDomain { value["api_domain"] = .string(domain) }
        if let expiresAt = account.expiresAt { value["expires_at"] = timestamp(expiresAt) }
        if let callback = account.callbackURL { value["callback_url"] = .string(callback) }
        return .object(value)
    }

    /// `<Account>` (contract §4.3); list items leave out `params`.
    static func account(_ account: ConnectedAccountRecord, config: AuthConfigRecord?, includeParams: Bool) -> JSONValue {
        let scheme = config?.authScheme ?? "OAUTH2"
        let value = stateValue(account)
        var object: [String: JSONValue] = [
            "id": .string(account.id),
            "user_id": .string(account.userID),
            "status": status(account.status),
            "status_reason": optional(account.statusReason),
            "is_disabled": .bool(account.isDisabled),
            "toolkit": ["slug": .string(config?.toolkit ?? "pipedrive")],
            "auth_config": [
                "id": .string(account.authConfigID), "auth_scheme": .string(scheme),
                "is_composio_managed": false, "is_disabled": .bool(!(config?.isEnabled ?? true)),
            ],
            "state": ["authScheme": .string(scheme), "val": value],
            "data": value,
            "created_at": timestamp(account.createdAt),
            "updated_at": timestamp(account.updatedAt),
            "alias": optional(account.alias),
            "word_id": .null,
            "test_request_endpoint": .null,
        ]
        if includeParams { object["params"] = [:] }
        return .object(object)
    }
}
