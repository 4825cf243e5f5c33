public import Foundation
import PostgresNIO
public import Storage

/// `TriggerStore` over the trigger tables. A claim locks due rows with `FOR UPDATE SKIP LOCKED`, so replicas
/// polling at once lease disjoint deliveries.
public struct PostgresTriggerStore: TriggerStore {
    let database: PostgresDatabase

    public func insertInstance(_ record: TriggerInstanceRecord) async throws(StorageError) {
        _ = try await database.count("store a trigger", record.insertQuery)
    }

    public func instance(id: String) async throws(StorageError) -> TriggerInstanceRecord? {
        try await database.rows("read a trigger", "\(unescaped: TriggerInstanceRecord.selectAll) WHERE id = \(id)", as: TriggerInstanceRecord.self).first
    }

    /// Reads the candidates by the one indexed condition given and applies the rest of `filter` in memory:
    /// one user's or one webhook's instances are few.
    public func instances(_ filter: TriggerInstanceFilter) async throws(StorageError) -> [TriggerInstanceRecord] {
        let query: PostgresQuery =
            if let webhook = filter.webhookID {
                "\(unescaped: TriggerInstanceRecord.selectAll) WHERE webhook_id = \(webhook)"
            } else if !filter.connectedAccountIDs.isEmpty {
                "\(unescaped: TriggerInstanceRecord.selectAll) WHERE connected_account_id = ANY(\(filter.connectedAccountIDs))"
            } else {
                "\(unescaped: TriggerInstanceRecord.selectAll)"
            }
        let rows = try await database.rows("list triggers", query, as: TriggerInstanceRecord.self)
        return rows.filter(filter.matches).sorted { ($0.createdAt, $1.id) > ($1.createdAt, $0.id) }
    }

    public func updateInstance(id: String, config: String, now: Date) async throws(StorageError) -> Bool {
        try await database.replace("update a trigger", key: id) { (stored: TriggerInstanceRecord) in
            var next = stored
            next.config = config
            next.updatedAt = now
            return next
        }
    }

    public func setDisabled(id: String, at disabledAt: Date?) async throws(StorageError) -> Bool {
        let now = Date()
        return try await database.replace("enable or disable a trigger", key: id) { (stored: TriggerInstanceRecord) in
            var next = stored
            next.disabledAt = disabledAt
            next.updatedAt = now
            return next
        }
    }

    /// Locks the instance's webhook row first, so that a concurrent create for the same webhook either sees
    /// the instance gone and the webhook kept, or waits.
    public func deleteInstance(id: String) async throws(StorageError) -> (instance: TriggerInstanceRecord, orphan: PipedriveWebhookRecord?)? {
        let logger = database.logger
        return try await database.transaction("delete a trigger") { connection in
            let deleted = try await connection.query(
                "DELETE FROM trigger_instances WHERE id = \(id) RETURNING \(unescaped: TriggerInstanceRecord.columnList)", logger: logger
            ).collect()
            guard let row = deleted.first else { return nil }
            let instance = try TriggerInstanceRecord(row)
            let webhooks = try await connection.query(
                "\(unescaped: PipedriveWebhookRecord.selectAll) WHERE id = \(instance.webhookID) FOR UPDATE", logger: logger
            ).collect()
            let others = try await connection.query(
                "SELECT count(*) FROM trigger_instances WHERE webhook_id = \(instance.webhookID)", logger: logger
            ).collect()
            guard let webhook = webhooks.first, try others.first?.decode(Int.self) == 0 else { return (instance, nil) }
            return (instance, try PipedriveWebhookRecord(webhook))
        }
    }

    public func webhook(account: String, event: String, orElse make: @escaping @Sendable () throws(StorageError) -> PipedriveWebhookRecord)
        async throws(StorageError) -> (webhook: PipedriveWebhookRecord, created: Bool)
    {
        let key = PipedriveWebhookRecord.registrationKey(account: account, event: event)
        let made = try make()
        let inserted = try await database.rows(
            "make a Pipedrive webhook",
            PostgresQuery(
                unsafeSQL: "INSERT INTO pipedrive_webhooks (\(PipedriveWebhookRecord.columnList)) VALUES \(PipedriveWebhookRecord.placeholders(from: 1)) "
                    + "ON CONFLICT (registration_key) DO NOTHING RETURNING \(PipedriveWebhookRecord.columnList)",
                binds: made.bindings
            ),
            as: PipedriveWebhookRecord.self
        )
        if let webhook = inserted.first { return (webhook, true) }
        let stored = try await database.rows(
            "find a Pipedrive webhook", "\(unescaped: PipedriveWebhookRecord.selectAll) WHERE registration_key = \(key)", as: PipedriveWebhookRecord.self
        )
        guard let webhook = stored.first else { throw .queryFailed(operation: "find a Pipedrive webhook", reason: "it was deleted meanwhile; try again") }
        return (webhook, false)
    }

