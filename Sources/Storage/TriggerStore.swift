public import Foundation

/// A trigger instance (`ti_…`): one user's subscription to one trigger type on one connected account, with
/// the filters (`config`) an event must pass.
public struct TriggerInstanceRecord: Sendable, Equatable, StoredRow {
    public static let table = "trigger_instances"

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, slug
        case userID = "user_id"
        case connectedAccountID = "connected_account_id"
        case authConfigID = "auth_config_id"
        case config
        case webhookID = "webhook_id"
        case disabledAt = "disabled_at"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    public var id: String
    /// The trigger type, such as `PIPEDRIVE_NEW_DEAL_TRIGGER`.
    public var slug: String
    public var userID: String
    public var connectedAccountID: String
    public var authConfigID: String
    /// The trigger config as JSON text (an object).
    public var config: String
    /// The ``PipedriveWebhookRecord`` whose events reach it.
    public var webhookID: String
    /// When it was disabled; nil: enabled.
    public var disabledAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: String, slug: String, userID: String, connectedAccountID: String, authConfigID: String, config: String, webhookID: String,
        disabledAt: Date? = nil, createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.slug = slug
        self.userID = userID
        self.connectedAccountID = connectedAccountID
        self.authConfigID = authConfigID
        self.config = config
        self.webhookID = webhookID
        self.disabledAt = disabledAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A webhook registered in one Pipedrive account for one event (`create.deal`), shared by every trigger
/// instance of that account that listens to the event. Pipedrive calls it with HTTP Basic credentials
/// made for it alone; the password is kept sealed.
public struct PipedriveWebhookRecord: Sendable, Equatable, StoredRow {
    public static let table = "pipedrive_webhooks"

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case connectedAccountID = "connected_account_id"
        case event
        case registrationKey = "registration_key"
        case pipedriveID = "pipedrive_id"
        case authUser = "auth_user"
        case sealedPassword = "sealed_password"
        case createdAt = "created_at"
    }

    /// `pw_…`, the last segment of its subscription URL.
    public var id: String
    public var connectedAccountID: String
    /// `<event_action>.<event_object>`, as Pipedrive names it.
    public var event: String
    /// `<connected account>|<event>`: at most one webhook per account and event.
    public var registrationKey: String
    /// Pipedrive's id for it, once registered.
    public var pipedriveID: String?
    public var authUser: String
    public var sealedPassword: Data
    public var createdAt: Date

    public init(
        id: String, connectedAccountID: String, event: String, pipedriveID: String? = nil, authUser: String, sealedPassword: Data,
        createdAt: Date
    ) {
        self.id = id
        self.connectedAccountID = connectedAccountID
        self.event = event
        self.registrationKey = Self.registrationKey(account: connectedAccountID, event: event)
        self.pipedriveID = pipedriveID
        self.authUser = authUser
        self.sealedPassword = sealedPassword
        self.createdAt = createdAt
    }

    /// The key that makes a webhook unique per account and event.
    public static func registrationKey(account: String, event: String) -> String { "\(account)|\(event)" }
}

/// Where deliveries go (Composio's webhook subscription): a URL, the events it takes and the secret its
/// deliveries are signed with (sealed).
public struct WebhookSubscriptionRecord: Sendable, Equatable, StoredRow {
    public static let table = "webhook_subscriptions"

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id, url, version
        case enabledEvents = "enabled_events"
        case sealedSecret = "sealed_secret"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    public var id: String
    public var url: String
    public var version: String
    /// A JSON array of event type names.
    public var enabledEvents: String
    public var sealedSecret: Data
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, url: String, version: String, enabledEvents: String, sealedSecret: Data, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.url = url
        self.version = version
        self.enabledEvents = enabledEvents
        self.sealedSecret = sealedSecret
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One signed message in the outbox: a trigger event on its way to a webhook subscription, with every
/// attempt made so far.
public struct TriggerDeliveryRecord: Sendable, Equatable, StoredRow {
    public static let table = "trigger_deliveries"

