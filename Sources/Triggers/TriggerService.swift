public import Accounts
import Crypto
public import Execution
public import Foundation
public import Logging
public import Storage
public import Telemetry
public import ToolportJSON

/// What triggers need to know about the deployment.
public struct TriggerConfiguration: Sendable {
    /// The externally visible base of this server (`--public-url`): Pipedrive calls
    /// `{publicURL}/api/toolport/pipedrive/webhooks/{id}`.
    public var publicURL: String
    /// Which delivery URLs may be used.
    public var targets: WebhookTargetPolicy
    /// How failed deliveries are retried.
    public var schedule: DeliverySchedule

    public init(publicURL: String, targets: WebhookTargetPolicy = WebhookTargetPolicy(), schedule: DeliverySchedule = DeliverySchedule()) {
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        self.targets = targets
        self.schedule = schedule
    }

    /// The path Pipedrive's webhook `id` calls.
    public static func receiverPath(webhookID: String) -> String { "/api/toolport/pipedrive/webhooks/\(webhookID)" }
}

/// Trigger instances, the Pipedrive webhooks behind them, webhook subscriptions and the receiving of events.
///
/// ```swift
/// let instance = try await triggers.create(slug: "PIPEDRIVE_NEW_DEAL_TRIGGER", userID: "u1", connectedAccountID: nil, config: [:])
/// ```
public struct TriggerService: Sendable {
    /// The one event type deliveries carry.
    public static let messageEvent = "composio.trigger.message"

    public let catalog: TriggerCatalog
    public let store: any TriggerStore
    public let configuration: TriggerConfiguration
    let box: SecretBox
    let connections: ConnectedAccountService
    let executor: ToolExecutor
    let wake: DeliveryWake
    /// Counts webhook calls and delivery attempts.
    let metrics: ToolportMetrics?
    let logger: Logger

    public init(
        catalog: TriggerCatalog, store: any TriggerStore, box: SecretBox, connections: ConnectedAccountService, executor: ToolExecutor,
        configuration: TriggerConfiguration, wake: DeliveryWake, metrics: ToolportMetrics? = nil, logger: Logger = Logger(label: "toolport.triggers")
    ) {
        self.catalog = catalog
        self.store = store
        self.configuration = configuration
        self.box = box
        self.connections = connections
        self.executor = executor
        self.wake = wake
        self.metrics = metrics
        self.logger = logger
    }

    // MARK: - Instances

    /// The instance of `slug` on the account (`connectedAccountID`, else the user's newest active Pipedrive
    /// account) with `config`: the stored one when the same slug, account and config exist (Composio's upsert),
    /// else a new one. The first instance of an account and event registers a Pipedrive webhook.
    public func upsert(slug: String, userID: String?, connectedAccountID: String?, config: JSONValue) async throws(TriggerError) -> TriggerInstanceRecord {
        guard let type = catalog.type(slug) else { throw .unknownType(slug) }
        let config = config == .null ? JSONValue.object([:]) : config
        let problems = type.problems(in: config)
        guard problems.isEmpty else { throw .invalidConfig(slug: type.slug, problems: problems) }
        let account = try await account(userID: userID, connectedAccountID: connectedAccountID)
        let configText = String(decoding: config.encoded(), as: UTF8.self)
        let existing = try await storage { () async throws(StorageError) in
            try await store.instances(TriggerInstanceFilter(slugs: [type.slug], connectedAccountIDs: [account.id], includeDisabled: true))
        }
        if let same = existing.first(where: { (try? JSONValue(parsing: Data($0.config.utf8))) == config }) { return same }

        let webhook = try await webhook(for: account.id, event: type.event)
        let now = Date()
        let record = TriggerInstanceRecord(
            id: RandomID.make(prefix: "ti_"), slug: type.slug, userID: account.userID, connectedAccountID: account.id,
            authConfigID: account.authConfigID, config: configText, webhookID: webhook.id, createdAt: now, updatedAt: now
        )
        try await storage { () async throws(StorageError) in try await store.insertInstance(record) }
        logger.info("trigger created", metadata: ["trigger_id": "\(record.id)", "slug": "\(record.slug)", "connected_account_id": "\(account.id)"])
        return record
    }