    public func webhook(id: String) async throws(StorageError) -> PipedriveWebhookRecord? {
        try await database.rows("read a Pipedrive webhook", "\(unescaped: PipedriveWebhookRecord.selectAll) WHERE id = \(id)", as: PipedriveWebhookRecord.self)
            .first
    }

    public func setPipedriveID(_ pipedriveID: String, webhookID: String) async throws(StorageError) {
        _ = try await database.count("record a Pipedrive webhook id", "UPDATE pipedrive_webhooks SET pipedrive_id = \(pipedriveID) WHERE id = \(webhookID) RETURNING 1")
    }

    public func deleteWebhook(id: String) async throws(StorageError) {
        _ = try await database.count("delete a Pipedrive webhook", "DELETE FROM pipedrive_webhooks WHERE id = \(id) RETURNING 1")
    }

    public func insertSubscription(_ record: WebhookSubscriptionRecord) async throws(StorageError) {
        _ = try await database.count("store a webhook subscription", record.insertQuery)
    }

    public func subscription(id: String) async throws(StorageError) -> WebhookSubscriptionRecord? {
        try await database.rows(
            "read a webhook subscription", "\(unescaped: WebhookSubscriptionRecord.selectAll) WHERE id = \(id)", as: WebhookSubscriptionRecord.self
        ).first
    }

    public func subscriptions() async throws(StorageError) -> [WebhookSubscriptionRecord] {
        try await database.rows(
            "list webhook subscriptions", "\(unescaped: WebhookSubscriptionRecord.selectAll) ORDER BY created_at, id", as: WebhookSubscriptionRecord.self
        )
    }

    public func updateSubscription(_ record: WebhookSubscriptionRecord) async throws(StorageError) -> Bool {
        try await database.replace("update a webhook subscription", key: record.id) { (_: WebhookSubscriptionRecord) in record }
    }

    public func deleteSubscription(id: String) async throws(StorageError) -> Bool {
        try await database.count("delete a webhook subscription", "DELETE FROM webhook_subscriptions WHERE id = \(id) RETURNING 1") > 0
    }

    public func accept(eventKey: String, deliveries: [TriggerDeliveryRecord], at: Date) async throws(StorageError) -> Bool {
        let logger = database.logger
        let received = at.storedPrecision
        return try await database.transaction("accept a trigger event") { connection in
            let inserted = try await connection.query(
                "INSERT INTO trigger_events (key, received_at) VALUES (\(eventKey), \(received)) ON CONFLICT (key) DO NOTHING RETURNING 1", logger: logger
            ).collect()
            guard !inserted.isEmpty else { return false }
            for delivery in deliveries { try await connection.query(delivery.insertQuery, logger: logger) }
            return true
        }
    }

    public func claimDue(now: Date, leaseUntil: Date, limit: Int) async throws(StorageError) -> [TriggerDeliveryRecord] {
        let now = now.storedPrecision
        let lease = leaseUntil.storedPrecision
        return try await database.rows(
            "claim due deliveries",
            """
            UPDATE trigger_deliveries SET lease_until = \(lease) WHERE id IN (
                SELECT id FROM trigger_deliveries WHERE status = 'pending' AND next_attempt_at <= \(now)
                AND (lease_until IS NULL OR lease_until < \(now)) ORDER BY next_attempt_at LIMIT \(limit) FOR UPDATE SKIP LOCKED
            ) RETURNING \(unescaped: TriggerDeliveryRecord.columnList)
            """,
            as: TriggerDeliveryRecord.self
        )
    }

    public func finishAttempt(id: String, attempt: String, outcome: DeliveryOutcome, at: Date) async throws(StorageError) {
        _ = try await database.replace("record a delivery attempt", key: id) { (stored: TriggerDeliveryRecord) in
            stored.after(attempt: attempt, outcome: outcome, at: at)
        }
    }

    public func delivery(id: String) async throws(StorageError) -> TriggerDeliveryRecord? {
        try await database.rows("read a delivery", "\(unescaped: TriggerDeliveryRecord.selectAll) WHERE id = \(id)", as: TriggerDeliveryRecord.self).first
    }

