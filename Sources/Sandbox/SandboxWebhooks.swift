import CurlHTTP
import Foundation
import Synchronization
import ToolportJSON

/// The webhooks registered with the sandbox (`POST /v1/webhooks`) and their deliveries: when the sandbox's
/// state changes through its API, each webhook whose `event_action`.`event_object` matches gets a version 2.0
/// body (`meta`, `data`, `previous`) with its HTTP Basic credentials, retried as Pipedrive does after a
/// failure (3 s, 30 s, 150 s by default).
final class SandboxWebhooks: Sendable {
    struct Webhook: Sendable {
        var id: Int
        var subscriptionURL: String
        var action: String
        var object: String
        /// As registered; calls are sent in the 2.0 format whatever it says.
        var version: String
        var authUser: String?
        var authPassword: String?
        var addTime: String
        var lastHTTPStatus: Int?
        var lastDeliveryTime: String?

        /// The webhook as `GET /v1/webhooks` lists it (credentials included, as Pipedrive's spec documents them).
        var json: JSONValue {
            [
                "id": .integer(id), "company_id": 1, "owner_id": .integer(CRMStore.sandboxUserID), "user_id": .integer(CRMStore.sandboxUserID),
                "event_action": .string(action), "event_object": .string(object), "subscription_url": .string(subscriptionURL),
                "version": .string(version), "is_active": 1, "add_time": .string(addTime), "remove_time": .null, "type": "general",
                "http_auth_user": authUser.map(JSONValue.string) ?? .null, "http_auth_password": authPassword.map(JSONValue.string) ?? .null,
                "remove_reason": .null, "last_delivery_time": lastDeliveryTime.map(JSONValue.string) ?? .null,
                "last_http_status": lastHTTPStatus.map(JSONValue.integer) ?? .null, "admin_id": .integer(CRMStore.sandboxUserID),
                "name": .string("Webhook \(id)"),
            ]
        }

        func matches(action: String, object: String) -> Bool {
            (self.action == "*" || self.action == action) && (self.object == "*" || self.object == object)
        }
    }

    /// The kinds webhooks report, by Pipedrive's `event_object` name.
    static let objects: [(EntityKind, String)] = [
        (.deals, "deal"), (.persons, "person"), (.organizations, "organization"), (.activities, "activity"), (.notes, "note"),
        (.leads, "lead"), (.products, "product"),
    ]

    private let registry = Mutex<(webhooks: [Webhook], nextID: Int)>(([], 1))
    private let client = Mutex<CurlHTTPClient?>(nil)
    let retryDelays: [Duration]

    init(retryDelays: [Duration]) {
        self.retryDelays = retryDelays
    }

    deinit {
        client.withLock { $0?.shutdown() }
    }

    var isEmpty: Bool { registry.withLock { $0.webhooks.isEmpty } }

    var all: [Webhook] { registry.withLock { $0.webhooks } }

    /// Registers a webhook from `POST /v1/webhooks`'s body; a message when the body is not acceptable.
    func add(_ fields: [String: JSONValue], now: Date) -> Result<Webhook, WebhookFieldError> {
        guard let url = fields["subscription_url"]?.stringValue, url.hasPrefix("http://") || url.hasPrefix("https://") else {
            return .failure(WebhookFieldError("subscription_url must be a full http(s) URL"))
        }
        let actions = ["create", "change", "delete", "*", "added", "updated", "merged", "deleted"]
        let objects = Self.objects.map(\.1) + ["pipeline", "stage", "user", "*"]
        guard let action = fields["event_action"]?.stringValue, actions.contains(action) else {
            return .failure(WebhookFieldError("event_action must be one of \(actions.joined(separator: ", "))"))
        }
        guard let object = fields["event_object"]?.stringValue, objects.contains(object) else {
            return .failure(WebhookFieldError("event_object must be one of \(objects.joined(separator: ", "))"))
        }
        let version = fields["version"]?.stringValue ?? "2.0"
        guard ["1.0", "2.0"].contains(version) else { return .failure(WebhookFieldError("version must be 1.0 or 2.0")) }
        return .success(registry.withLock { state in
            let webhook = Webhook(
                id: state.nextID, subscriptionURL: url, action: Self.v2Action(action), object: object, version: version,
                authUser: fields["http_auth_user"]?.stringValue,
                authPassword: fields["http_auth_password"]?.stringValue, addTime: Timestamp.iso(now)
            )
            state.nextID += 1
            state.webhooks.append(webhook)
            return webhook
        })
    }

    /// Version 1.0's action names (`added`, `updated`, `merged`, `deleted`) as 2.0 names them.
    static func v2Action(_ action: String) -> String {
        switch action {
        case "added": "create"
        case "updated", "merged": "change"
        case "deleted": "delete"
        default: action
        }
    }

    /// Removes webhook `id`; false when there is none.
    func remove(id: Int) -> Bool {
        registry.withLock { state in
            guard let index = state.webhooks.firstIndex(where: { $0.id == id }) else { return false }
            state.webhooks.remove(at: index)
            return true
        }
    }

    /// The records of the reported kinds, to compare before and after a write.
    typealias Snapshot = [String: [String: [String: JSONValue]]]

