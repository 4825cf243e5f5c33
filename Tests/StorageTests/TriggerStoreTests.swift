import Foundation
import Storage
import Testing

/// Triggers keep one webhook per account and event, accept an event key once, lease a due delivery to one caller,
/// and record each attempt; the same behaviour on every engine.
struct TriggerStoreTests {
    typealias Support = StorageTestSupport

    /// An auth config and an account `ca_1`, which webhooks reference.
    static func seeded(_ database: any ToolportStorage) async throws -> any TriggerStore {
        let box = try Support.randomBox()
        try await database.authConfigs(box).insert(Support.authConfig(id: "ac_pd"))
        try await database.connectedAccounts(box).insert(Support.account(id: "ca_1", authConfigID: "ac_pd"))
        return database.triggers
    }

    static func webhook(id: String, event: String = "create.deal") -> PipedriveWebhookRecord {
        PipedriveWebhookRecord(id: id, connectedAccountID: "ca_1", event: event, authUser: "toolport_u", sealedPassword: Data([1, 2, 3]), createdAt: Support.date(0))
    }

    static func instance(id: String, webhook: String, created: Int = 0, config: String = "{}") -> TriggerInstanceRecord {
        TriggerInstanceRecord(
            id: id, slug: "PIPEDRIVE_NEW_DEAL_TRIGGER", userID: "user-1", connectedAccountID: "ca_1", authConfigID: "ac_pd", config: config,
            webhookID: webhook, createdAt: Support.date(created), updatedAt: Support.date(created)
        )
    }

    static func delivery(id: String, due: Int, created: Int = 0) -> TriggerDeliveryRecord {
        TriggerDeliveryRecord(
            id: id, subscriptionID: "ws_1", triggerID: "ti_1", triggerSlug: "PIPEDRIVE_NEW_DEAL_TRIGGER", userID: "user-1", body: #"{"id":"\#(id)"}"#,
            nextAttemptAt: Support.date(due), createdAt: Support.date(created)
        )
    }

    @Test func oneWebhookPerAccountAndEvent() async throws {
        try await Support.forEachStorage { database in
            let store = try await Self.seeded(database)
            let first = try await store.webhook(account: "ca_1", event: "create.deal") { Self.webhook(id: "pw_1") }
            let again = try await store.webhook(account: "ca_1", event: "create.deal") { Self.webhook(id: "pw_2") }
            let other = try await store.webhook(account: "ca_1", event: "change.deal") { Self.webhook(id: "pw_3", event: "change.deal") }
            #expect(first.created && first.webhook.id == "pw_1")
            #expect(!again.created && again.webhook.id == "pw_1")
            #expect(other.created && other.webhook.id == "pw_3")
            try await store.setPipedriveID("42", webhookID: "pw_1")
            #expect(try await store.webhook(id: "pw_1")?.pipedriveID == "42")
            #expect(try await store.webhook(id: "pw_1")?.sealedPassword == Data([1, 2, 3]))
        }
    }

    @Test func deletingTheLastInstanceOfAWebhookReportsItOrphaned() async throws {
        try await Support.forEachStorage { database in
            let store = try await Self.seeded(database)
            _ = try await store.webhook(account: "ca_1", event: "create.deal") { Self.webhook(id: "pw_1") }
            try await store.insertInstance(Self.instance(id: "ti_1", webhook: "pw_1", created: 1))
            try await store.insertInstance(Self.instance(id: "ti_2", webhook: "pw_1", created: 2))
            #expect(try await store.instances(TriggerInstanceFilter(webhookID: "pw_1")).map(\.id) == ["ti_2", "ti_1"])

            #expect(try await store.setDisabled(id: "ti_2", at: Support.date(5)))
            #expect(try await store.instances(TriggerInstanceFilter(webhookID: "pw_1")).map(\.id) == ["ti_1"])
            #expect(try await store.instances(TriggerInstanceFilter(webhookID: "pw_1", includeDisabled: true)).count == 2)

            let first = try #require(try await store.deleteInstance(id: "ti_1"))
            #expect(first.instance.id == "ti_1" && first.orphan == nil)
            let last = try #require(try await store.deleteInstance(id: "ti_2"))
            #expect(last.orphan?.id == "pw_1")
            #expect(try await store.deleteInstance(id: "ti_2") == nil)
        }
    }

    @Test func anEventKeyIsAcceptedOnce() async throws {
        try await Support.forEachStorage { database in
            let store = try await Self.seeded(database)
            #expect(try await store.accept(eventKey: "pw_1:event-1", deliveries: [Self.delivery(id: "msg_1", due: 0)], at: Support.date(0)))
            #expect(try await !store.accept(eventKey: "pw_1:event-1", deliveries: [Self.delivery(id: "msg_2", due: 0)], at: Support.date(1)))
            #expect(try await store.delivery(id: "msg_1") != nil)
            #expect(try await store.delivery(id: "msg_2") == nil)
        }
    }