    public func deliveries(triggerID: String?, status: TriggerDeliveryRecord.Status?, limit: Int) async throws(StorageError) -> [TriggerDeliveryRecord] {
        try await database.rows(
            "list deliveries",
            """
            \(unescaped: TriggerDeliveryRecord.selectAll) WHERE (\(triggerID)::text IS NULL OR trigger_id = \(triggerID))
            AND (\(status?.rawValue)::text IS NULL OR status = \(status?.rawValue)) ORDER BY created_at DESC, id LIMIT \(limit)
            """,
            as: TriggerDeliveryRecord.self
        )
    }

    public func prune(eventsBefore: Date, deliveriesBefore: Date) async throws(StorageError) -> Int {
        let events = eventsBefore.storedPrecision
        let deliveries = deliveriesBefore.storedPrecision
        return try await database.count("prune trigger events", "DELETE FROM trigger_events WHERE received_at < \(events) RETURNING 1")
            + database.count(
                "prune trigger deliveries", "DELETE FROM trigger_deliveries WHERE status <> 'pending' AND finished_at < \(deliveries) RETURNING 1"
            )
    }
}

extension TriggerInstanceRecord: PostgresStoredRow {
    init(_ row: PostgresRow) throws {
        let (id, slug, user, account, authConfig, config, webhook, disabled, created, updated) = try row.decode(
            (String, String, String, String, String, String, String, Date?, Date, Date).self
        )
        self.init(
            id: id, slug: slug, userID: user, connectedAccountID: account, authConfigID: authConfig, config: config, webhookID: webhook,
            disabledAt: disabled, createdAt: created, updatedAt: updated
        )
    }

    func bind(into bindings: inout PostgresBindings) {
        bindings.append(id)
        bindings.append(slug)
        bindings.append(userID)
        bindings.append(connectedAccountID)
        bindings.append(authConfigID)
        bindings.append(config)
        bindings.append(webhookID)
        bindings.append(disabledAt?.storedPrecision)
        bindings.append(createdAt.storedPrecision)
        bindings.append(updatedAt.storedPrecision)
    }
}

extension PipedriveWebhookRecord: PostgresStoredRow {
    init(_ row: PostgresRow) throws {
        let (id, account, event, _, pipedriveID, user, password, created) = try row.decode(
            (String, String, String, String, String?, String, Data, Date).self
        )
        self.init(
            id: id, connectedAccountID: account, event: event, pipedriveID: pipedriveID, authUser: user, sealedPassword: password,
            createdAt: created
        )
    }

    func bind(into bindings: inout PostgresBindings) {
        bindings.append(id)
        bindings.append(connectedAccountID)
        bindings.append(event)
        bindings.append(registrationKey)
        bindings.append(pipedriveID)
        bindings.append(authUser)
        bindings.append(ByteBuffer(bytes: sealedPassword))
        bindings.append(createdAt.storedPrecision)
    }
}

extension WebhookSubscriptionRecord: PostgresStoredRow {
    init(_ row: PostgresRow) throws {
        let (id, url, version, events, secret, created, updated) = try row.decode((String, String, String, String, Data, Date, Date).self)
        self.init(id: id, url: url, version: version, enabledEvents: events, sealedSecret: secret, createdAt: created, updatedAt: updated)
    }

    func bind(into bindings: inout PostgresBindings) {
        bindings.append(id)
        bindings.append(url)
        bindings.append(version)
        bindings.append(enabledEvents)
        bindings.append(ByteBuffer(bytes: sealedSecret))
        bindings.append(createdAt.storedPrecision)
        bindings.append(updatedAt.storedPrecision)
    }
}

extension TriggerDeliveryRecord: PostgresStoredRow {
    init(_ row: PostgresRow) throws {
        let (id, subscription, trigger, slug, user, body, status, attempts, log, next, lease, created, finished) = try row.decode(
            (String, String, String, String, String, String, String, Int, String, Date, Date?, Date, Date?).self
        )
        self.init(
            id: id, subscriptionID: subscription, triggerID: trigger, triggerSlug: slug, userID: user, body: body,
            status: Status(rawValue: status) ?? .pending, attempts: attempts, attemptLog: log, nextAttemptAt: next, leaseUntil: lease,
            createdAt: created, finishedAt: finished
        )
    }

    func bind(into bindings: inout PostgresBindings) {
        bindings.append(id)
        bindings.append(subscriptionID)
        bindings.append(triggerID)
        bindings.append(triggerSlug)
        bindings.append(userID)
        bindings.append(body)
        bindings.append(status.rawValue)
        bindings.append(attempts)
        bindings.append(attemptLog)
        bindings.append(nextAttemptAt.storedPrecision)
        bindings.append(leaseUntil?.storedPrecision)
        bindings.append(createdAt.storedPrecision)
        bindings.append(finishedAt?.storedPrecision)
    }
}
