import Accounts
import Catalog
import ToolportJSON
import MCPBridge
import Storage
import Telemetry
public import Hummingbird
import NIOCore
public import Logging
public import ServiceLifecycle

/// The API prefixes Toolport answers under: Composio's current one and its predecessor.
let apiPrefixes = ["/api/v3.1", "/api/v3"]

/// Builds the Toolport HTTP application; `toolport serve` and every server test call this.
///
/// ```swift
/// let app = buildApplication(configuration: .init(port: 8000), dependencies: dependencies, logger: logger)
/// try await app.runService()
/// ```
/// - Parameters:
///   - services: long-lived services started and stopped with the server (the HTTP client, log retention).
public func buildApplication(
    configuration: ServerConfiguration,
    dependencies: ServerDependencies,
    services: [any Service] = [],
    logger: Logger
) -> some ApplicationProtocol {
    var app = Application(
        router: buildRouter(dependencies: dependencies),
        server: .http1(configuration: .init(idleTimeout: TimeAmount(configuration.idleTimeout))),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "toolport"),
        logger: logger
    )
    app.addServices(services)
    return app
}

/// The router with every route and middleware; exposed for tests that drive it without sockets.
public func buildRouter(dependencies: ServerDependencies) -> Router<ToolportRequestContext> {
    let router = Router(context: ToolportRequestContext.self)
    router.add(middleware: ObservabilityMiddleware(telemetry: dependencies.telemetry))
    router.add(middleware: ErrorEnvelopeMiddleware())
    let accounts = dependencies.accounts
    router.add(
        middleware: APIKeyMiddleware(
            authenticator: dependencies.authenticator, publicPaths: [accounts.configuration.callbackPath], publicPrefixes: [TriggerRoutes.receiverPrefix]
        )
    )
    // Liveness: the process answers; never touches the database.
    router.get("healthz") { _, _ in
        Response.json(.init(string: #"{"status":"ok"}"#))
    }
    // Readiness: the database answers within its operation timeout.
    router.get("readyz") { _, _ in
        do throws(StorageError) {
            try await dependencies.health.ping()
            return Response.json(.init(string: #"{"status":"ready"}"#))
        } catch {
            let body = JSONValue.object(["status": "unavailable", "error": .string(error.summary)]).encoded()
            return Response(status: .serviceUnavailable, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body)))
        }
    }
    MetricsRoute(telemetry: dependencies.telemetry, token: dependencies.metricsToken) {
        await ScrapeGauges(dependencies: dependencies).update()
    }.add(to: router)
    for prefix in apiPrefixes {
        router.addRoutes(ToolRoutes(encoded: dependencies.catalog).routes(), atPath: .init(prefix))
        router.addRoutes(ToolkitRoutes(encoded: dependencies.catalog).routes(), atPath: .init(prefix))
        router.addRoutes(AuthConfigRoutes(service: accounts.authConfigs, toolkit: dependencies.catalog.catalog.toolkit).routes(), atPath: .init(prefix))
        router.addRoutes(
            ConnectedAccountRoutes(connections: accounts.connections, links: accounts.links, authConfigs: accounts.authConfigs).routes(),
            atPath: .init(prefix)
        )
        router.addRoutes(
            ExecuteRoutes(
                catalog: dependencies.catalog, executor: dependencies.executor, upstreams: accounts.configuration.upstreams,
                accountOwner: { id in
                    do {
                        return try await accounts.connections.get(id: id).userID
                    } catch AccountsError.accountNotFound {
                        return nil
                    }
                }
            ).routes(),
            atPath: .init(prefix)
        )
        router.addRoutes(LogRoutes(logs: dependencies.executionLogs, connections: accounts.connections).routes(), atPath: .init(prefix))
        router.addRoutes(CloudOnlyRoutes().routes(), atPath: .init(prefix))
        router.addRoutes(TriggerRoutes(triggers: dependencies.triggers).routes(), atPath: .init(prefix))
        router.addRoutes(
            SessionRoutes(encoded: dependencies.catalog, executor: dependencies.executor, sessions: dependencies.sessions, accounts: accounts).routes(),
            atPath: .init(prefix)
        )
        router.addRoutes(
            FileRoutes(exchange: dependencies.files, catalog: dependencies.catalog.catalog, api: dependencies.catalog.api).routes(), atPath: .init(prefix)
        )
        router.addRoutes(
            MCPServerRoutes(store: dependencies.mcpServers, accounts: accounts, catalog: dependencies.catalog.catalog).routes(), atPath: .init(prefix)
        )
    }
    SignedFileRoutes(exchange: dependencies.files, logger: Logger(label: "toolport.files")).add(to: router)
    MCPRoutes(
        server: MCPToolServer(catalog: dependencies.catalog.catalog, executor: dependencies.executor, logger: Logger(label: "toolport.mcp")),
        authenticator: dependencies.authenticator, sessions: dependencies.sessions, servers: dependencies.mcpServers, catalog: dependencies.catalog
    ).add(to: router)
    router.addRoutes(ExportRoutes(encoded: dependencies.catalog).routes(), atPath: "/api/toolport")
    router.addRoutes(KeyRoutes(store: dependencies.authenticator.store).routes(), atPath: "/api/toolport")
    TriggerRoutes(triggers: dependencies.triggers).add(to: router)
    BrowserRoutes(connections: accounts.connections, links: accounts.links, callbackPath: accounts.configuration.callbackPath).add(to: router)
    if let settings = dependencies.adminConsole {
        AdminRoutes(
            settings: settings, authenticator: dependencies.authenticator, accounts: accounts, toolkit: dependencies.catalog.catalog.toolkit,
            logs: dependencies.executionLogs
        ).add(to: router)
    }
    return router
}