    public enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case subscriptionID = "subscription_id"
        case triggerID = "trigger_id"
        case triggerSlug = "trigger_slug"
        case userID = "user_id"
        case body, status, attempts
        case attemptLog = "attempt_log"
        case nextAttemptAt = "next_attempt_at"
        case leaseUntil = "lease_until"
        case createdAt = "created_at"
        case finishedAt = "finished_at"
    }

    /// Where a delivery stands.
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// Waiting for its next attempt.
        case pending
        /// The subscriber answered 2xx.
        case delivered
        /// The retry period ran out.
        case failed
    }

    /// `msg_…`: the `webhook-id` every attempt carries.
    public var id: String
    public var subscriptionID: String
    public var triggerID: String
    public var triggerSlug: String
    public var userID: String
    /// The exact JSON text that is signed and sent.
    public var body: String
    public var status: Status
    public var attempts: Int
    /// A JSON array of attempts: `{at, status_code?, error?, duration_ms}`.
    public var attemptLog: String
    public var nextAttemptAt: Date
    /// While set and in the future, one process holds the delivery.
    public var leaseUntil: Date?
    public var createdAt: Date
    public var finishedAt: Date?

    public init(
        id: String, subscriptionID: String, triggerID: String, triggerSlug: String, userID: String, body: String, status: Status = .pending,
        attempts: Int = 0, attemptLog: String = "[]", nextAttemptAt: Date, leaseUntil: Date? = nil, createdAt: Date, finishedAt: Date? = nil
    ) {
        self.id = id
        self.subscriptionID = subscriptionID
        self.triggerID = triggerID
        self.triggerSlug = triggerSlug
        self.userID = userID
        self.body = body
        self.status = status
        self.attempts = attempts
        self.attemptLog = attemptLog
        self.nextAttemptAt = nextAttemptAt
        self.leaseUntil = leaseUntil
        self.createdAt = createdAt
        self.finishedAt = finishedAt
    }
}

/// Which trigger instances a listing returns: every non-empty list narrows it.
public struct TriggerInstanceFilter: Sendable, Equatable {
    public var ids: [String]
    public var slugs: [String]
    public var connectedAccountIDs: [String]
    public var authConfigIDs: [String]
    public var userIDs: [String]
    public var webhookID: String?
    public var includeDisabled: Bool

    public init(
        ids: [String] = [], slugs: [String] = [], connectedAccountIDs: [String] = [], authConfigIDs: [String] = [], userIDs: [String] = [],
        webhookID: String? = nil, includeDisabled: Bool = false
    ) {
        self.ids = ids
        self.slugs = slugs
        self.connectedAccountIDs = connectedAccountIDs
        self.authConfigIDs = authConfigIDs
        self.userIDs = userIDs
        self.webhookID = webhookID
        self.includeDisabled = includeDisabled
    }

    /// Whether `record` passes: the rule both engines' queries follow.
    public func matches(_ record: TriggerInstanceRecord) -> Bool {
        (ids.isEmpty || ids.contains(record.id)) && (slugs.isEmpty || slugs.contains(record.slug))
            && (connectedAccountIDs.isEmpty || connectedAccountIDs.contains(record.connectedAccountID))
            && (authConfigIDs.isEmpty || authConfigIDs.contains(record.authConfigID)) && (userIDs.isEmpty || userIDs.contains(record.userID))
            && (webhookID == nil || webhookID == record.webhookID) && (includeDisabled || record.disabledAt == nil)
    }
}

/// How an attempt ended, and what comes next for the delivery.
public enum DeliveryOutcome: Sendable, Equatable {
    case delivered
    case retry(at: Date)
    case failed
}

