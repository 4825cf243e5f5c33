import Accounts
import Catalog
import Execution
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
@testable import Server
import SQLiteStorage
import Storage
import Testing
import ToolportJSON

/// The admin console's pure parts: session cookies, CSRF tokens, cookie flags, template escaping, form readings.
struct AdminSessionTests {
    static let signer = AdminSessionSigner(keyData: Data(repeating: 1, count: 32), lifetime: 3600)
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let session = signer.issue(keyID: "key_0123456789abcdef", now: now, id: String(repeating: "a", count: 32))

    @Test func aCookieCarriesItsSessionUntilItExpires() {
        let value = Self.signer.cookieValue(Self.session)
        #expect(Self.signer.session(fromCookie: value, now: Self.now) == .success(Self.session))
        #expect(Self.signer.session(fromCookie: value, now: Self.now.addingTimeInterval(3599)) == .success(Self.session))
        #expect(Self.signer.session(fromCookie: value, now: Self.now.addingTimeInterval(3600)) == .failure(.expired))
    }

    @Test func theBootstrapKeysSessionHasNoKeyID() throws {
        let session = Self.signer.issue(keyID: nil, now: Self.now)
        #expect(try Self.signer.session(fromCookie: Self.signer.cookieValue(session), now: Self.now).get().keyID == nil)
    }

    /// Ways to change a valid cookie.
    enum Change: String, CaseIterable, Sendable {
        case keyID, expiry, signature, sessionID, empty, garbage, extraPart, wordExpiry, shortSessionID

        func apply(_ value: String) -> String {
            switch self {
            case .keyID: value.replacingOccurrences(of: ".key_", with: ".key_x")
            case .expiry: value.replacingOccurrences(of: ".1800003600.", with: ".1900003600.")
            case .signature: String(value.dropLast(2)) + "AA"
            case .sessionID: value.replacingOccurrences(of: "aaaa", with: "bbbb")
            case .empty: ""
            case .garbage: "not-a-cookie"
            case .extraPart: value + ".extra"
            case .wordExpiry: value.replacingOccurrences(of: ".1800003600.", with: ".soon.")
            case .shortSessionID: String(value.dropFirst())
            }
        }

        var refusal: AdminSessionSigner.Refusal {
            switch self {
            case .keyID, .expiry, .signature, .sessionID: .badSignature
            case .empty, .garbage, .extraPart, .wordExpiry, .shortSessionID: .malformed
            }
        }
    }

    @Test(arguments: Change.allCases)
    func aChangedCookieIsRefused(change: Change) {
        let value = change.apply(Self.signer.cookieValue(Self.session))
        #expect(Self.signer.session(fromCookie: value, now: Self.now) == .failure(change.refusal), "\(value)")
    }

    @Test func anotherKeysCookieIsRefused() {
        let other = AdminSessionSigner(keyData: Data(repeating: 2, count: 32))
        #expect(Self.signer.session(fromCookie: other.cookieValue(Self.session), now: Self.now) == .failure(.badSignature))
    }

    @Test func theCSRFTokenIsBoundToTheSession() {
        let token = Self.signer.csrfToken(for: Self.session)
        let other = Self.signer.issue(keyID: "key_0123456789abcdef", now: Self.now, id: String(repeating: "b", count: 32))
        #expect(Self.signer.checkCSRF(token, for: Self.session))
        #expect(!Self.signer.checkCSRF(token, for: other))
        #expect(!Self.signer.checkCSRF(Self.signer.csrfToken(for: other), for: Self.session))
        for forged in ["", "x", String(token.dropLast()), token + "A", token.uppercased(), "%%%", "csrf"] {
            #expect(!Self.signer.checkCSRF(forged, for: Self.session), "\(forged)")
        }
    }

    @Test func theCookieIsHttpOnlyStrictAndScopedToTheConsole() {
        #expect(AdminCookie.setting("v", maxAge: 60, secure: false) == "toolport_admin=v; Path=/admin; Max-Age=60; HttpOnly; SameSite=Strict")
        #expect(AdminCookie.setting("v", maxAge: 60, secure: true).hasSuffix("; HttpOnly; SameSite=Strict; Secure"))
        #expect(AdminCookie.clearing(secure: false).hasPrefix("toolport_admin=; Path=/admin; Max-Age=0;"))
    }

