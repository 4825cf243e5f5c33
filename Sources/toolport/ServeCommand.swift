import ArgumentParser
import Catalog
import UnixSignals
import Foundation
import Hummingbird
import Logging
import Server
import Storage

/// `toolport serve`: the Composio-compatible HTTP API.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the Toolport server.")

    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8000
    @Option(help: "The SQLite database file.") var db = "./toolport.sqlite"
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel = "info"
    @OptionGroup var schemas: SchemaOptions

    func run() async throws {
        var logger = Logger(label: "toolport")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info

        let catalog = try schemas.loadCatalog()
        let database = try ToolportDatabase.open(path: db)
        let bootstrapKey = ProcessInfo.processInfo.environment["TOOLPORT_API_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        if bootstrapKey == nil, try await !database.apiKeys.hasActiveKeys() {
            let key = APIKeySecret.generate()
            _ = try await database.apiKeys.insert(name: "admin (generated on first start)", plaintext: key)
            // Printed once, to the terminal only: the database keeps just its hash.
            FileHandle.standardOutput.write(Data("Generated an admin API key. It is shown only now; store it safely:\n\n    \(key)\n\n".utf8))
        }
        logger.info("catalog loaded", metadata: ["tools": "\(catalog.tools.count)", "database": "\(db)"])

        let dependencies = ServerDependencies(
            catalog: EncodedCatalog(catalog: catalog),
            authenticator: APIKeyAuthenticator(bootstrapKey: bootstrapKey, store: database.apiKeys)
        )
        let app = buildApplication(configuration: .init(host: host, port: port), dependencies: dependencies, logger: logger)
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}