    public func instance(id: String) async throws(TriggerError) -> TriggerInstanceRecord {
        guard let record = try await storage({ () async throws(StorageError) in try await store.instance(id: id) }) else {
            throw .triggerNotFound(id: id)
        }
        return record
    }

    public func instances(_ filter: TriggerInstanceFilter) async throws(TriggerError) -> [TriggerInstanceRecord] {
        try await storage { () async throws(StorageError) in try await store.instances(filter) }
    }

    public func setEnabled(id: String, _ enabled: Bool) async throws(TriggerError) {
        let changed = try await storage { () async throws(StorageError) in try await store.setDisabled(id: id, at: enabled ? nil : Date()) }
        guard changed else { throw .triggerNotFound(id: id) }
    }

    /// Deletes the instance; when it was the last one on its Pipedrive webhook, the webhook is removed from
    /// Pipedrive too.
    public func delete(id: String) async throws(TriggerError) {
        guard let deleted = try await storage({ () async throws(StorageError) in try await store.deleteInstance(id: id) }) else {
            throw .triggerNotFound(id: id)
        }
        guard let orphan = deleted.orphan else { return }
        if let pipedriveID = orphan.pipedriveID {
            let removal = await pipedrive("DELETE", "/v1/webhooks/\(pipedriveID)", account: orphan.connectedAccountID)
            if case .answered(let answer, _) = removal.outcome, (200..<300).contains(answer.status) || answer.status == 404 {
                logger.info("Pipedrive webhook removed", metadata: ["webhook_id": "\(orphan.id)", "event": "\(orphan.event)"])
            } else {
                logger.warning("could not remove the Pipedrive webhook; Pipedrive's calls to it will now be answered 404", metadata: [
                    "webhook_id": "\(orphan.id)", "log_id": "\(removal.logID)",
                ])
            }
        }
        try await storage { () async throws(StorageError) in try await store.deleteWebhook(id: orphan.id) }
    }

    private func account(userID: String?, connectedAccountID: String?) async throws(TriggerError) -> ConnectedAccountRecord {
        if let connectedAccountID, !connectedAccountID.isEmpty {
            do {
                return try await connections.get(id: connectedAccountID)
            } catch {
                throw .noAccount("there is no connected account \(connectedAccountID)")
            }
        }
        guard let userID, !userID.isEmpty else { throw .noAccount("give user_id or connected_account_id") }
        let accounts: [ConnectedAccountRecord]
        do {
            accounts = try await connections.list(ConnectedAccountFilter(userIDs: [userID], statuses: [.active]))
        } catch {
            throw .storage("could not read the user's connected accounts: \(error)")
        }
        guard let account = accounts.first(where: { !$0.isDisabled }) else {
            throw .noAccount("user \(userID) has no active Pipedrive connected account; connect one first")
        }
        return account
    }

    /// The account's webhook for `event`, registered with Pipedrive when it is made now.
    private func webhook(for account: String, event: TriggerType.Event) async throws(TriggerError) -> PipedriveWebhookRecord {
        let password = RandomID.token()
        let sealed: Data
        do { sealed = try box.seal(Data(password.utf8)) } catch { throw .storage("could not seal the webhook's credentials: \(error)") }
        let (webhook, created) = try await storage { () async throws(StorageError) in
            try await store.webhook(account: account, event: event.description) { () throws(StorageError) in
                PipedriveWebhookRecord(
                    id: RandomID.make(prefix: "pw_"), connectedAccountID: account, event: event.description, authUser: RandomID.make(prefix: "toolport_"),
                    sealedPassword: sealed, createdAt: Date()
                )
            }
        }
        guard created else { return webhook }
        do {
            let pipedriveID = try await register(webhook, event: event, password: password)
            try await storage { () async throws(StorageError) in try await store.setPipedriveID(pipedriveID, webhookID: webhook.id) }
            return webhook
        } catch {
            try? await store.deleteWebhook(id: webhook.id)
            throw error
        }
    }