    /// (a Cookie header, the console cookie's value in it).
    @Test(arguments: [
        ("toolport_admin=abc", "abc"), ("a=1; toolport_admin=abc.def; b=2", "abc.def"), ("a=1", nil), ("", nil),
        ("xtoolport_admin=abc", nil), (" toolport_admin = v ", "v"),
    ] as [(String, String?)])
    func theCookieIsFoundInTheHeader(header: String, value: String?) {
        #expect(AdminCookie.value(named: "toolport_admin", in: header) == value)
    }
}

struct AdminTemplatesTests {
    @Test func everyTemplateParses() throws {
        _ = try AdminTemplates.compiled()
        for name in AdminTemplates.sources.keys where name != "layout" {
            #expect(AdminTemplates.render(name, context: [:], layout: ["title": name]).contains("<main>"), "\(name)")
        }
    }

    /// (a value shown on a page, how the page writes it).
    @Test(arguments: [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("\"><img src=x onerror=alert(1)>", "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
        ("O'Brien & Co", "O&#39;Brien &amp; Co"),
        ("{{csrf}}", "{{csrf}}"),
        ("plain", "plain"),
    ])
    func shownValuesAreEscaped(value: String, written: String) {
        let html = AdminTemplates.render(
            "accounts", context: ["users": [["userID": value, "accounts": [["id": value, "authConfigID": "ac_1", "status": "ACTIVE", "reason": value]]]]],
            layout: ["title": value, "csrf": "t"]
        )
        #expect(html.contains(written))
        if value != written { #expect(!html.contains(value)) }
    }

    @Test func thePageCarriesTheCSRFTokenOnlyWhenSignedIn() {
        let signedIn = AdminTemplates.render("keys", context: ["csrf": "tok123"], layout: ["title": "Keys", "csrf": "tok123"])
        #expect(signedIn.contains(#"name="csrf_token" value="tok123""#))
        #expect(signedIn.contains("/admin/sign-out"))
        let signedOut = AdminTemplates.render("sign-in", context: [:], layout: ["title": "Sign in"])
        #expect(!signedOut.contains("csrf_token"))
        #expect(!signedOut.contains("<script"))
    }
}

struct AdminFormTests {
    /// (the key form, the draft or the refusal's message).
    @Test(arguments: [
        (["name": "agent"], AdminKeyDraftOutcome.draft(name: "agent", scope: .admin, days: nil)),
        (["name": " a ", "user_ids": "alice, bob,", "tools": "PIPEDRIVE_GET_*", "read_only": "on", "expires_in_days": "30"],
         .draft(name: "a", scope: APIKeyScope(userIDs: ["alice", "bob"], tools: ["PIPEDRIVE_GET_*"], readOnly: true), days: 30)),
        (["name": "x", "user_ids": " , "], .draft(name: "x", scope: .admin, days: nil)),
        (["name": ""], .refused("A key needs a name.")),
        (["name": "x", "expires_in_days": "0"], .refused("Expires in days must be a whole number from 1 to 3650, or empty for a key that never expires.")),
        (["name": "x", "expires_in_days": "soon"], .refused("Expires in days must be a whole number from 1 to 3650, or empty for a key that never expires.")),
    ] as [([String: String], AdminKeyDraftOutcome)])
    func theKeyFormMakesAScope(fields: [String: String], outcome: AdminKeyDraftOutcome) {
        do {
            let draft = try AdminKeyDraft(fields: fields)
            #expect(outcome == .draft(name: draft.name, scope: draft.scope, days: draft.expiresInDays))
        } catch {
            #expect(outcome == .refused(error.message))
        }
    }

    @Test func theAuthConfigFormBecomesComposiosObject() {
        let options = AdminRoutes.authConfigOptions([
            "csrf_token": "t", "auth_scheme": "OAUTH2", "name": " CRM ", "credentials.client_id": "id", "credentials.client_secret": "s",
            "credentials.scopes": "",
        ])
        #expect(options == [
            "type": "use_custom_auth", "authScheme": "OAUTH2", "name": "CRM", "credentials": ["client_id": "id", "client_secret": "s"],
        ])
        #expect(AdminRoutes.authConfigOptions(["auth_scheme": "API_KEY"]) == ["type": "use_custom_auth", "authScheme": "API_KEY", "credentials": [:]])
    }

