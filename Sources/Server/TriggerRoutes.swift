import Foundation
public import Hummingbird
import NIOCore
import Storage
import ToolportJSON
public import Triggers

/// Composio's trigger routes (contract §7): trigger types, trigger instances (`triggers.create`, `list_active`,
/// `enable`, `disable`, `delete`) and webhook subscriptions (`triggers.set_webhook_subscription`,
/// `webhooks.subscriptions.*`); Toolport's own delivery log (`/api/toolport/trigger_deliveries`); and the
/// receiver Pipedrive's webhooks call, `/api/toolport/pipedrive/webhooks/{id}`, which checks each webhook's own
/// Basic credentials instead of an API key.
public struct TriggerRoutes: Sendable {
    let triggers: TriggerService

    public init(triggers: TriggerService) {
        self.triggers = triggers
    }

    /// The Composio routes, mounted under each API prefix.
    public func routes() -> RouteCollection<ToolportRequestContext> {
        let routes = RouteCollection(context: ToolportRequestContext.self)
        routes.get("triggers_types") { request, _ in try self.types(request) }
        routes.get("triggers_types/list/enum") { _, _ in Response.json(.array(self.triggers.catalog.types.map { .string($0.slug) })) }
        routes.get("triggers_types/{slug}") { _, context in try self.type(context.pathParameter("slug")) }
        routes.post("trigger_instances/{slug}/upsert") { request, context in try await self.upsert(request, context: context) }
        routes.get("trigger_instances/active") { request, _ in try await self.active(request) }
        routes.patch("trigger_instances/manage/{id}") { request, context in try await self.manage(request, context: context) }
        routes.delete("trigger_instances/manage/{id}") { _, context in try await self.delete(id: context.pathParameter("id")) }
        routes.get("webhook_subscriptions") { request, _ in try await self.subscriptions(request) }
        routes.post("webhook_subscriptions") { request, context in try await self.createSubscription(request, context: context) }
        routes.get("webhook_subscriptions/event_types") { _, _ in Self.eventTypes }
        routes.get("webhook_subscriptions/{id}") { _, context in try await self.subscription(id: context.pathParameter("id")) }
        routes.patch("webhook_subscriptions/{id}") { request, context in try await self.updateSubscription(request, context: context) }
        routes.delete("webhook_subscriptions/{id}") { _, context in try await self.deleteSubscription(id: context.pathParameter("id")) }
        routes.post("webhook_subscriptions/{id}/rotate_secret") { _, context in try await self.rotate(id: context.pathParameter("id")) }
        return routes
    }

    /// Toolport's own routes: the delivery log and Pipedrive's receiver.
    public func add(to router: Router<ToolportRequestContext>) {
        router.get("/api/toolport/trigger_deliveries") { request, _ in try await self.deliveries(request) }
        router.get("/api/toolport/trigger_deliveries/{id}") { _, context in try await self.delivery(id: context.pathParameter("id")) }
        router.post("/api/toolport/pipedrive/webhooks/{id}") { request, context in try await self.receive(request, context: context) }
    }

    /// The path prefix the API key check leaves to the receiver's own credentials.
    public static let receiverPrefix = "/api/toolport/pipedrive/webhooks/"

    // MARK: - Types

    func types(_ request: Request) throws -> Response {
        let query = request.uri.queryParameters
        let toolkits = query.list("toolkit_slugs").map { $0.lowercased() }
        let types = toolkits.isEmpty || toolkits.contains("pipedrive") ? triggers.catalog.types : []
        let page = try PageRequest(query: query).page(total: types.count)
        return Response.json([
            "items": .array(types[page.range].map(Self.wire)), "next_cursor": page.nextCursor.map(JSONValue.string) ?? .null,
            "current_page": .integer(page.currentPage), "total_pages": .integer(page.totalPages), "total_items": .integer(page.totalItems),
        ])
    }