    private func register(_ webhook: PipedriveWebhookRecord, event: TriggerType.Event, password: String) async throws(TriggerError) -> String {
        let body: JSONValue = [
            "subscription_url": .string(configuration.publicURL + TriggerConfiguration.receiverPath(webhookID: webhook.id)),
            "event_action": .string(event.action), "event_object": .string(event.object), "name": .string("Toolport \(event)"),
            "version": "2.0", "http_auth_user": .string(webhook.authUser), "http_auth_password": .string(password),
        ]
        let result = await pipedrive("POST", "/v1/webhooks", body: body, account: webhook.connectedAccountID)
        switch result.outcome {
        case .answered(let answer, _) where (200..<300).contains(answer.status):
            guard let id = answer.data?["data"]?["id"] else {
                throw .registrationFailed("Pipedrive's answer to POST /v1/webhooks has no data.id (execution log \(result.logID))")
            }
            return id.stringValue ?? String(decoding: id.encoded(), as: UTF8.self)
        case .answered(let answer, _):
            let reason = answer.data?["error"]?.stringValue ?? "HTTP \(answer.status)"
            throw .registrationFailed(
                "Pipedrive refused the webhook for \(event): \(reason). Webhooks need the admin scope (OAuth) or an admin's API token, "
                    + "and --public-url (\(configuration.publicURL)) must be reachable by Pipedrive (execution log \(result.logID))"
            )
        case .noCredential(let error):
            throw .noAccount("the account's credential cannot be used: \(error)")
        case .invalid(let error):
            throw .registrationFailed("the registration request is invalid: \(error)")
        case .unanswered(let error, _):
            throw .registrationFailed("Pipedrive did not answer the webhook registration: \(error) (execution log \(result.logID))")
        }
    }

    /// A call to Pipedrive's webhooks API with the account's credential, through the executor's proxy (its host
    /// rules, allow-list, retries, token refresh and execution log).
    private func pipedrive(_ method: String, _ endpoint: String, body: JSONValue? = nil, account: String) async -> (outcome: ProxyOutcome, logID: String) {
        let request: ProxyRequest
        do {
            request = try ProxyRequest(method: method, endpoint: endpoint, body: body)
        } catch {
            return (.invalid(error), "none")
        }
        let result = await executor.proxy(request, selector: AccountSelector(userID: nil, connectedAccountID: account))
        return (result.outcome, result.logID)
    }

    // MARK: - Receiving

    /// What became of one call from Pipedrive.
    public enum Reception: Sendable, Equatable {
        /// Recorded, with this many deliveries queued.
        case accepted(deliveries: Int)
        /// Pipedrive sent this event before (a retry): acknowledged, nothing queued.
        case duplicate
        case unknownWebhook
        case unauthorized
        case malformed(String)

        /// The `result` label of `toolport_trigger_events_total`.
        var metricLabel: String {
            switch self {
            case .accepted: "accepted"
            case .duplicate: "duplicate"
            case .unknownWebhook: "unknown_webhook"
            case .unauthorized: "unauthorized"
            case .malformed: "malformed"
            }
        }
    }

    /// Checks the call's Basic credentials in constant time, reads the v2 body, and, in one transaction, records
    /// the event (once: retries are dropped) and queues a delivery per matching enabled instance and subscription.
    public func receive(webhookID: String, authorization: String?, body: Data) async throws(TriggerError) -> Reception {
        let reception = try await reception(webhookID: webhookID, authorization: authorization, body: body)
        metrics?.triggerEvent(result: reception.metricLabel)
        return reception
    }

