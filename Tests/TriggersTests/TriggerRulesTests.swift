import CurlHTTP
import Foundation
import Testing
import ToolportJSON
@testable import Triggers

/// The pure decisions behind triggers: which events fire which instance, what a delivery carries and how it is
/// signed, when it is retried, and where it may go.
struct TriggerRulesTests {
    static let catalog: TriggerCatalog = {
        let directory = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "../../schemas/pipedrive/triggers").standardized
        return try! TriggerCatalog.load(from: directory)
    }()

    static func event(_ action: String, _ object: String, data: JSONValue, previous: JSONValue = .null) -> PipedriveWebhookEvent {
        PipedriveWebhookEvent([
            "meta": ["action": .string(action), "entity": .string(object), "id": "evt-1", "entity_id": "7", "timestamp": "2026-12-06T10:00:00Z",
                     "user_id": "1", "company_id": "9"],
            "data": data, "previous": previous,
        ])!
    }

    @Test func theCatalogHoldsComposiosSlugsAndAValidConfigSchemaEach() throws {
        #expect(Self.catalog.types.count == 23)
        for slug in ["PIPEDRIVE_NEW_DEAL_TRIGGER", "PIPEDRIVE_NEW_NOTE_TRIGGER", "PIPEDRIVE_NEW_ORGANIZATION_TRIGGER", "PIPEDRIVE_DEAL_WON_TRIGGER"] {
            #expect(Self.catalog.type(slug) != nil)
        }
        let deal = try #require(Self.catalog.type("pipedrive_new_deal_trigger"))
        #expect(deal.event == TriggerType.Event(action: "create", object: "deal"))
        #expect(deal.problems(in: ["pipeline_id": 1]).isEmpty)
        #expect(!deal.problems(in: ["pipeline_id": "one"]).isEmpty)
        #expect(!deal.problems(in: ["no_such_filter": 1]).isEmpty)
    }

    static let firingCases: [(String, String, JSONValue, PipedriveWebhookEvent, Bool)] = [
        ("a new deal fires the new-deal trigger", "PIPEDRIVE_NEW_DEAL_TRIGGER", [:], event("create", "deal", data: ["id": 7, "pipeline_id": 1]), true),
        ("another object does not", "PIPEDRIVE_NEW_DEAL_TRIGGER", [:], event("create", "person", data: ["id": 7]), false),
        ("another action does not", "PIPEDRIVE_NEW_DEAL_TRIGGER", [:], event("change", "deal", data: ["id": 7]), false),
        ("a matching filter fires", "PIPEDRIVE_NEW_DEAL_TRIGGER", ["pipeline_id": 1], event("create", "deal", data: ["id": 7, "pipeline_id": 1]), true),
        ("a filter on another value does not", "PIPEDRIVE_NEW_DEAL_TRIGGER", ["pipeline_id": 2], event("create", "deal", data: ["id": 7, "pipeline_id": 1]), false),
        ("a filter on a missing field does not", "PIPEDRIVE_NEW_DEAL_TRIGGER", ["stage_id": 2], event("create", "deal", data: ["id": 7]), false),
        ("a v1 id object matches by id", "PIPEDRIVE_NEW_DEAL_TRIGGER", ["owner_id": 3], event("create", "deal", data: ["id": 7, "owner_id": ["id": 3, "name": "Ann"]]), true),
        ("a numeric string matches", "PIPEDRIVE_NEW_DEAL_TRIGGER", ["owner_id": 3], event("create", "deal", data: ["id": 7, "owner_id": "3"]), true),
        ("won: status changed to won", "PIPEDRIVE_DEAL_WON_TRIGGER", [:], event("change", "deal", data: ["id": 7, "status": "won"], previous: ["status": "open"]), true),
        ("won: another field changed on a won deal", "PIPEDRIVE_DEAL_WON_TRIGGER", [:], event("change", "deal", data: ["id": 7, "status": "won"], previous: ["value": 5]), false),
        ("won: lost is not won", "PIPEDRIVE_DEAL_WON_TRIGGER", [:], event("change", "deal", data: ["id": 7, "status": "lost"], previous: ["status": "open"]), false),
        ("updated: a listed field changed", "PIPEDRIVE_DEAL_UPDATED_TRIGGER", ["changed_fields": ["stage_id"]], event("change", "deal", data: ["id": 7, "stage_id": 2], previous: ["stage_id": 1]), true),
        ("updated: only other fields changed", "PIPEDRIVE_DEAL_UPDATED_TRIGGER", ["changed_fields": ["stage_id"]], event("change", "deal", data: ["id": 7], previous: ["title": "a"]), false),
        ("deleted: filters read the last state", "PIPEDRIVE_DEAL_DELETED_TRIGGER", ["owner_id": 1], event("delete", "deal", data: .null, previous: ["id": 7, "owner_id": 1]), true),
    ]

    @Test(arguments: firingCases)
    func fires(_ rule: String, _ slug: String, _ config: JSONValue, _ event: PipedriveWebhookEvent, _ expected: Bool) throws {
        let type = try #require(Self.catalog.type(slug))
        #expect(TriggerMatch.fires(type, config: config, event: event) == expected, "\(rule)")
    }

    @Test func thePayloadCarriesTheRecordUnderItsObjectName() throws {
        let type = try #require(Self.catalog.type("PIPEDRIVE_DEAL_UPDATED_TRIGGER"))
        let payload = TriggerMatch.payload(type, event: Self.event("change", "deal", data: ["id": 7, "title": "New"], previous: ["title": "Old"]))
        #expect(payload["deal"]?["title"] == "New")
        #expect(payload["previous"]?["title"] == "Old")
        #expect(payload["event_id"] == "evt-1" && payload["user_id"] == 1 && payload["company_id"] == 9 && payload["id"] == "7")
    }

    @Test func v1ActionsReadAsV2AndBodiesWithoutMetaAreRefused() {
        #expect(PipedriveWebhookEvent(["meta": ["action": "added", "entity": "deal", "id": 5], "data": ["id": 1]])?.action == "create")
        #expect(PipedriveWebhookEvent(["event": "added.deal", "current": ["id": 1]]) == nil)
    }

    @Test func theSignatureIsTheSDKsHMAC() {
        // base64(HMAC-SHA256("whsec-test", "msg_1.1700000000.{\"a\":1}")), computed with Python's hmac.
        #expect(WebhookSignature.sign(id: "msg_1", timestamp: 1_700_000_000, body: #"{"a":1}"#, secret: "whsec-test") == "v1,JheLhC+XazWfKczPdtdCd7wKbDI4biXb3hLSiqCNQBU=")
    }

    static let scheduleCases: [(Int, Int, Int?)] = [
        // (attempts so far, seconds since queued, expected delay in seconds or nil when the period is over)
        (1, 0, 1), (2, 1, 2), (3, 3, 4), (6, 40, 32), (12, 4000, 300), (40, 4000, 300), (3, 86_398, nil),
    ]

    @Test(arguments: scheduleCases)
    func retries(_ attempts: Int, _ elapsed: Int, _ delay: Int?) {
        let schedule = DeliverySchedule()
        let queued = Date(timeIntervalSince1970: 0)
        let now = queued.addingTimeInterval(TimeInterval(elapsed))
        let next = schedule.nextAttempt(after: attempts, queuedAt: queued, now: now)
        #expect(next.map { Int($0.timeIntervalSince(now)) } == delay)
    }

    static let targetCases: [(String, Bool)] = [
        ("https://hooks.example.com/a", true),
        ("http://hooks.example.com/a", false),
        ("https://127.0.0.1/a", false),
        ("https://10.1.2.3/a", false),
        ("https://192.168.0.4/a", false),
        ("https://[::1]/a", false),
        ("https://localhost/a", false),
        ("https://printer.local/a", false),
        ("https://8.8.8.8/a", true),
        ("ftp://example.com/a", false),
        ("http://127.0.0.1:9000/hooks", true),  // allowed by the operator
    ]

    @Test(arguments: targetCases)
    func targets(_ url: String, _ allowed: Bool) throws {
        let policy = WebhookTargetPolicy(allowedOrigins: [try Origin(parsing: "http://127.0.0.1:9000")])
        #expect((policy.refusal(for: url) == nil) == allowed, "\(url)")
    }

    static let addressCases: [(String, Bool)] = [
        ("8.8.8.8", true), ("127.0.0.1", false), ("10.0.0.1", false), ("172.16.5.4", false), ("172.32.0.1", true), ("192.168.1.1", false),
        ("169.254.169.254", false), ("100.64.0.1", false), ("0.0.0.0", false), ("224.0.0.1", false), ("::1", false), ("::", false),
        ("fd00::1", false), ("fe80::1", false), ("2001:4860:4860::8888", true), ("::ffff:127.0.0.1", false), ("::ffff:8.8.8.8", true), ("nonsense", false),
    ]

    @Test(arguments: addressCases)
    func addresses(_ address: String, _ isPublic: Bool) {
        #expect(IPAddressClass.isPublic(address) == isPublic, "\(address)")
    }

    @Test func basicCredentialsMustMatchExactly() {
        let password = Data("s3cret".utf8)
        let good = "Basic " + Data("user:s3cret".utf8).base64EncodedString()
        #expect(BasicCredentials.matches(good, user: "user", password: password))
        #expect(!BasicCredentials.matches("Basic " + Data("user:s3cre".utf8).base64EncodedString(), user: "user", password: password))
        #expect(!BasicCredentials.matches("Bearer x", user: "user", password: password))
        #expect(!BasicCredentials.matches(nil, user: "user", password: password))
    }
}