/// Triggers and their deliveries. Each engine keeps the same rules: one webhook per account and event, an
/// event key accepted once, and a due delivery leased to one process at a time.
public protocol TriggerStore: Sendable {
    func insertInstance(_ record: TriggerInstanceRecord) async throws(StorageError)
    func instance(id: String) async throws(StorageError) -> TriggerInstanceRecord?
    /// The instances `filter` passes, newest first.
    func instances(_ filter: TriggerInstanceFilter) async throws(StorageError) -> [TriggerInstanceRecord]
    /// Replaces the config of instance `id`; false when there is none.
    func updateInstance(id: String, config: String, now: Date) async throws(StorageError) -> Bool
    /// Enables (`disabledAt` nil) or disables the instance; false when there is none.
    func setDisabled(id: String, at disabledAt: Date?) async throws(StorageError) -> Bool
    /// Deletes the instance and, in the same transaction, its webhook when no other instance uses it; the
    /// deleted instance and the webhook left without instances, if any.
    func deleteInstance(id: String) async throws(StorageError) -> (instance: TriggerInstanceRecord, orphan: PipedriveWebhookRecord?)?

    /// The webhook of `account` for `event`, made with `make` (and stored) when there is none yet; whether it
    /// was made now.
    func webhook(account: String, event: String, orElse make: @escaping @Sendable () throws(StorageError) -> PipedriveWebhookRecord)
        async throws(StorageError) -> (webhook: PipedriveWebhookRecord, created: Bool)
    func webhook(id: String) async throws(StorageError) -> PipedriveWebhookRecord?
    /// Records Pipedrive's id for the webhook.
    func setPipedriveID(_ pipedriveID: String, webhookID: String) async throws(StorageError)
    /// Deletes the webhook record (not its instances).
    func deleteWebhook(id: String) async throws(StorageError)

    func insertSubscription(_ record: WebhookSubscriptionRecord) async throws(StorageError)
    func subscription(id: String) async throws(StorageError) -> WebhookSubscriptionRecord?
    /// Every subscription, oldest first.
    func subscriptions() async throws(StorageError) -> [WebhookSubscriptionRecord]
    /// Writes `record` over the stored subscription; false when there is none.
    func updateSubscription(_ record: WebhookSubscriptionRecord) async throws(StorageError) -> Bool
    func deleteSubscription(id: String) async throws(StorageError) -> Bool

    /// Records event `key` and queues `deliveries`, in one transaction; false (and nothing queued) when the
    /// key was accepted before.
    func accept(eventKey: String, deliveries: [TriggerDeliveryRecord], at: Date) async throws(StorageError) -> Bool
    /// Up to `limit` pending deliveries due at `now` and not leased, leased until `leaseUntil`: no other
    /// process gets them until then.
    func claimDue(now: Date, leaseUntil: Date, limit: Int) async throws(StorageError) -> [TriggerDeliveryRecord]
    /// Appends `attempt` (a JSON object) to the delivery's log and moves it on by `outcome`, releasing its lease.
    func finishAttempt(id: String, attempt: String, outcome: DeliveryOutcome, at: Date) async throws(StorageError)
    func delivery(id: String) async throws(StorageError) -> TriggerDeliveryRecord?
    /// Deliveries, newest first, of one trigger (or all) in one status (or any).
    func deliveries(triggerID: String?, status: TriggerDeliveryRecord.Status?, limit: Int) async throws(StorageError) -> [TriggerDeliveryRecord]
    /// Forgets event keys received before `eventsBefore` (Pipedrive retries within minutes) and deliveries that
    /// finished before `deliveriesBefore`; how many rows went.
    func prune(eventsBefore: Date, deliveriesBefore: Date) async throws(StorageError) -> Int
}

extension TriggerDeliveryRecord {
    /// The delivery after an attempt: `attempt` (a JSON object) appended to its log, its lease released, and
    /// its status moved on by `outcome`.
    public func after(attempt: String, outcome: DeliveryOutcome, at now: Date) -> TriggerDeliveryRecord {
        var next = self
        next.attempts += 1
        next.attemptLog = attemptLog == "[]" ? "[\(attempt)]" : String(attemptLog.dropLast()) + ",\(attempt)]"
        next.leaseUntil = nil
        switch outcome {
        case .delivered:
            next.status = .delivered
            next.finishedAt = now
        case .failed:
            next.status = .failed
            next.finishedAt = now
        case .retry(let at):
            next.nextAttemptAt = at
        }
        return next
    }
}
