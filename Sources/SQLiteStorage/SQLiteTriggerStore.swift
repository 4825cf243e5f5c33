public import Foundation
import GRDB
public import Storage

extension TriggerInstanceRecord: SQLiteRow {}
extension PipedriveWebhookRecord: SQLiteRow {}
extension WebhookSubscriptionRecord: SQLiteRow {}
extension TriggerDeliveryRecord: SQLiteRow {}

/// `TriggerStore` over the trigger tables. SQLite has one writer, so a claim in one write transaction is
/// already exclusive.
public struct SQLiteTriggerStore: TriggerStore {
    let writer: any DatabaseWriter

    private typealias Instance = TriggerInstanceRecord.CodingKeys
    private typealias Delivery = TriggerDeliveryRecord.CodingKeys

    public func insertInstance(_ record: TriggerInstanceRecord) async throws(StorageError) {
        try await writer.write(for: "store a trigger") { db in try record.insert(db) }
    }

    public func instance(id: String) async throws(StorageError) -> TriggerInstanceRecord? {
        try await writer.read(for: "read a trigger") { db in try TriggerInstanceRecord.fetchOne(db, key: id) }
    }

    public func instances(_ filter: TriggerInstanceFilter) async throws(StorageError) -> [TriggerInstanceRecord] {
        try await writer.read(for: "list triggers") { db in
            var request = TriggerInstanceRecord.all()
            if !filter.ids.isEmpty { request = request.filter(filter.ids.contains(Column(Instance.id))) }
            if !filter.slugs.isEmpty { request = request.filter(filter.slugs.contains(Column(Instance.slug))) }
            if !filter.connectedAccountIDs.isEmpty { request = request.filter(filter.connectedAccountIDs.contains(Column(Instance.connectedAccountID))) }
            if !filter.authConfigIDs.isEmpty { request = request.filter(filter.authConfigIDs.contains(Column(Instance.authConfigID))) }
            if !filter.userIDs.isEmpty { request = request.filter(filter.userIDs.contains(Column(Instance.userID))) }
            if let webhook = filter.webhookID { request = request.filter(Column(Instance.webhookID) == webhook) }
            if !filter.includeDisabled { request = request.filter(Column(Instance.disabledAt) == nil) }
            return try request.order(Column(Instance.createdAt).desc, Column(Instance.id)).fetchAll(db)
        }
    }

    public func updateInstance(id: String, config: String, now: Date) async throws(StorageError) -> Bool {
        try await writer.write(for: "update a trigger") { db in
            try TriggerInstanceRecord.replace(key: id, in: db) { stored in
                var next = stored
                next.config = config
                next.updatedAt = now
                return next
            }
        }
    }

    public func setDisabled(id: String, at disabledAt: Date?) async throws(StorageError) -> Bool {
        try await writer.write(for: "enable or disable a trigger") { db in
            try TriggerInstanceRecord.replace(key: id, in: db) { stored in
                var next = stored
                next.disabledAt = disabledAt
                next.updatedAt = Date()
                return next
            }
        }
    }

    public func deleteInstance(id: String) async throws(StorageError) -> (instance: TriggerInstanceRecord, orphan: PipedriveWebhookRecord?)? {
        try await writer.write(for: "delete a trigger") { db in
            guard let stored = try TriggerInstanceRecord.fetchOne(db, key: id) else { return nil }
            try stored.delete(db)
            let others = try TriggerInstanceRecord.filter(Column(Instance.webhookID) == stored.webhookID).fetchCount(db)
            guard others == 0, let webhook = try PipedriveWebhookRecord.fetchOne(db, key: stored.webhookID) else { return (stored, nil) }
            return (stored, webhook)
        }
    }

    public func webhook(account: String, event: String, orElse make: @escaping @Sendable () throws(StorageError) -> PipedriveWebhookRecord)
        async throws(StorageError) -> (webhook: PipedriveWebhookRecord, created: Bool)
    {
        try await writer.write(for: "find or make a Pipedrive webhook") { db in
            let key = PipedriveWebhookRecord.registrationKey(account: account, event: event)
            if let stored = try PipedriveWebhookRecord.filter(Column(PipedriveWebhookRecord.CodingKeys.registrationKey) == key).fetchOne(db) {
                return (stored, false)
            }
            let made = try make()
            try made.insert(db)
            return (made, true)
        }
    }

    public func webhook(id: String) async throws(StorageError) -> PipedriveWebhookRecord? {
        try await writer.read(for: "read a Pipedrive webhook") { db in try PipedriveWebhookRecord.fetchOne(db, key: id) }
    }

