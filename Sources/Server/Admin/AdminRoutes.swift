import Accounts
import Catalog
public import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Storage
import ToolportJSON

/// How the admin console signs its sessions; nil in `ServerDependencies` turns the console off.
public struct AdminConsoleSettings: Sendable {
    /// The session signing key (`SecretBox.derivedKey(purpose: AdminConsoleSettings.keyPurpose)`).
    public var sessionKey: Data
    /// Whether the session cookie is `Secure` (the public URL is https).
    public var secureCookie: Bool

    public init(sessionKey: Data, secureCookie: Bool) {
        self.sessionKey = sessionKey
        self.secureCookie = secureCookie
    }

    /// The purpose the session key is derived for from the master key.
    public static let keyPurpose = AdminSessionSigner.keyPurpose
}

/// `/admin`: the server-rendered admin console. Pages need a session cookie made by signing in with an admin key;
/// every action is a POST form carrying the session's CSRF token, answered with a 303 redirect (or, for what is
/// shown once, a page). It calls the same services as the JSON routes.
struct AdminRoutes: Sendable {
    let signer: AdminSessionSigner
    let secureCookie: Bool
    let authenticator: APIKeyAuthenticator
    let accounts: AccountServices
    let toolkit: Toolkit
    let logs: any ExecutionLogStore
    let failures = SignInFailures()

    init(settings: AdminConsoleSettings, authenticator: APIKeyAuthenticator, accounts: AccountServices, toolkit: Toolkit, logs: any ExecutionLogStore) {
        signer = AdminSessionSigner(keyData: settings.sessionKey)
        secureCookie = settings.secureCookie
        self.authenticator = authenticator
        self.accounts = accounts
        self.toolkit = toolkit
        self.logs = logs
        // Parses the templates now, as the router is built, rather than on the first page.
        _ = AdminTemplates.library
    }

    /// Allows the console's own stylesheet and forms posting back to it; no script, no frames, no other origin.
    static let contentSecurityPolicy = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    /// The most a console form may weigh.
    static let formLimit = 64 * 1024

