public import Foundation
public import ToolportJSON
import Validation

/// A kind of trigger (`PIPEDRIVE_NEW_DEAL_TRIGGER`): the Pipedrive webhook event it listens to, an optional
/// condition on the change, the filters its config takes and the payload its deliveries carry. Loaded from
/// `schemas/pipedrive/triggers/*.json`, written by `scripts/make_trigger_types.py`.
public struct TriggerType: Sendable {
    /// A Pipedrive webhook event: `event_action` and `event_object` as `POST /v1/webhooks` takes them.
    public struct Event: Sendable, Hashable, CustomStringConvertible {
        public var action: String
        public var object: String

        public init(action: String, object: String) {
            self.action = action
            self.object = object
        }

        /// `create.deal`.
        public var description: String { "\(action).\(object)" }
    }

    /// A change a field must make: `status` becoming `won`.
    public struct Condition: Sendable, Equatable {
        public var field: String
        public var becomes: String
    }

    public let slug: String
    public let name: String
    public let description: String
    public let instructions: String
    public let event: Event
    public let condition: Condition?
    /// The config's JSON Schema, as served.
    public let config: JSONValue
    /// The payload's JSON Schema, as served.
    public let payload: JSONValue
    /// `config`, compiled for checking configs.
    let configSchema: JSONSchema

    /// Reads one trigger type file's JSON.
    /// - Throws: `TriggerError.invalidCatalog` naming what is missing.
    public init(_ json: JSONValue, file: String) throws(TriggerError) {
        guard let slug = json["slug"]?.stringValue, let name = json["name"]?.stringValue, let description = json["description"]?.stringValue,
            let action = json["event"]?["action"]?.stringValue, let object = json["event"]?["object"]?.stringValue,
            let config = json["config"], let payload = json["payload"]
        else { throw .invalidCatalog(file: file, reason: "slug, name, description, event {action, object}, config and payload are required") }
        self.slug = slug
        self.name = name
        self.description = description
        self.instructions = json["instructions"]?.stringValue ?? description
        self.event = Event(action: action, object: object)
        if let field = json["condition"]?["field"]?.stringValue, let becomes = json["condition"]?["becomes"]?.stringValue {
            self.condition = Condition(field: field, becomes: becomes)
        } else {
            self.condition = nil
        }
        self.config = config
        self.payload = payload
        do {
            self.configSchema = try JSONSchema(config)
        } catch {
            throw .invalidCatalog(file: file, reason: "config is not a usable JSON Schema: \(error)")
        }
    }

    /// The problems of `config` against the config schema, as `path: reason` lines; empty when it is valid.
    public func problems(in config: JSONValue) -> [String] {
        configSchema.validate(config).map(\.description)
    }
}

/// Every trigger type, by slug.
public struct TriggerCatalog: Sendable {
    public let types: [TriggerType]
    private let bySlug: [String: TriggerType]

    public init(types: [TriggerType]) {
        self.types = types.sorted { $0.slug < $1.slug }
        self.bySlug = Dictionary(types.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The type `slug`, case-insensitively.
    public func type(_ slug: String) -> TriggerType? { bySlug[slug.uppercased()] }

    /// Loads every `*.json` in `directory` (`schemas/pipedrive/triggers`); an absent directory gives no types.
    /// - Throws: `TriggerError.invalidCatalog` for a file that is not a trigger type.
    public static func load(from directory: URL) throws(TriggerError) -> TriggerCatalog {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return TriggerCatalog(types: []) }
        var types: [TriggerType] = []
        for name in names.sorted() where name.hasSuffix(".json") {
            let url = directory.appending(path: name)
            guard let data = FileManager.default.contents(atPath: url.path), let json = try? JSONValue(parsing: data) else {
                throw .invalidCatalog(file: url.path, reason: "not readable JSON")
            }
            let type = try TriggerType(json, file: url.path)
            guard type.slug + ".json" == name else { throw .invalidCatalog(file: url.path, reason: "file name must be its slug") }
            types.append(type)
        }
        return TriggerCatalog(types: types)
    }
}