    /// (the page's query, the log query it makes).
    @Test(arguments: [
        (AdminExecutionFilter(tool: nil, user: nil, outcome: nil, after: nil), [ExecutionLogQuery.Condition]()),
        (AdminExecutionFilter(tool: " pipedrive_get_deal ", user: "", outcome: "", after: nil), [.oneOf(.toolSlug, ["PIPEDRIVE_GET_DEAL"])]),
        (AdminExecutionFilter(tool: nil, user: "alice", outcome: "success", after: nil), [.oneOf(.userID, ["alice"]), .successful(true)]),
        (AdminExecutionFilter(tool: nil, user: nil, outcome: "FAILURE", after: "junk"), [.successful(false)]),
        (AdminExecutionFilter(tool: nil, user: nil, outcome: "maybe", after: nil), []),
    ])
    func theExecutionFiltersBecomeAQuery(filter: AdminExecutionFilter, conditions: [ExecutionLogQuery.Condition]) {
        #expect(filter.query == ExecutionLogQuery(conditions: conditions, limit: AdminExecutionFilter.pageSize + 1))
    }

    @Test func theOlderLinkKeepsTheFilters() {
        let filter = AdminExecutionFilter(tool: "A&B", user: "al ice", outcome: "failure", after: nil)
        let text = filter.queryString(after: ExecutionLogQuery.Cursor(createdMilliseconds: 5, id: "log_1"))
        #expect(text == "tool=A%26B&user=al%20ice&outcome=failure&after=5.log_1")
        #expect(AdminExecutionFilter(tool: nil, user: nil, outcome: nil, after: "5.log_1").after == ExecutionLogQuery.Cursor(createdMilliseconds: 5, id: "log_1"))
    }

    /// (failures so far as seconds before now, whether another sign-in may be tried).
    @Test(arguments: [
        ([Double](), true), (Array(repeating: 1.0, count: 9), true), (Array(repeating: 1.0, count: 10), false),
        (Array(repeating: 61.0, count: 50), true), (Array(repeating: 59.0, count: 10), false),
    ])
    func signInsAreLimitedAfterFailures(ago: [Double], allowed: Bool) {
        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect(SignInLimit().allows(after: ago.map { now.addingTimeInterval(-$0) }, now: now) == allowed)
    }
}

enum AdminKeyDraftOutcome: Equatable {
    case draft(name: String, scope: APIKeyScope, days: Int?)
    case refused(String)
}