    @Test func aDueDeliveryIsLeasedToOneCallerAndMovesOnAfterEachAttempt() async throws {
        try await Support.forEachStorage { database in
            let store = try await Self.seeded(database)
            _ = try await store.accept(
                eventKey: "k", deliveries: [Self.delivery(id: "msg_due", due: 10), Self.delivery(id: "msg_later", due: 100)], at: Support.date(0)
            )
            let claimed = try await store.claimDue(now: Support.date(20), leaseUntil: Support.date(80), limit: 10)
            #expect(claimed.map(\.id) == ["msg_due"])
            #expect(try await store.claimDue(now: Support.date(30), leaseUntil: Support.date(90), limit: 10).isEmpty)

            try await store.finishAttempt(id: "msg_due", attempt: #"{"error":"down"}"#, outcome: .retry(at: Support.date(40)), at: Support.date(31))
            let retried = try #require(try await store.delivery(id: "msg_due"))
            #expect(retried.status == .pending && retried.attempts == 1 && retried.leaseUntil == nil)
            #expect(retried.attemptLog == #"[{"error":"down"}]"#)
            #expect(try await store.claimDue(now: Support.date(41), leaseUntil: Support.date(99), limit: 10).map(\.id) == ["msg_due"])

            try await store.finishAttempt(id: "msg_due", attempt: #"{"status_code":200}"#, outcome: .delivered, at: Support.date(42))
            let delivered = try #require(try await store.delivery(id: "msg_due"))
            #expect(delivered.status == .delivered && delivered.attempts == 2 && delivered.finishedAt == Support.date(42))
            #expect(delivered.attemptLog == #"[{"error":"down"},{"status_code":200}]"#)
            #expect(try await store.deliveries(triggerID: "ti_1", status: .delivered, limit: 10).map(\.id) == ["msg_due"])
            #expect(try await store.deliveries(triggerID: nil, status: .pending, limit: 10).map(\.id) == ["msg_later"])
        }
    }

    @Test func anExpiredLeaseIsClaimedAgain() async throws {
        try await Support.forEachStorage { database in
            let store = try await Self.seeded(database)
            _ = try await store.accept(eventKey: "k", deliveries: [Self.delivery(id: "msg_1", due: 0)], at: Support.date(0))
            #expect(try await store.claimDue(now: Support.date(1), leaseUntil: Support.date(5), limit: 1).count == 1)
            #expect(try await store.claimDue(now: Support.date(6), leaseUntil: Support.date(10), limit: 1).map(\.id) == ["msg_1"])
        }
    }

    @Test func subscriptionsAreStoredUpdatedAndDeleted() async throws {
        try await Support.forEachStorage { database in
            let store = try await Self.seeded(database)
            let record = WebhookSubscriptionRecord(
                id: "ws_1", url: "https://hooks.example.com/a", version: "V3", enabledEvents: #"["composio.trigger.message"]"#,
                sealedSecret: Data([9, 9]), createdAt: Support.date(0), updatedAt: Support.date(0)
            )
            try await store.insertSubscription(record)
            var changed = record
            changed.url = "https://hooks.example.com/b"
            #expect(try await store.updateSubscription(changed))
            #expect(try await store.subscriptions() == [changed])
            #expect(try await store.deleteSubscription(id: "ws_1"))
            #expect(try await store.subscription(id: "ws_1") == nil)
        }
    }

    @Test func pruningForgetsOldEventKeysAndFinishedDeliveriesOnly() async throws {
        try await Support.forEachStorage { database in
            let store = try await Self.seeded(database)
            _ = try await store.accept(eventKey: "old", deliveries: [Self.delivery(id: "msg_done", due: 0), Self.delivery(id: "msg_waiting", due: 0)], at: Support.date(0))
            _ = try await store.accept(eventKey: "new", deliveries: [], at: Support.date(100))
            try await store.finishAttempt(id: "msg_done", attempt: "{}", outcome: .delivered, at: Support.date(10))
            #expect(try await store.prune(eventsBefore: Support.date(50), deliveriesBefore: Support.date(50)) == 2)
            #expect(try await store.accept(eventKey: "old", deliveries: [], at: Support.date(200)))
            #expect(try await !store.accept(eventKey: "new", deliveries: [], at: Support.date(200)))
            #expect(try await store.delivery(id: "msg_done") == nil)
            #expect(try await store.delivery(id: "msg_waiting") != nil)
        }
    }

    @Test func deletingTheAccountDeletesItsWebhooksAndTriggers() async throws {
        try await Support.forEachStorage { database in
            let box = try Support.randomBox()
            try await database.authConfigs(box).insert(Support.authConfig(id: "ac_pd"))
            try await database.connectedAccounts(box).insert(Support.account(id: "ca_1", authConfigID: "ac_pd"))
            let store = database.triggers
            _ = try await store.webhook(account: "ca_1", event: "create.deal") { Self.webhook(id: "pw_1") }
            try await store.insertInstance(Self.instance(id: "ti_1", webhook: "pw_1"))
            #expect(try await database.connectedAccounts(box).delete(id: "ca_1"))
            #expect(try await store.webhook(id: "pw_1") == nil)
            #expect(try await store.instance(id: "ti_1") == nil)
        }
    }
}
