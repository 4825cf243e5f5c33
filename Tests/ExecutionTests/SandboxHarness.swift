import Accounts
import Catalog
import CurlHTTP
import Execution
import Foundation
import Hummingbird
import Logging
import Sandbox
import Server
import SQLiteStorage
import Storage
import Testing

/// A live sandbox on an ephemeral port and an executor that calls it through libcurl.
struct SandboxHarness {
    static let repository = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let catalog: Catalog = {
        do {
            return try Catalog.load(from: repository.appending(path: "schemas/pipedrive"))
        } catch {
            fatalError("the committed catalog must load: \(error)")
        }
    }()
    static let apiToken = "sandbox-api-token"

    let sandbox: Sandbox
    let baseURL: String
    let client: CurlHTTPClient
    let database: SQLiteStorage

    /// An executor whose calls use `credentials` (by default one API-token account of `user-1`).
    func executor(
        credentials: [Credential] = [Self.testAccount],
        retry: RetryPolicy = RetryPolicy(maxAttempts: 4, maxTotalWait: .seconds(5), baseDelay: .milliseconds(10), maxDelay: .milliseconds(50)),
        provider: (any CredentialProvider)? = nil,
        api: PipedriveAPI = .current
    ) -> ToolExecutor {
        services(storage: database, box: Self.box, retry: retry, api: api, credentials: provider ?? StaticCredentialProvider(credentials)).executor
    }

    var apiToken: String { Self.apiToken }

    /// One API-token account of `user-1`, the executor's default in these tests.
    static let testAccount = Credential(accountID: "ca_test", userID: "user-1", secret: .apiToken(apiToken))

    /// The key account secrets are sealed with in these tests.
    static let box: SecretBox = {
        do {
            return try SecretBox(keyData: Data(repeating: 42, count: 32))
        } catch {
            fatalError("a 32-byte key is valid: \(error)")
        }
    }()

    /// How account services reach the sandbox's OAuth server from these tests.
    func accountsConfiguration(publicURL: String = "http://127.0.0.1:8000") -> AccountsConfiguration {
        AccountsConfiguration(publicURL: publicURL, oauthBase: baseURL)
    }

    /// Toolport's services over this harness's database, calling the sandbox for Pipedrive and its OAuth server.
    func services(accounts configuration: AccountsConfiguration? = nil) -> ServiceGraph {
        services(storage: database, box: Self.box, accounts: configuration)
    }

    /// Toolport's services over `storage`, calling the sandbox.
    /// - Parameters:
    ///   - retry: the executor's retry policy (by default short waits).
    ///   - credentials: the executor's accounts, when not the connected accounts in `storage`.
    func services(
        storage: some ToolportStorage, box: SecretBox, accounts configuration: AccountsConfiguration? = nil,
        retry: RetryPolicy = RetryPolicy(maxAttempts: 4, maxTotalWait: .seconds(5), baseDelay: .milliseconds(10), maxDelay: .milliseconds(50)),
        api: PipedriveAPI = .current, credentials: (any CredentialProvider)? = nil
    ) -> ServiceGraph {
        ServiceGraph(
            storage: storage, box: box, toolkit: Self.catalog.toolkit, client: client,
            execution: ExecutionConfiguration(apiBaseOverride: baseURL, oauthBaseOverride: baseURL, retry: retry, api: api),
            accounts: configuration ?? accountsConfiguration(), credentials: credentials
        )
    }

    /// Account services over this harness's database, calling the sandbox's OAuth server.
    func accounts(publicURL: String = "http://127.0.0.1:8000") -> AccountServices {
        services(accounts: accountsConfiguration(publicURL: publicURL)).accounts
    }

    /// Runs `body` with a fresh sandbox served on 127.0.0.1 at an ephemeral port.
    static func run<T: Sendable>(
        _ configuration: SandboxConfiguration = SandboxConfiguration(),
        _ body: @Sendable (SandboxHarness) async throws -> T
    ) async throws -> T {
        let sandbox = Sandbox(configuration: configuration, catalog: catalog)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: sandbox.router(),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: Logger(label: "sandbox")
        )
        let database = try SQLiteStorage.inMemory()
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            var iterator = ports.makeAsyncIterator()
            let port = await iterator.next() ?? 0
            // The production allow-list, with the sandbox as the operator-named origin.
            let sandboxOrigin = try Origin(parsing: "http://127.0.0.1:\(port)")
            let client = CurlHTTPClient(allowing: ExecutionConfiguration().upstreamAllowList(adding: [sandboxOrigin]))
            let harness = SandboxHarness(sandbox: sandbox, baseURL: "http://127.0.0.1:\(port)", client: client, database: database)
            do {
                let result = try await body(harness)
                group.cancelAll()
                client.shutdown()
                return result
            } catch {
                group.cancelAll()
                client.shutdown()
                throw error
            }
        }
    }
}
