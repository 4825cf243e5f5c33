public import Catalog
import Foundation
public import Hummingbird
import Synchronization

/// An in-process emulator of Pipedrive's v1 REST API and OAuth server, for tests, demos and benchmarks.
///
/// It serves `/api/v1/...` and `/v1/...` with Pipedrive's auth, envelopes and pagination, keeps real
/// in-memory state for deals, persons, organizations, activities, notes, products, leads, lead labels,
/// pipelines, stages, filters, files and users, answers every other operation of the catalog with a
/// well-formed echo, sends webhooks (`/v1/webhooks`, version 2.0) when its state changes, runs the OAuth code flow at `/oauth/authorize` and `/oauth/token`, injects
/// configured faults, and records every request. `/api/v2/...` serves v2 over the same state (``V2Endpoint``).
/// `/_sandbox/...` control endpoints need no auth.
///
/// ```swift
/// let sandbox = Sandbox(configuration: SandboxConfiguration(), catalog: catalog)
/// let app = Application(router: sandbox.router())
/// try await app.test(.router) { client in
///     try await client.execute(uri: "/api/v1/deals", method: .post, headers: [.init("x-api-token")!: "sandbox-api-token"],
///                              body: ByteBuffer(string: #"{"title":"Big deal"}"#)) { _ in }
/// }
/// let requests = await sandbox.recordedRequests()
/// ```
public final class Sandbox: Sendable {
    /// The settings the sandbox was created with (faults aside, which ``setFaults(_:)`` replaces).
    public let configuration: SandboxConfiguration
    let operations: OperationTable
    /// The `scope` of issued tokens: every scope the catalog's tools use.
    let scope: String
    let requestLog = Mutex<[RecordedRequest]>([])
    let faults: Mutex<FaultSchedule>
    let tokens = Mutex(TokenStore())
    let apiTokens: Mutex<APITokens>
    let store: Mutex<CRMStore>
    /// Registered webhooks, called when the state changes through the API.
    let webhooks: SandboxWebhooks
    let rateLimits: Mutex<RateLimitBudget>

    /// Creates a sandbox with fresh state.
    /// - Parameters:
    ///   - configuration: Credentials, token lifetime, latency and initial faults.
    ///   - catalog: The tools whose operations the sandbox answers.
    public init(configuration: SandboxConfiguration = SandboxConfiguration(), catalog: Catalog) {
        self.configuration = configuration
        operations = OperationTable(catalog: catalog)
        scope = Set(catalog.tools.flatMap(\.scopes)).sorted().joined(separator: ",")
        faults = Mutex(FaultSchedule(rules: configuration.faults))
        apiTokens = Mutex(APITokens(primary: configuration.apiToken))
        store = Mutex(CRMStore(now: Date()))
        webhooks = SandboxWebhooks(retryDelays: configuration.webhookRetryDelays)
        rateLimits = Mutex(RateLimitBudget(policy: configuration.rateLimit))
    }

    /// The routes: `/_sandbox/...` control endpoints, and Pipedrive for every other path and method.
    public func router() -> Router<SandboxRequestContext> {
        let router = Router(context: SandboxRequestContext.self)
        router.addRoutes(ControlRoutes(sandbox: self).collection(), atPath: "/_sandbox")
        // Middleware also wraps the router's not-found responder, so the dispatcher sees every other request.
        router.add(middleware: PipedriveDispatcher(sandbox: self))
        return router
    }

    /// Every request received so far (control endpoints aside), oldest first.
    public func recordedRequests() async -> [RecordedRequest] {
        requestLog.withLock { $0 }
    }

    /// Forgets the recorded requests.
    public func clearRecordedRequests() async {
        requestLog.withLock { $0.removeAll() }
    }

    /// Replaces the fault rules, starting their counts afresh.
    public func setFaults(_ rules: [FaultRule]) async {
        faults.withLock { $0 = FaultSchedule(rules: rules) }
    }

    /// Invalidates every access and refresh token issued so far: API calls with them answer 401 and
    /// refreshes answer `invalid_grant`.
    /// Accepts `token` as a personal API token from now on (again, if it was revoked).
    public func addAPIToken(_ token: String) async {
        apiTokens.withLock { $0.add(token) }
    }

    /// Refuses the personal API token `token` from now on, as Pipedrive does once a user regenerates it.
    public func revokeAPIToken(_ token: String) async {
        apiTokens.withLock { $0.revoke(token) }
    }

    public func revokeAllTokens() async {
        tokens.withLock { $0.revokeAll() }
    }

    /// How many grants `/oauth/token` has answered successfully.
    public func issuedTokenCount() async -> Int {
        tokens.withLock { $0.grantCounts.total }
    }

    /// The successful `/oauth/token` grants by type, e.g. to assert exactly one refresh.
    public func tokenGrantCounts() async -> TokenGrantCounts {
        tokens.withLock { $0.grantCounts }
    }

    func record(_ request: RecordedRequest) {
        requestLog.withLock { $0.append(request) }
    }
}