    func type(_ slug: String) throws -> Response {
        guard let type = triggers.catalog.type(slug) else {
            throw APIError(.triggerTypeNotFound, "There is no trigger type \(slug)", suggestedFix: "List them with GET /api/v3.1/triggers_types?toolkit_slugs=pipedrive.")
        }
        return Response.json(Self.wire(type))
    }

    static func wire(_ type: TriggerType) -> JSONValue {
        [
            "slug": .string(type.slug), "name": .string(type.name), "description": .string(type.description),
            "instructions": .string(type.instructions), "type": "webhook", "version": "20260801_00", "config": type.config,
            "payload": type.payload, "requires_webhook_endpoint_setup": false,
            "toolkit": ["slug": "pipedrive", "name": "Pipedrive", "logo": "https://logos.composio.dev/api/pipedrive"],
        ]
    }

    // MARK: - Instances

    func upsert(_ request: Request, context: ToolportRequestContext) async throws -> Response {
        let slug = try context.pathParameter("slug")
        let body = try await request.jsonObject(context: context)
        let userID = try body.optionalString("user_id")
        let accountID = try body.optionalString("connected_account_id")
        let config = body["trigger_config"] ?? .object([:])
        guard case .object = config else { throw APIError(.badRequest, "trigger_config must be an object", errors: ["trigger_config"]) }
        let instance = try await call { () async throws(TriggerError) in
            try await triggers.upsert(slug: slug, userID: userID, connectedAccountID: accountID, config: config)
        }
        return Response.json(["trigger_id": .string(instance.id)])
    }

    func active(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let filter = TriggerInstanceFilter(
            ids: query.list("trigger_ids") + query.list("triggerIds"), slugs: (query.list("trigger_names") + query.list("triggerNames")).map { $0.uppercased() },
            connectedAccountIDs: query.list("connected_account_ids") + query.list("connectedAccountIds"),
            authConfigIDs: query.list("auth_config_ids") + query.list("authConfigIds"), userIDs: query.list("user_ids"),
            includeDisabled: try query.bool("show_disabled") ?? query.bool("showDisabled") ?? false
        )
        let instances = try await call { () async throws(TriggerError) in try await triggers.instances(filter) }
        let page = try PageRequest(query: query).page(total: instances.count)
        return Response.json([
            "items": .array(instances[page.range].map(Self.wire)), "next_cursor": page.nextCursor.map(JSONValue.string) ?? .null,
            "current_page": .integer(page.currentPage), "total_pages": .integer(page.totalPages), "total_items": .integer(page.totalItems),
        ])
    }

    static func wire(_ instance: TriggerInstanceRecord) -> JSONValue {
        let config = (try? JSONValue(parsing: Data(instance.config.utf8))) ?? .object([:])
        let updated = JSONValue.string(instance.updatedAt.formatted(.iso8601))
        let disabled = instance.disabledAt.map { JSONValue.string($0.formatted(.iso8601)) } ?? .null
        return [
            "id": .string(instance.id), "uuid": .string(instance.id), "trigger_name": .string(instance.slug), "triggerName": .string(instance.slug),
            "connected_account_id": .string(instance.connectedAccountID), "connectedAccountId": .string(instance.connectedAccountID),
            "connected_account_uuid": .string(instance.connectedAccountID), "auth_config_id": .string(instance.authConfigID),
            "user_id": .string(instance.userID), "trigger_config": config, "triggerConfig": config, "state": .object([:]),
            "updated_at": updated, "updatedAt": updated, "disabled_at": disabled, "disabledAt": disabled, "version": "20260801_00",
            "egress_url": .null, "created_at": .string(instance.createdAt.formatted(.iso8601)),
        ]
    }

    func manage(_ request: Request, context: ToolportRequestContext) async throws -> Response {
        let id = try context.pathParameter("id")
        let status = try await request.jsonObject(context: context).optionalString("status")
        guard let status, ["enable", "disable"].contains(status) else {
            throw APIError(.badRequest, "status must be enable or disable", errors: ["status"])
        }
        try await call { () async throws(TriggerError) in try await triggers.setEnabled(id: id, status == "enable") }
        return Response.json(["status": "success"])
    }