/// The console's routes through the router: sign-in, the session cookie, CSRF refusals and the CSP header.
struct AdminRoutesTests {
    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    @Test func signInThenAFormNeedsTheSessionsCSRFToken() async throws {
        let server = try TestServer()
        try await server.test { client in
            try await client.execute(uri: "/admin/keys", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/admin/sign-in")
            }
            try await client.execute(uri: "/admin/sign-in", method: .post, headers: Self.form, body: ByteBuffer(string: "api_key=tp_guess_1234")) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.setCookie] == nil)
                #expect(!String(buffer: response.body).contains("tp_guess_1234"))
            }
            let cookie = try await client.execute(
                uri: "/admin/sign-in", method: .post, headers: Self.form, body: ByteBuffer(string: "api_key=\(TestServer.bootstrapKey)")
            ) { response in
                #expect(response.status == .seeOther)
                let setCookie = try #require(response.headers[.setCookie])
                #expect(setCookie.contains("; Path=/admin;") && setCookie.contains("; HttpOnly; SameSite=Strict"))
                #expect(!setCookie.contains("Secure"))
                return String(setCookie.prefix { $0 != ";" })
            }
            var signedIn = Self.form
            signedIn[.cookie] = cookie
            let csrf = try await client.execute(uri: "/admin/keys", method: .get, headers: signedIn) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentSecurityPolicy] == AdminRoutes.contentSecurityPolicy)
                let page = String(buffer: response.body)
                let marker = #"name="csrf_token" value=""#
                let start = try #require(page.range(of: marker)).upperBound
                return String(page[start...].prefix { $0 != "\"" })
            }
            for body in ["name=a", "name=a&csrf_token=", "name=a&csrf_token=Zm9yZ2Vk"] {
                try await client.execute(uri: "/admin/keys", method: .post, headers: signedIn, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .forbidden, "\(body)")
                }
            }
            try await client.execute(uri: "/admin/keys", method: .post, headers: Self.form, body: ByteBuffer(string: "name=a&csrf_token=\(csrf)")) { response in
                #expect(response.status == .forbidden, "a token without its session")
            }
            try await client.execute(uri: "/admin/keys", method: .post, headers: signedIn, body: ByteBuffer(string: "name=ops&csrf_token=\(csrf)")) { response in
                #expect(response.status == .created)
                #expect(String(buffer: response.body).contains(#"<code id="new-key">tp_"#))
            }
        }
    }

    /// Signs in with the bootstrap key; the `Cookie` header value of the session.
    static func signIn(_ client: any TestClientProtocol) async throws -> String {
        try await client.execute(uri: "/admin/sign-in", method: .post, headers: form, body: ByteBuffer(string: "api_key=\(TestServer.bootstrapKey)")) { response in
            String(try #require(response.headers[.setCookie]).prefix { $0 != ";" })
        }
    }

    @Test func theExecutionsPageShowsFiftyThenLinksToOlderOnes() async throws {
        let server = try TestServer()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let logs = (1...55).map { index in
            ExecutionLogRecord(
                id: String(format: "log_%03d", index), toolSlug: "PIPEDRIVE_GET_DEAL", connectedAccountID: nil, userID: "alice", method: "GET", url: nil,
                statusCode: 200, successful: true, durationMilliseconds: 1, attempts: 1, error: nil, createdAt: start.addingTimeInterval(Double(index))
            )
        }
        try await server.database.executionLogs.insert(contentsOf: logs)
        try await server.test { client in
            let cookie: HTTPFields = [.cookie: try await Self.signIn(client)]
            let older = try await client.execute(uri: "/admin/executions?tool=pipedrive_get_deal", method: .get, headers: cookie) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("log_055") && page.contains("log_006") && !page.contains("log_005"))
                let start = try #require(page.range(of: #"<a href="/admin/executions?"#)).lowerBound
                let link = page[start...].dropFirst(#"<a href=""#.count).prefix { $0 != "\"" }
                return link.replacingOccurrences(of: "&amp;", with: "&")
            }
            #expect(older.contains("tool=pipedrive_get_deal"))
            try await client.execute(uri: older, method: .get, headers: cookie) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("log_005") && page.contains("log_001") && !page.contains("log_006"))
                #expect(!page.contains("Older executions"))
            }
        }
    }

    @Test func aScopedKeyMayNotSignIn() async throws {
        let server = try TestServer()
        _ = try await server.database.apiKeys.insert(name: "alice", plaintext: "tp_scoped_alice_key", scope: APIKeyScope(userIDs: ["alice"]), expiresAt: nil)
        try await server.test { client in
            try await client.execute(uri: "/admin/sign-in", method: .post, headers: Self.form, body: ByteBuffer(string: "api_key=tp_scoped_alice_key")) { response in
                #expect(response.status == .forbidden)
                #expect(response.headers[.setCookie] == nil)
            }
        }
    }
}

/// `--no-admin-console`, and the `Secure` flag that follows the public URL.
struct AdminConsoleSwitchTests {
    static func dependencies(publicURL: String, console: Bool) throws -> ServerDependencies {
        let graph = ServiceGraph(
            storage: try SQLiteStorage.inMemory(), box: try SecretBox(keyData: Data(repeating: 7, count: 32)), toolkit: TestServer.catalog.catalog.toolkit,
            client: FixedResponseClient(), accounts: AccountsConfiguration(publicURL: publicURL), credentials: StaticCredentialProvider([])
        )
        return graph.serverDependencies(catalog: TestServer.catalog, bootstrapKey: TestServer.bootstrapKey, adminConsole: console)
    }

    @Test func theCookieIsSecureBehindHTTPS() throws {
        #expect(try Self.dependencies(publicURL: "https://toolport.example.com", console: true).adminConsole?.secureCookie == true)
        #expect(try Self.dependencies(publicURL: "http://127.0.0.1:8000", console: true).adminConsole?.secureCookie == false)
    }

    @Test func aServerWithoutTheConsoleAnswers404() async throws {
        let app = Application(router: buildRouter(dependencies: try Self.dependencies(publicURL: "http://127.0.0.1:8000", console: false)), logger: Logger(label: "test"))
        try await app.test(.router) { client in
            for path in ["/admin", "/admin/sign-in", "/admin/keys"] {
                try await client.execute(uri: path, method: .get) { response in #expect(response.status == .notFound, "\(path)") }
            }
        }
    }
}