    private func reception(webhookID: String, authorization: String?, body: Data) async throws(TriggerError) -> Reception {
        guard let webhook = try await storage({ () async throws(StorageError) in try await store.webhook(id: webhookID) }) else {
            return .unknownWebhook
        }
        guard let password = try? box.open(webhook.sealedPassword),
            BasicCredentials.matches(authorization, user: webhook.authUser, password: password)
        else { return .unauthorized }
        guard let json = try? JSONValue(parsing: body) else { return .malformed("the body is not JSON") }
        guard let event = PipedriveWebhookEvent(json) else { return .malformed("not a webhooks 2.0 body: meta.action, meta.entity and meta.id are required") }

        let instances = try await instances(TriggerInstanceFilter(webhookID: webhook.id))
        let subscriptions = try await storage { () async throws(StorageError) in try await store.subscriptions() }
            .filter { Self.events(of: $0).contains(Self.messageEvent) }
        let now = Date()
        var deliveries: [TriggerDeliveryRecord] = []
        for instance in instances {
            guard let type = catalog.type(instance.slug), let config = try? JSONValue(parsing: Data(instance.config.utf8)),
                TriggerMatch.fires(type, config: config, event: event)
            else { continue }
            let payload = TriggerMatch.payload(type, event: event)
            for subscription in subscriptions {
                let id = RandomID.make(prefix: "msg_")
                let message = Self.message(id: id, instance: instance, payload: payload, at: now)
                deliveries.append(
                    TriggerDeliveryRecord(
                        id: id, subscriptionID: subscription.id, triggerID: instance.id, triggerSlug: instance.slug, userID: instance.userID,
                        body: String(decoding: message.encoded(), as: UTF8.self), nextAttemptAt: now, createdAt: now
                    )
                )
            }
        }
        let queued = deliveries
        let accepted = try await storage { () async throws(StorageError) in
            try await store.accept(eventKey: "\(webhook.id):\(event.id)", deliveries: queued, at: now)
        }
        guard accepted else { return .duplicate }
        if !queued.isEmpty { wake.signal() }
        return .accepted(deliveries: queued.count)
    }

    /// The V3 envelope Composio's SDK reads (`composio.trigger.message`).
    static func message(id: String, instance: TriggerInstanceRecord, payload: JSONValue, at date: Date) -> JSONValue {
        [
            "id": .string(id), "type": .string(messageEvent), "timestamp": .string(date.formatted(.iso8601)),
            "metadata": [
                "log_id": .string(RandomID.make(prefix: "log_")), "trigger_slug": .string(instance.slug), "trigger_id": .string(instance.id),
                "connected_account_id": .string(instance.connectedAccountID), "auth_config_id": .string(instance.authConfigID),
                "user_id": .string(instance.userID),
            ],
            "data": payload,
        ]
    }

    // MARK: - Subscriptions

    /// Stores a subscription with a new secret; the secret is returned with it.
    public func createSubscription(url: String, events: [String], version: String) async throws(TriggerError) -> (WebhookSubscriptionRecord, String) {
        try check(url: url, events: events, version: version)
        let secret = RandomID.token()
        let now = Date()
        let record = WebhookSubscriptionRecord(
            id: RandomID.make(prefix: "ws_"), url: url, version: version, enabledEvents: Self.text(events), sealedSecret: try seal(secret),
            createdAt: now, updatedAt: now
        )
        try await storage { () async throws(StorageError) in try await store.insertSubscription(record) }
        return (record, secret)
    }

    public func subscription(id: String) async throws(TriggerError) -> WebhookSubscriptionRecord {
        guard let record = try await storage({ () async throws(StorageError) in try await store.subscription(id: id) }) else {
            throw .subscriptionNotFound(id: id)
        }
        return record
    }