    func add(to router: Router<ToolportRequestContext>) {
        router.get("admin") { _, _ in Self.redirect("/admin/accounts") }
        router.get("admin/console.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "no-cache"],
                body: .init(byteBuffer: ByteBuffer(string: AdminTemplates.stylesheet))
            )
        }
        router.get("admin/sign-in") { request, _ in await self.signInPage(request) }
        router.post("admin/sign-in") { request, _ in await self.signIn(request) }
        router.post("admin/sign-out") { request, _ in await self.signOut(request) }
        router.get("admin/auth-configs") { request, _ in await self.viewing(request) { session in try await self.authConfigsPage(request, session) } }
        router.post("admin/auth-configs") { request, _ in await self.acting(request) { _, fields in try await self.createAuthConfig(fields) } }
        router.post("admin/auth-configs/{id}/disable") { request, context in
            await self.acting(request) { _, _ in try await self.setAuthConfig(context.pathParameter("id"), enabled: false) }
        }
        router.post("admin/auth-configs/{id}/enable") { request, context in
            await self.acting(request) { _, _ in try await self.setAuthConfig(context.pathParameter("id"), enabled: true) }
        }
        router.get("admin/accounts") { request, _ in
            await self.viewing(request) { session in
                try await self.accountsPage(user: request.uri.queryParameters.nonEmpty("user"), notice: Self.notice(request), session: session)
            }
        }
        router.post("admin/accounts/{id}/disable") { request, context in
            await self.acting(request) { _, _ in try await self.setAccount(context.pathParameter("id"), enabled: false) }
        }
        router.post("admin/accounts/{id}/enable") { request, context in
            await self.acting(request) { _, _ in try await self.setAccount(context.pathParameter("id"), enabled: true) }
        }
        router.post("admin/accounts/{id}/delete") { request, context in
            await self.acting(request) { _, _ in try await self.deleteAccount(context.pathParameter("id")) }
        }
        router.post("admin/connect-links") { request, _ in await self.acting(request) { session, fields in try await self.createLink(fields, session) } }
        router.get("admin/executions") { request, _ in await self.viewing(request) { session in try await self.executionsPage(request, session) } }
        router.get("admin/executions/{id}") { request, context in
            await self.viewing(request) { session in try await self.executionPage(context.pathParameter("id"), session) }
        }
        router.get("admin/keys") { request, _ in await self.viewing(request) { session in try await self.keysPage(session, notice: Self.notice(request), created: nil) } }
        router.post("admin/keys") { request, _ in await self.acting(request) { session, fields in try await self.createKey(fields, session) } }
        router.post("admin/keys/{id}/revoke") { request, context in
            await self.acting(request) { _, _ in try await self.revokeKey(context.pathParameter("id")) }
        }
    }

    // MARK: Sessions

    /// The request's session, if its cookie is valid and the admin key that signed in is still an active admin key.
    func session(_ request: Request) async -> AdminSession? {
        guard let value = AdminCookie.value(named: AdminSessionSigner.cookieName, in: request.headers[.cookie]),
            case .success(let session) = signer.session(fromCookie: value, now: Date())
        else { return nil }
        guard let keyID = session.keyID else { return session }
        guard let keys = try? await authenticator.store.all(), let key = keys.first(where: { $0.id == keyID }),
            key.revokedAt == nil, key.scope.isAdmin, key.expiresAt.map({ $0 > Date() }) ?? true
        else { return nil }
        return session
    }

    func signInPage(_ request: Request) async -> Response {
        if await session(request) != nil { return Self.redirect("/admin/accounts") }
        return page("sign-in", title: "Sign in", session: nil, notice: Self.notice(request))
    }

    func signIn(_ request: Request) async -> Response {
        let now = Date()
        guard await failures.allows(now: now) else {
            return page(
                "sign-in", title: "Sign in", status: .tooManyRequests, session: nil,
                context: ["error": "Too many failed sign-ins: wait a minute, then try again."]
            )
        }
        let fields: [String: String]
        do {
            fields = try await Self.form(request)
        } catch {
            return message(.contentTooLarge, "Form too large", "The form is larger than the \(Self.formLimit / 1024) KiB it can be.", session: nil)
        }
        let caller: Caller
        do throws(APIError) {
            caller = try await authenticator.caller(for: fields["api_key"] ?? "")
        } catch where error.status == .serviceUnavailable {
            return page("sign-in", title: "Sign in", status: .serviceUnavailable, session: nil, context: ["error": error.message])
        } catch {
            await failures.record(now)
            return page(
                "sign-in", title: "Sign in", status: .unauthorized, session: nil,
                context: ["error": "That is not a valid API key (unknown, revoked or expired). Use TOOLPORT_API_KEY or another admin key."]
            )
        }
        guard caller.isAdmin else {
            await failures.record(now)
            return page(
                "sign-in", title: "Sign in", status: .forbidden, session: nil,
                context: ["error": "That key is scoped (to users, tools or reads): only an admin key may sign in to the console."]
            )
        }
        let session = signer.issue(keyID: caller.keyID, now: now)
        var response = Self.redirect("/admin/accounts")
        response.headers[.setCookie] = AdminCookie.setting(signer.cookieValue(session), maxAge: signer.lifetime, secure: secureCookie)
        return response
    }

    func signOut(_ request: Request) async -> Response {
        if let session = await session(request) {
            let fields = (try? await Self.form(request)) ?? [:]
            guard signer.checkCSRF(fields["csrf_token"] ?? "", for: session) else { return csrfRefusal(session) }
        }
        var response = Self.redirect("/admin/sign-in?notice=\(AdminNotice.signedOut.rawValue)")
        response.headers[.setCookie] = AdminCookie.clearing(secure: secureCookie)
        return response
    }

    /// A page for a signed-in admin; anyone else is sent to the sign-in page.
    func viewing(_ request: Request, _ body: (AdminSession) async throws -> Response) async -> Response {
        guard let session = await session(request) else { return Self.redirect("/admin/sign-in") }
        do {
            return try await body(session)
        } catch {
            return failure(error, session: session, back: "/admin")
        }
    }

    /// An action: a signed-in admin's form whose CSRF token matches the session; anything else is a 403 page.
    func acting(_ request: Request, _ body: (AdminSession, [String: String]) async throws -> Response) async -> Response {
        guard let session = await session(request) else {
            return message(.forbidden, "Signed out", "Your session has ended or was never started: sign in again.", session: nil, back: "/admin/sign-in")
        }
        let fields: [String: String]
        do {
            fields = try await Self.form(request)
        } catch {
            return message(.contentTooLarge, "Form too large", "The form is larger than the \(Self.formLimit / 1024) KiB it can be.", session: session)
        }
        guard signer.checkCSRF(fields["csrf_token"] ?? "", for: session) else { return csrfRefusal(session) }
        do {
            return try await body(session, fields)
        } catch {
            return failure(error, session: session, back: request.headers[.referer].flatMap(Self.consolePath) ?? "/admin")
        }
    }

    func csrfRefusal(_ session: AdminSession) -> Response {
        message(
            .forbidden, "Form refused", "This form's CSRF token does not belong to your session. Reload the page and submit the form again.",
            session: session
        )
    }

    // MARK: Auth configs

    func authConfigsPage(_ request: Request, _ session: AdminSession) async throws -> Response {
        let records = try await accountsCall { () throws(AccountsError) in try await accounts.authConfigs.list(toolkit: nil, includeDisabled: true, search: nil) }
        var configs: [[String: Any]] = []
        for record in records {
            let count = try await accountsCall { () throws(AccountsError) in try await accounts.authConfigs.connectionCount(id: record.id) }
            configs.append(["id": record.id, "name": record.name, "scheme": record.authScheme, "enabled": record.isEnabled, "connections": count])
        }
        let schemes: [[String: Any]] = toolkit.authSchemes.map { scheme in
            let group = scheme.fields.authConfigCreation
            let fields: [[String: Any]] = (group.required + group.optional).map { field in
                var row: [String: Any] = [
                    "name": field.name, "label": field.displayName, "required": group.required.contains { $0.name == field.name }, "secret": field.isSecret,
                ]
                if !field.description.isEmpty { row["description"] = field.description }
                return row
            }
            return ["mode": scheme.mode, "name": scheme.name, "fields": fields]
        }
        return page("auth-configs", title: "Auth configs", session: session, notice: Self.notice(request), context: ["configs": configs, "schemes": schemes])
    }

    func createAuthConfig(_ fields: [String: String]) async throws -> Response {
        let options = Self.authConfigOptions(fields)
        _ = try await accountsCall { () throws(AccountsError) in try await accounts.authConfigs.create(toolkitSlug: toolkit.slug, options: options) }
        return Self.redirect("/admin/auth-configs?notice=\(AdminNotice.authConfigCreated.rawValue)")
    }

    /// The create form's fields as Composio's `auth_config` object: `auth_scheme`, an optional `name`, and each
    /// non-empty `credentials.<field>`.
    static func authConfigOptions(_ fields: [String: String]) -> JSONValue {
        var credentials: [String: JSONValue] = [:]
        for (name, value) in fields where name.hasPrefix("credentials.") && !value.isEmpty {
            credentials[String(name.dropFirst("credentials.".count))] = .string(value)
        }
        var options: [String: JSONValue] = [
            "type": "use_custom_auth", "authScheme": .string(fields["auth_scheme"] ?? ""), "credentials": .object(credentials),
        ]
        if let name = fields["name"]?.trimmingCharacters(in: .whitespaces), !name.isEmpty { options["name"] = .string(name) }
        return .object(options)
    }

    func setAuthConfig(_ id: String, enabled: Bool) async throws -> Response {
        try await accountsCall { () throws(AccountsError) in try await accounts.authConfigs.setEnabled(id: id, enabled: enabled) }
        return Self.redirect("/admin/auth-configs?notice=\((enabled ? AdminNotice.authConfigEnabled : .authConfigDisabled).rawValue)")
    }

    // MARK: Connected accounts

    /// The accounts of `user` (nil: everyone's) grouped by user, and the new `link` if one was just made.
    func accountsPage(user: String?, notice: String?, session: AdminSession, link: ConnectLinkService.Link? = nil) async throws -> Response {
        let records = try await accountsCall { () throws(AccountsError) in
            try await accounts.connections.list(ConnectedAccountFilter(userIDs: user.map { [$0] } ?? []))
        }
        let users: [[String: Any]] = Dictionary(grouping: records, by: \.userID).sorted { $0.key < $1.key }.map { userID, records in
            let rows: [[String: Any]] = records.map { account in
                var row: [String: Any] = [
                    "id": account.id, "authConfigID": account.authConfigID, "status": account.status.rawValue, "reason": account.statusReason ?? "",
                    "disabled": account.isDisabled, "createdAt": Self.timestamp(account.createdAt),
                ]
                if let alias = account.alias, !alias.isEmpty { row["alias"] = alias }
                return row
            }
            return ["userID": userID, "accounts": rows]
        }
        let configs = try await accountsCall { () throws(AccountsError) in try await accounts.authConfigs.list(toolkit: nil, includeDisabled: false, search: nil) }
        // Mustache sections take any string as true: absent keys, not empty strings, for what may be missing.
        var context: [String: Any] = ["users": users, "configs": configs.map { ["id": $0.id, "name": $0.name, "scheme": $0.authScheme] }]
        if let user { context["user"] = user }
        if let link {
            context["link"] = ["url": link.url, "userID": link.account.userID, "accountID": link.account.id, "expiresAt": Self.timestamp(link.expiresAt)]
        }
        return page("accounts", title: "Connected accounts", status: link == nil ? .ok : .created, session: session, notice: notice, context: context)
    }

    func setAccount(_ id: String, enabled: Bool) async throws -> Response {
        try await accountsCall { () throws(AccountsError) in try await accounts.connections.setEnabled(id: id, enabled: enabled) }
        return Self.redirect("/admin/accounts?notice=\((enabled ? AdminNotice.accountEnabled : .accountDisabled).rawValue)")
    }

    func deleteAccount(_ id: String) async throws -> Response {
        try await accountsCall { () throws(AccountsError) in try await accounts.connections.delete(id: id) }
        return Self.redirect("/admin/accounts?notice=\(AdminNotice.accountDeleted.rawValue)")
    }

    /// Shows the new link at once (it is not kept anywhere the console could show it again).
    func createLink(_ fields: [String: String], _ session: AdminSession) async throws -> Response {
        let link = try await accountsCall { () throws(AccountsError) in
            try await accounts.links.create(
                authConfigID: fields["auth_config_id"] ?? "", userID: (fields["user_id"] ?? "").trimmingCharacters(in: .whitespaces), callbackURL: nil, alias: nil
            )
        }
        return try await accountsPage(user: link.account.userID, notice: nil, session: session, link: link)
    }

    // MARK: Executions

    func executionsPage(_ request: Request, _ session: AdminSession) async throws -> Response {
        let query = request.uri.queryParameters
        let filter = AdminExecutionFilter(tool: query.nonEmpty("tool"), user: query.nonEmpty("user"), outcome: query.nonEmpty("outcome"), after: query.nonEmpty("after"))
        let found: [ExecutionLogRecord]
        do {
            found = try await logs.search(filter.query)
        } catch {
            throw APIError(.serviceUnavailable, "The execution logs could not be searched: the database is unavailable; try again shortly.")
        }
        let shown = found.prefix(AdminExecutionFilter.pageSize)
        let rows: [[String: Any]] = shown.map { log in
            [
                "id": log.id, "tool": log.toolSlug, "user": log.userID ?? "", "successful": log.successful,
                "statusCode": log.statusCode.map(String.init) ?? "", "duration": log.durationMilliseconds, "createdAt": Self.timestamp(log.createdAt),
            ]
        }
        let outcomes: [[String: Any]] = [["value": "", "label": "any", "selected": filter.outcome == nil]]
            + AdminExecutionFilter.Outcome.allCases.map { ["value": $0.rawValue, "label": $0.rawValue, "selected": filter.outcome == $0] }
        var context: [String: Any] = ["logs": rows, "tool": filter.tool ?? "", "user": filter.user ?? "", "outcomes": outcomes]
        if found.count > AdminExecutionFilter.pageSize, let last = shown.last {
            context["older"] = "/admin/executions?" + filter.queryString(after: ExecutionLogQuery.Cursor(after: last))
        }
        return page("executions", title: "Executions", session: session, context: context)
    }

    func executionPage(_ id: String, _ session: AdminSession) async throws -> Response {
        let record = try await LogRoutes.record(id: id, in: logs)
        // The log's own fields, as `GET /logs/{id}` answers them; the store keeps no secrets in them.
        let fields = LogRoutes.toolportFields(record).sorted { $0.key < $1.key }.map { name, value in
            ["name": name, "value": value.stringValue ?? String(decoding: value.encoded(), as: UTF8.self)]
        }
        return page("execution", title: "Execution \(id)", session: session, context: ["id": id, "fields": fields])
    }

    // MARK: Keys

    func keysPage(_ session: AdminSession, notice: String?, created: (name: String, key: String)?) async throws -> Response {
        let records: [APIKeyRecord]
        do {
            records = try await authenticator.store.all()
        } catch {
            throw APIError(.serviceUnavailable, "The keys could not be read: the database is unavailable; try again shortly.")
        }
        let rows: [[String: Any]] = records.map { key in
            [
                "id": key.id, "name": key.name, "hint": key.hint, "scope": Self.describe(key.scope), "revoked": key.revokedAt != nil,
                "expiresAt": key.expiresAt.map(Self.timestamp) ?? "never", "createdAt": Self.timestamp(key.createdAt),
            ]
        }
        var context: [String: Any] = ["keys": rows]
        if let created { context["created"] = ["name": created.name, "key": created.key] }
        return page("keys", title: "API keys", status: created == nil ? .ok : .created, session: session, notice: notice, context: context)
    }

    /// Shows the new key once, in the answer to the form; only its hash is stored.
    func createKey(_ fields: [String: String], _ session: AdminSession) async throws -> Response {
        let draft: AdminKeyDraft
        do {
            draft = try AdminKeyDraft(fields: fields)
        } catch {
            throw APIError(.badRequest, error.message)
        }
        let key = APIKeySecret.generate()
        do {
            _ = try await authenticator.store.insert(name: draft.name, plaintext: key, scope: draft.scope, expiresAt: draft.expiresAt(now: Date()))
        } catch {
            throw APIError(.serviceUnavailable, "The key could not be stored: the database is unavailable; try again shortly.")
        }
        return try await keysPage(session, notice: nil, created: (draft.name, key))
    }

    func revokeKey(_ id: String) async throws -> Response {
        let revoked: Bool
        do {
            revoked = try await authenticator.store.revoke(id: id)
        } catch {
            throw APIError(.serviceUnavailable, "The key could not be revoked: the database is unavailable; try again shortly.")
        }
        guard revoked else { throw APIError(.badRequest, "No active key \(id)") }
        return Self.redirect("/admin/keys?notice=\(AdminNotice.keyRevoked.rawValue)")
    }

    // MARK: Answers

    func page(
        _ name: String, title: String, status: HTTPResponse.Status = .ok, session: AdminSession?, notice: String? = nil, context: [String: Any] = [:]
    ) -> Response {
        var context = context
        var layout: [String: Any] = ["title": title]
        if let session {
            context["csrf"] = signer.csrfToken(for: session)
            layout["csrf"] = signer.csrfToken(for: session)
        }
        if let notice { layout["notice"] = notice }
        return Self.html(status: status, AdminTemplates.render(name, context: context, layout: layout))
    }

    func message(_ status: HTTPResponse.Status, _ heading: String, _ text: String, session: AdminSession?, back: String = "/admin") -> Response {
        page("message", title: heading, status: status, session: session, context: ["heading": heading, "text": text, "failed": true, "back": back])
    }

    /// An error of a service or store as a page: its status and message (never a secret: the services' messages
    /// name fields and ids only).
    func failure(_ error: any Error, session: AdminSession, back: String) -> Response {
        let apiError: APIError =
            switch error {
            case let error as APIError: error
            case let error as AccountsError: APIError(error)
            default: APIError(.internalError, "The console could not do that: \(type(of: error)).")
            }
        return message(apiError.status, "Not done", apiError.message, session: session, back: back)
    }

    static func html(status: HTTPResponse.Status, _ text: String) -> Response {
        Response(status: status, headers: securityHeaders(contentType: "text/html; charset=utf-8"), body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// The headers of every console page.
    static func securityHeaders(contentType: String) -> HTTPFields {
        [
            .contentType: contentType, .contentSecurityPolicy: contentSecurityPolicy, .cacheControl: "no-store",
            HTTPField.Name("X-Frame-Options")!: "DENY", HTTPField.Name("Referrer-Policy")!: "no-referrer",
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        ]
    }

    /// Redirect-after-POST (and the way to sign-in): 303 See Other.
    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
    }

    static func form(_ request: Request) async throws -> [String: String] {
        let buffer = try await request.body.collect(upTo: formLimit)
        return BrowserRoutes.formFields(String(buffer: buffer))
    }

    static func notice(_ request: Request) -> String? {
        request.uri.queryParameters.nonEmpty("notice").flatMap(AdminNotice.init(rawValue:))?.text
    }

    /// The path of a `Referer` if it is a console page of this server, for a "Back" link.
    static func consolePath(_ referer: String) -> String? {
        guard let path = URLComponents(string: referer)?.path, path.hasPrefix("/admin") else { return nil }
        return path
    }

    static func timestamp(_ date: Date) -> String {
        AccountsWire.timestamp(date).stringValue ?? ""
    }

    /// A key's scope in words: "admin", or its users, tools and read-only flag.
    static func describe(_ scope: APIKeyScope) -> String {
        guard !scope.isAdmin else { return "admin" }
        var parts: [String] = []
        if let users = scope.userIDs { parts.append("users: " + users.joined(separator: ", ")) }
        if let tools = scope.tools { parts.append("tools: " + tools.joined(separator: ", ")) }
        if scope.readOnly { parts.append("read-only") }
        return parts.joined(separator: "; ")
    }
}