    func delete(id: String) async throws -> Response {
        try await call { () async throws(TriggerError) in try await triggers.delete(id: id) }
        return Response.json(["trigger_id": .string(id)])
    }

    // MARK: - Webhook subscriptions

    static let eventTypes = Response.json([
        "items": [
            [
                "event_type": .string(TriggerService.messageEvent), "supported_versions": ["V3"],
                "description": "A trigger fired: the payload of a Pipedrive event that passed a trigger instance's filters.",
            ]
        ]
    ])

    func subscriptions(_ request: Request) async throws -> Response {
        let records = try await call { () async throws(TriggerError) in try await triggers.subscriptions() }
        let page = try PageRequest(query: request.uri.queryParameters).page(total: records.count)
        let items = try records[page.range].map(wire)
        return Response.json([
            "items": .array(items), "next_cursor": page.nextCursor.map(JSONValue.string) ?? .null,
            "current_page": .integer(page.currentPage), "total_pages": .integer(page.totalPages), "total_items": .integer(page.totalItems),
        ])
    }

    func createSubscription(_ request: Request, context: ToolportRequestContext) async throws -> Response {
        let body = try await request.jsonObject(context: context)
        guard let url = try body.optionalString("webhook_url") ?? body.optionalString("webhookUrl") else {
            throw APIError(.badRequest, "webhook_url is required", errors: ["webhook_url"])
        }
        let events = try Self.events(body) ?? [TriggerService.messageEvent]
        let version = try body.optionalString("version") ?? "V3"
        let (record, _) = try await call { () async throws(TriggerError) in try await triggers.createSubscription(url: url, events: events, version: version) }
        return Response(status: .created, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: try wire(record).encoded())))
    }

    func subscription(id: String) async throws -> Response {
        Response.json(try wire(try await call { () async throws(TriggerError) in try await triggers.subscription(id: id) }))
    }

    func updateSubscription(_ request: Request, context: ToolportRequestContext) async throws -> Response {
        let id = try context.pathParameter("id")
        let body = try await request.jsonObject(context: context)
        let url = try body.optionalString("webhook_url") ?? body.optionalString("webhookUrl")
        let events = try Self.events(body)
        let version = try body.optionalString("version")
        let record = try await call { () async throws(TriggerError) in
            try await triggers.updateSubscription(id: id, url: url, events: events, version: version)
        }
        return Response.json(try wire(record))
    }

    func deleteSubscription(id: String) async throws -> Response {
        guard try await call({ () async throws(TriggerError) in try await triggers.deleteSubscription(id: id) }) else {
            throw APIError(.webhookSubscriptionNotFound, "There is no webhook subscription \(id)")
        }
        return Response.json(["success": true])
    }

    func rotate(id: String) async throws -> Response {
        let (record, secret) = try await call { () async throws(TriggerError) in try await triggers.rotateSecret(id: id) }
        return Response.json(["id": .string(record.id), "secret": .string(secret)])
    }

    /// A subscription as Composio answers it, its secret included (these routes are admin-only).
    func wire(_ record: WebhookSubscriptionRecord) throws -> JSONValue {
        let events = JSONValue.array(TriggerService.events(of: record).map(JSONValue.string))
        return [
            "id": .string(record.id), "webhook_url": .string(record.url), "version": .string(record.version), "enabled_events": events,
            "secret": .string(try call { () throws(TriggerError) in try triggers.secret(of: record) }),
            "created_at": .string(record.createdAt.formatted(.iso8601)), "updated_at": .string(record.updatedAt.formatted(.iso8601)),
        ]
    }

    static func events(_ body: [String: JSONValue]) throws(APIError) -> [String]? {
        guard let value = body["enabled_events"] ?? body["enabledEvents"], value != .null else { return nil }
        guard let items = value.arrayValue, let names = Optional(items.compactMap(\.stringValue)), names.count == items.count else {
            throw APIError(.badRequest, "enabled_events must be a list of event type names", errors: ["enabled_events"])
        }
        return names
    }

    // MARK: - Deliveries

    func deliveries(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        var status: TriggerDeliveryRecord.Status?
        if let raw = query.nonEmpty("status") {
            guard let parsed = TriggerDeliveryRecord.Status(rawValue: raw) else {
                throw APIError(.badRequest, "status must be pending, delivered or failed, got \"\(raw)\"", errors: ["status"])
            }
            status = parsed
        }
        let limit = try PageRequest(query: query).limit ?? 100
        let records = try await storageCall("list deliveries") { () async throws(StorageError) in
            try await triggers.store.deliveries(triggerID: query.nonEmpty("trigger_id"), status: status, limit: limit)
        }
        return Response.json(["items": .array(records.map(Self.wire))])
    }

    func delivery(id: String) async throws -> Response {
        guard let record = try await storageCall("read a delivery", { () async throws(StorageError) in try await triggers.store.delivery(id: id) }) else {
            throw APIError(.triggerNotFound, "There is no delivery \(id)")
        }
        return Response.json(Self.wire(record))
    }

    static func wire(_ record: TriggerDeliveryRecord) -> JSONValue {
        [
            "id": .string(record.id), "trigger_id": .string(record.triggerID), "trigger_slug": .string(record.triggerSlug),
            "user_id": .string(record.userID), "subscription_id": .string(record.subscriptionID), "status": .string(record.status.rawValue),
            "attempts": .integer(record.attempts), "attempt_log": (try? JSONValue(parsing: Data(record.attemptLog.utf8))) ?? .array([]),
            "next_attempt_at": record.status == .pending ? .string(record.nextAttemptAt.formatted(.iso8601)) : .null,
            "created_at": .string(record.createdAt.formatted(.iso8601)),
            "finished_at": record.finishedAt.map { .string($0.formatted(.iso8601)) } ?? .null,
            "payload": (try? JSONValue(parsing: Data(record.body.utf8)))?["data"] ?? .null,
        ]
    }

    // MARK: - Receiving

    func receive(_ request: Request, context: ToolportRequestContext) async throws -> Response {
        let id = try context.pathParameter("id")
        let body = try await request.body.collect(upTo: 1 << 20)
        let reception = try await call { () async throws(TriggerError) in
            try await triggers.receive(webhookID: id, authorization: request.headers[.authorization], body: Data(body.readableBytesView))
        }
        switch reception {
        case .accepted, .duplicate:
            return Response.json(["status": "ok"])
        case .unknownWebhook:
            throw APIError(.triggerNotFound, "There is no webhook \(id) here; it was removed with its last trigger")
        case .unauthorized:
            throw APIError(.unauthorized, "This webhook's Basic credentials are missing or wrong", headers: [.wwwAuthenticate: "Basic realm=\"toolport\""])
        case .malformed(let reason):
            throw APIError(.badRequest, "Unreadable webhook body: \(reason)")
        }
    }

    // MARK: - Errors

    private func call<T>(_ body: () async throws(TriggerError) -> T) async throws(APIError) -> T {
        do { return try await body() } catch { throw Self.apiError(error) }
    }

    private func call<T>(_ body: () throws(TriggerError) -> T) throws(APIError) -> T {
        do { return try body() } catch { throw Self.apiError(error) }
    }

    static func apiError(_ error: TriggerError) -> APIError {
        switch error {
        case .unknownType: APIError(.triggerTypeNotFound, error.description)
        case .invalidConfig: APIError(.badRequest, error.description, errors: ["trigger_config"])
        case .noAccount: APIError(.badRequest, error.description, errors: ["connected_account_id"])
        case .triggerNotFound: APIError(.triggerNotFound, error.description)
        case .subscriptionNotFound: APIError(.webhookSubscriptionNotFound, error.description)
        case .invalidSubscription: APIError(.badRequest, error.description, errors: ["webhook_url"])
        case .registrationFailed: APIError(.upstreamUnreachable, error.description)
        case .storage: APIError(.serviceUnavailable, "The database did not answer: \(error.description)")
        case .invalidCatalog: APIError(.internalError, error.description)
        }
    }
}