    public func subscriptions() async throws(TriggerError) -> [WebhookSubscriptionRecord] {
        try await storage { () async throws(StorageError) in try await store.subscriptions() }
    }

    /// Changes the given fields of subscription `id`.
    public func updateSubscription(id: String, url: String?, events: [String]?, version: String?) async throws(TriggerError) -> WebhookSubscriptionRecord {
        var record = try await subscription(id: id)
        try check(url: url ?? record.url, events: events ?? Self.events(of: record), version: version ?? record.version)
        record.url = url ?? record.url
        record.enabledEvents = events.map(Self.text) ?? record.enabledEvents
        record.version = version ?? record.version
        record.updatedAt = Date()
        let updated = record
        guard try await storage({ () async throws(StorageError) in try await store.updateSubscription(updated) }) else {
            throw .subscriptionNotFound(id: id)
        }
        return updated
    }

    /// Gives subscription `id` a new secret; deliveries already queued are signed with it from their next attempt.
    public func rotateSecret(id: String) async throws(TriggerError) -> (WebhookSubscriptionRecord, String) {
        var record = try await subscription(id: id)
        let secret = RandomID.token()
        record.sealedSecret = try seal(secret)
        record.updatedAt = Date()
        let updated = record
        _ = try await storage { () async throws(StorageError) in try await store.updateSubscription(updated) }
        return (updated, secret)
    }

    public func deleteSubscription(id: String) async throws(TriggerError) -> Bool {
        try await storage { () async throws(StorageError) in try await store.deleteSubscription(id: id) }
    }

    /// The subscription's secret in the clear.
    public func secret(of record: WebhookSubscriptionRecord) throws(TriggerError) -> String {
        do { return String(decoding: try box.open(record.sealedSecret), as: UTF8.self) } catch {
            throw .storage("could not open the subscription's secret: \(error)")
        }
    }

    /// The subscription's enabled event names.
    public static func events(of record: WebhookSubscriptionRecord) -> [String] {
        ((try? JSONValue(parsing: Data(record.enabledEvents.utf8)))?.arrayValue ?? []).compactMap(\.stringValue)
    }

    private func check(url: String, events: [String], version: String) throws(TriggerError) {
        if let refusal = configuration.targets.refusal(for: url) { throw .invalidSubscription(refusal) }
        guard version == "V3" else { throw .invalidSubscription("version must be V3: Toolport sends Composio's V3 envelopes only") }
        let unknown = events.filter { $0 != Self.messageEvent }
        guard unknown.isEmpty else {
            throw .invalidSubscription("unknown event type \(unknown.joined(separator: ", ")); the one event type is \(Self.messageEvent)")
        }
    }

    private func seal(_ secret: String) throws(TriggerError) -> Data {
        do { return try box.seal(Data(secret.utf8)) } catch { throw .storage("could not seal the secret: \(error)") }
    }

    private static func text(_ events: [String]) -> String {
        String(decoding: JSONValue.array(events.map(JSONValue.string)).encoded(), as: UTF8.self)
    }

    private func storage<T>(_ body: () async throws(StorageError) -> T) async throws(TriggerError) -> T {
        do { return try await body() } catch { throw .storage(error.summary) }
    }
}

/// HTTP Basic credentials, compared in constant time.
enum BasicCredentials {
    /// Whether `header` is `Basic base64(user:password)` for exactly this user and password.
    static func matches(_ header: String?, user: String, password: Data) -> Bool {
        guard let header, header.count > 6, header.prefix(6).lowercased() == "basic ",
            let decoded = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces))
        else { return false }
        let expected = Data((user + ":").utf8) + password
        // HMAC both sides with a per-call key: equal-length digests compared in constant time.
        let key = SymmetricKey(size: .bits256)
        return HMAC<SHA256>.isValidAuthenticationCode(HMAC<SHA256>.authenticationCode(for: decoded, using: key), authenticating: expected, using: key)
    }
}
