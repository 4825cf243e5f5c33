import Foundation
public import Hummingbird
import NIOCore
public import Storage
import ToolportJSON

/// `/api/toolport/keys`: admin keys create, list and revoke API keys (scoped or admin). `APIKeyMiddleware`
/// refuses scoped keys here.
public struct KeyRoutes: Sendable {
    let store: any APIKeyStore

    public init(store: any APIKeyStore) {
        self.store = store
    }

    public func routes() -> RouteCollection<ToolportRequestContext> {
        let routes = RouteCollection(context: ToolportRequestContext.self)
        routes.post("keys") { request, context in try await self.create(request, context: context) }
        routes.get("keys") { _, _ in try await self.list() }
        routes.delete("keys/{id}") { _, context in try await self.revoke(id: context.pathParameter("id")) }
        return routes
    }

    /// `{name, user_ids?, tools?, read_only?, expires_at?}` → the record and, once, the key.
    func create(_ request: Request, context: ToolportRequestContext) async throws -> Response {
        let body = try await request.jsonObject(context: context)
        guard let name = try body.optionalString("name"), !name.isEmpty else {
            throw APIError(.badRequest, "name is required", errors: ["name"])
        }
        let scope = APIKeyScope(
            userIDs: try Self.strings(body["user_ids"], field: "user_ids"), tools: try Self.strings(body["tools"], field: "tools"),
            readOnly: try Self.flag(body["read_only"], field: "read_only")
        )
        var expiresAt: Date?
        if let text = try body.optionalString("expires_at") {
            guard let date = AccountsWire.date(text) else {
                throw APIError(.badRequest, "expires_at must be an ISO 8601 date-time such as 2027-01-31T00:00:00Z", errors: ["expires_at"])
            }
            expiresAt = date
        }
        let key = APIKeySecret.generate()
        let record: APIKeyRecord
        do {
            record = try await store.insert(name: name, plaintext: key, scope: scope, expiresAt: expiresAt)
        } catch {
            throw APIError(.serviceUnavailable, "The key could not be stored: the database is unavailable; try again shortly.")
        }
        var answer = Self.object(record)
        answer["key"] = .string(key)
        return Response(status: .created, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: JSONValue.object(answer).encoded())))
    }

    func list() async throws -> Response {
        let records: [APIKeyRecord]
        do {
            records = try await store.all()
        } catch {
            throw APIError(.serviceUnavailable, "The keys could not be read: the database is unavailable; try again shortly.")
        }
        let body: JSONValue = ["items": .array(records.map { .object(Self.object($0)) })]
        return Response.json(ByteBuffer(bytes: body.encoded()))
    }

    func revoke(id: String) async throws -> Response {
        let revoked: Bool
        do {
            revoked = try await store.revoke(id: id)
        } catch {
            throw APIError(.serviceUnavailable, "The key could not be revoked: the database is unavailable; try again shortly.")
        }
        guard revoked else { throw APIError(.badRequest, "No active key \(id)", errors: ["id"]) }
        return Response.json(ByteBuffer(bytes: JSONValue.object(["success": true, "id": .string(id)]).encoded()))
    }

    /// The key as answered, never its value: `{id, name, hint, user_ids, tools, read_only, expires_at, created_at, revoked_at}`.
    static func object(_ record: APIKeyRecord) -> [String: JSONValue] {
        [
            "id": .string(record.id), "name": .string(record.name), "hint": .string(record.hint),
            "user_ids": record.scope.userIDs.map { .array($0.map(JSONValue.string)) } ?? .null,
            "tools": record.scope.tools.map { .array($0.map(JSONValue.string)) } ?? .null,
            "read_only": .bool(record.scope.readOnly),
            "expires_at": record.expiresAt.map(AccountsWire.timestamp) ?? .null,
            "created_at": AccountsWire.timestamp(record.createdAt),
            "revoked_at": record.revokedAt.map(AccountsWire.timestamp) ?? .null,
        ]
    }

    private static func strings(_ value: JSONValue?, field: String) throws(APIError) -> [String]? {
        switch value {
        case nil, .null: return nil
        case .array(let items):
            let strings = items.compactMap(\.stringValue).filter { !$0.isEmpty }
            guard strings.count == items.count, !strings.isEmpty else {
                throw APIError(.badRequest, "\(field) must be a non-empty array of strings", errors: [field])
            }
            return strings
        case let other?: throw APIError(.badRequest, "\(field) must be an array of strings, got \(other.briefDescription)", errors: [field])
        }
    }

    private static func flag(_ value: JSONValue?, field: String) throws(APIError) -> Bool {
        switch value {
        case nil, .null: return false
        case .bool(let flag): return flag
        case let other?: throw APIError(.badRequest, "\(field) must be a boolean, got \(other.briefDescription)", errors: [field])
        }
    }
}
