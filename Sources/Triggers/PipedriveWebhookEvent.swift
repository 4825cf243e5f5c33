public import ToolportJSON

/// One call of a Pipedrive webhook (version 2.0): `meta` says what happened, `data` is the record now and
/// `previous` holds the changed fields' former values.
public struct PipedriveWebhookEvent: Sendable, Equatable {
    /// Pipedrive's event id: the same on every retry of one event.
    public var id: String
    /// `create`, `change` or `delete`.
    public var action: String
    /// `deal`, `person`, …
    public var object: String
    public var entityID: JSONValue
    public var timestamp: String
    public var userID: JSONValue
    public var companyID: JSONValue
    public var data: JSONValue
    public var previous: JSONValue

    /// Reads a webhook body; nil when it is not a version 2.0 body (no `meta.action`, `meta.entity` or `meta.id`).
    public init?(_ body: JSONValue) {
        guard let meta = body["meta"], let action = meta["action"]?.stringValue, let object = meta["entity"]?.stringValue,
            let id = meta["id"]?.stringValue ?? meta["id"].map({ String(decoding: $0.encoded(), as: UTF8.self) })
        else { return nil }
        self.id = id
        self.action = Self.canonicalAction(action)
        self.object = object
        self.data = body["data"] ?? .null
        self.previous = body["previous"] ?? .null
        self.entityID = meta["entity_id"] ?? self.data["id"] ?? self.previous["id"] ?? .null
        self.timestamp = meta["timestamp"]?.stringValue ?? ""
        self.userID = meta["user_id"] ?? .null
        self.companyID = meta["company_id"] ?? .null
    }

    /// The record the event is about: `data`, or for a deletion that carries none, `previous`.
    public var record: JSONValue {
        if case .object = data { return data }
        return previous
    }

    /// v1 webhook actions (`added`, `updated`, `deleted`) read as v2's.
    static func canonicalAction(_ action: String) -> String {
        switch action {
        case "added": "create"
        case "updated": "change"
        case "deleted": "delete"
        default: action
        }
    }
}

/// Whether an event fires a trigger instance, and what its delivery carries: pure decisions.
public enum TriggerMatch {
    /// Whether `event` fires an instance of `type` whose config is `config`: the event is the type's, its
    /// condition (if any) holds, and every filter of the config equals the record's field.
    public static func fires(_ type: TriggerType, config: JSONValue, event: PipedriveWebhookEvent) -> Bool {
        guard event.action == type.event.action, event.object == type.event.object else { return false }
        let record = event.record
        if let condition = type.condition {
            guard record[condition.field]?.stringValue == condition.becomes,
                let before = event.previous[condition.field], before.stringValue != condition.becomes
            else { return false }
        }
        for (key, wanted) in config.objectValue ?? [:] {
            if key == "changed_fields" {
                let fields = wanted.arrayValue?.compactMap(\.stringValue) ?? []
                guard fields.isEmpty || fields.contains(where: { event.previous[$0] != nil }) else { return false }
                continue
            }
            guard let value = record[key], same(value, wanted) else { return false }
        }
        return true
    }

    /// `value` (as Pipedrive sent it) equals `wanted` (as the config gives it): numbers by value, an id
    /// object (`{id, name, …}`, v1 style) by its `id` or `value`, strings as written.
    static func same(_ value: JSONValue, _ wanted: JSONValue) -> Bool {
        switch (value, wanted) {
        case (.object(let members), _):
            guard let inner = members["id"] ?? members["value"] else { return false }
            return same(inner, wanted)
        case (.string(let text), .integer(let number)):
            return Int(text) == number
        default:
            if let left = value.doubleValue, let right = wanted.doubleValue { return left == right }
            return value == wanted
        }
    }

    /// The delivery payload of `event` for `type`: the payload schema's fields, the record under the object's
    /// name.
    public static func payload(_ type: TriggerType, event: PipedriveWebhookEvent) -> JSONValue {
        .object([
            "event_id": .string(event.id),
            "action": .string(event.action),
            "object": .string(event.object),
            "id": event.entityID,
            "timestamp": .string(event.timestamp),
            "user_id": integer(event.userID),
            "company_id": integer(event.companyID),
            type.event.object: event.record,
            "previous": event.action == "change" ? event.previous : .null,
        ])
    }

    /// Pipedrive's v2 meta sends ids as strings; the payload gives them as integers when they are.
    private static func integer(_ value: JSONValue) -> JSONValue {
        if case .string(let text) = value, let number = Int(text) { return .integer(number) }
        return value
    }
}