    public func setPipedriveID(_ pipedriveID: String, webhookID: String) async throws(StorageError) {
        _ = try await writer.write(for: "record a Pipedrive webhook id") { db in
            try PipedriveWebhookRecord.replace(key: webhookID, in: db) { stored in
                var next = stored
                next.pipedriveID = pipedriveID
                return next
            }
        }
    }

    public func deleteWebhook(id: String) async throws(StorageError) {
        _ = try await writer.write(for: "delete a Pipedrive webhook") { db in try PipedriveWebhookRecord.deleteOne(db, key: id) }
    }

    public func insertSubscription(_ record: WebhookSubscriptionRecord) async throws(StorageError) {
        try await writer.write(for: "store a webhook subscription") { db in try record.insert(db) }
    }

    public func subscription(id: String) async throws(StorageError) -> WebhookSubscriptionRecord? {
        try await writer.read(for: "read a webhook subscription") { db in try WebhookSubscriptionRecord.fetchOne(db, key: id) }
    }

    public func subscriptions() async throws(StorageError) -> [WebhookSubscriptionRecord] {
        try await writer.read(for: "list webhook subscriptions") { db in
            try WebhookSubscriptionRecord.order(Column(WebhookSubscriptionRecord.CodingKeys.createdAt), Column(WebhookSubscriptionRecord.CodingKeys.id))
                .fetchAll(db)
        }
    }

    public func updateSubscription(_ record: WebhookSubscriptionRecord) async throws(StorageError) -> Bool {
        try await writer.write(for: "update a webhook subscription") { db in
            try WebhookSubscriptionRecord.replace(key: record.id, in: db) { _ in record }
        }
    }

    public func deleteSubscription(id: String) async throws(StorageError) -> Bool {
        try await writer.write(for: "delete a webhook subscription") { db in try WebhookSubscriptionRecord.deleteOne(db, key: id) }
    }

    public func accept(eventKey: String, deliveries: [TriggerDeliveryRecord], at: Date) async throws(StorageError) -> Bool {
        try await writer.write(for: "accept a trigger event") { db in
            try db.execute(sql: "INSERT OR IGNORE INTO trigger_events (key, received_at) VALUES (?, ?)", arguments: [eventKey, at])
            guard db.changesCount == 1 else { return false }
            for delivery in deliveries { try delivery.insert(db) }
            return true
        }
    }

    public func claimDue(now: Date, leaseUntil: Date, limit: Int) async throws(StorageError) -> [TriggerDeliveryRecord] {
        try await writer.write(for: "claim due deliveries") { db in
            let due = try TriggerDeliveryRecord.filter(Column(Delivery.status) == TriggerDeliveryRecord.Status.pending.rawValue)
                .filter(Column(Delivery.nextAttemptAt) <= now)
                .filter(Column(Delivery.leaseUntil) == nil || Column(Delivery.leaseUntil) < now)
                .order(Column(Delivery.nextAttemptAt)).limit(limit).fetchAll(db)
            return try due.map { stored in
                var leased = stored
                leased.leaseUntil = leaseUntil
                try leased.update(db)
                return leased
            }
        }
    }

    public func finishAttempt(id: String, attempt: String, outcome: DeliveryOutcome, at: Date) async throws(StorageError) {
        _ = try await writer.write(for: "record a delivery attempt") { db in
            try TriggerDeliveryRecord.replace(key: id, in: db) { stored in stored.after(attempt: attempt, outcome: outcome, at: at) }
        }
    }

    public func delivery(id: String) async throws(StorageError) -> TriggerDeliveryRecord? {
        try await writer.read(for: "read a delivery") { db in try TriggerDeliveryRecord.fetchOne(db, key: id) }
    }

    public func deliveries(triggerID: String?, status: TriggerDeliveryRecord.Status?, limit: Int) async throws(StorageError) -> [TriggerDeliveryRecord] {
        try await writer.read(for: "list deliveries") { db in
            var request = TriggerDeliveryRecord.all()
            if let triggerID { request = request.filter(Column(Delivery.triggerID) == triggerID) }
            if let status { request = request.filter(Column(Delivery.status) == status.rawValue) }
            return try request.order(Column(Delivery.createdAt).desc, Column(Delivery.id)).limit(limit).fetchAll(db)
        }
    }

    public func prune(eventsBefore: Date, deliveriesBefore: Date) async throws(StorageError) -> Int {
        try await writer.write(for: "prune trigger events and deliveries") { db in
            try db.execute(sql: "DELETE FROM trigger_events WHERE received_at < ?", arguments: [eventsBefore])
            let events = db.changesCount
            let deliveries = try TriggerDeliveryRecord.filter(Column(Delivery.status) != TriggerDeliveryRecord.Status.pending.rawValue)
                .filter(Column(Delivery.finishedAt) < deliveriesBefore).deleteAll(db)
            return events + deliveries
        }
    }
}