    static func snapshot(of store: CRMStore) -> Snapshot {
        var snapshot: Snapshot = [:]
        for (kind, object) in objects {
            snapshot[object] = Dictionary(store[kind].records.compactMap { record in record["id"]?.queryText.map { ($0, record) } }) { first, _ in first }
        }
        return snapshot
    }

    /// One change of a record between two snapshots, as a webhook reports it.
    struct Change: Sendable, Equatable {
        var action: String
        var object: String
        var id: String
        /// The record now (nil for a deletion).
        var record: [String: JSONValue]?
        /// For a change, the changed fields' former values; for a deletion, the record as it was.
        var previous: [String: JSONValue]?
    }

    /// Every change between `before` and `after`: records added, changed (their changed fields, `update_time`
    /// aside) and removed, by object and id.
    static func changes(before: Snapshot, after: Snapshot) -> [Change] {
        var changes: [Change] = []
        for (object, records) in after.sorted(by: { $0.key < $1.key }) {
            let old = before[object] ?? [:]
            for (id, record) in records.sorted(by: { $0.key < $1.key }) where old[id] != record {
                if let was = old[id] {
                    let changed = was.filter { key, value in record[key] != value && key != "update_time" }
                    changes.append(Change(action: "change", object: object, id: id, record: record, previous: changed))
                } else {
                    changes.append(Change(action: "create", object: object, id: id, record: record, previous: nil))
                }
            }
            for (id, was) in old.sorted(by: { $0.key < $1.key }) where records[id] == nil {
                changes.append(Change(action: "delete", object: object, id: id, record: nil, previous: was))
            }
        }
        return changes
    }

    /// Sends a webhook call for every change between `before` and `after` to the webhooks that want it.
    func fire(before: Snapshot, after: Snapshot, now: Date) {
        let webhooks = all
        guard !webhooks.isEmpty else { return }
        for change in Self.changes(before: before, after: after) {
            let data = change.record.map { Self.v2($0, object: change.object) } ?? .null
            let previous: JSONValue =
                switch change.action {
                case "delete": change.previous.map { Self.v2($0, object: change.object) } ?? .null
                case "change": change.previous.map(JSONValue.object) ?? .null
                default: .null
                }
            send(action: change.action, object: change.object, id: change.id, data: data, previous: previous, to: webhooks, now: now)
        }
    }

    /// The record as v2 answers it where v2 has the kind (`owner_id`, RFC 3339 times), else as v1 keeps it.
    private static func v2(_ record: [String: JSONValue], object: String) -> JSONValue {
        guard let resource = V2Resource.all.first(where: { resource in objects.first { $0.0 == resource.kind }?.1 == object }) else {
            return .object(record)
        }
        return resource.v2Object(record)
    }

    private func send(action: String, object: String, id: String, data: JSONValue, previous: JSONValue, to webhooks: [Webhook], now: Date) {
        let eventID = UUID().uuidString.lowercased()
        for webhook in webhooks where webhook.matches(action: action, object: object) {
            let body: JSONValue = [
                "meta": [
                    "action": .string(action), "entity": .string(object), "entity_id": .string(id), "id": .string(eventID),
                    "timestamp": .string(now.formatted(.iso8601)), "version": "2.0", "company_id": "1",
                    "user_id": .string(String(CRMStore.sandboxUserID)), "webhook_id": .string(String(webhook.id)), "type": "general",
                    "change_source": "api", "is_bulk_edit": false,
                ],
                "data": data,
                "previous": previous,
            ]
            let payload = body.encoded()
            Task { await self.deliver(payload, to: webhook) }
        }
    }

    /// One delivery: the first attempt now, then one after each retry delay until one is answered 2xx.
    private func deliver(_ body: Data, to webhook: Webhook) async {
        var headers = [UpstreamHeader("Content-Type", "application/json"), UpstreamHeader("User-Agent", "Pipedrive Webhooks (sandbox)")]
        if let user = webhook.authUser {
            let credentials = Data("\(user):\(webhook.authPassword ?? "")".utf8).base64EncodedString()
            headers.append(UpstreamHeader("Authorization", "Basic \(credentials)"))
        }
        let client = client.withLock { client in
            if let client { return client }
            let made = CurlHTTPClient(allowing: .anyOrigin, configuration: .init(connectTimeout: .seconds(5), totalTimeout: .seconds(10)))
            client = made
            return made
        }
        for delay in [Duration.zero] + retryDelays {
            if delay > .zero { try? await Task.sleep(for: delay) }
            let status = try? await client.execute(UpstreamRequest(method: "POST", url: webhook.subscriptionURL, headers: headers, body: body)).status
            record(status: status, for: webhook.id)
            if let status, (200..<300).contains(status) { return }
            guard registry.withLock({ state in state.webhooks.contains { $0.id == webhook.id } }) else { return }
        }
    }

    private func record(status: Int?, for id: Int) {
        registry.withLock { state in
            guard let index = state.webhooks.firstIndex(where: { $0.id == id }) else { return }
            state.webhooks[index].lastHTTPStatus = status
            state.webhooks[index].lastDeliveryTime = Timestamp.iso(Date())
        }
    }
}

/// Why a webhook body was refused.
struct WebhookFieldError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
