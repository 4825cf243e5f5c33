import ArgumentParser
import Foundation
import Logging
import Storage

/// `toolport keys create|list|revoke`: manage API keys in the server's database.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manage the API keys that may call the server.",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a key and print it once.",
            discussion: "With none of --user, --tool and --read-only the key is an admin key; with any of them it is scoped (docs/security.md)."
        )
        @Option(help: "A label for the key.") var name = "api key"
        @Option(name: .customLong("user"), help: "An end user the key may act as (repeatable).") var users: [String] = []
        @Option(name: .customLong("tool"), help: "A tool slug or * glob the key may list and run, e.g. PIPEDRIVE_GET_* (repeatable).")
        var tools: [String] = []
        @Flag(name: .customLong("read-only"), help: "Only tools that read (GET) may run.") var readOnly = false
        @Option(name: .customLong("expires-in"), help: "Days until the key stops working.") var expiresIn: Int?
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if let expiresIn, expiresIn < 1 { throw ValidationError("--expires-in must be at least 1 day") }
        }

        func run() async throws {
            let key = APIKeySecret.generate()
            let scope = APIKeyScope(userIDs: users.isEmpty ? nil : users, tools: tools.isEmpty ? nil : tools, readOnly: readOnly)
            let expiresAt = expiresIn.map { Date().addingTimeInterval(Double($0) * 86_400) }
            let record = try await database.withStorage(logger: Logger(label: "toolport.keys")) { storage in
                try await storage.apiKeys.insert(name: name, plaintext: key, scope: scope, expiresAt: expiresAt)
            }
            let kind = scope.isAdmin ? "admin key" : "scoped key"
            print("Created \(kind) \(record.id) (\(record.name)). The key is shown only now:\n\n    \(key)\n")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (never their values).")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let formatter = ISO8601DateFormatter()
            let keys = try await database.withStorage(logger: Logger(label: "toolport.keys")) { storage in try await storage.apiKeys.all() }
            for key in keys {
                let state = key.revokedAt.map { "revoked \(formatter.string(from: $0))" }
                    ?? key.expiresAt.map { $0 <= Date() ? "expired \(formatter.string(from: $0))" : "active until \(formatter.string(from: $0))" }
                    ?? "active"
                let scope = key.scope.isAdmin ? "admin" : key.scope.storedText ?? ""
                print("\(key.id)  \(key.hint)  \(formatter.string(from: key.createdAt))  \(state)  \(key.name)  \(scope)")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key by its id.")
        @Argument(help: "The key id, as `keys list` shows it.") var id: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let revoked = try await database.withStorage(logger: Logger(label: "toolport.keys")) { storage in
                try await storage.apiKeys.revoke(id: id)
            }
            guard revoked else {
                throw ValidationError("no active key \(id)")
            }
            print("Revoked \(id).")
        }
    }
}
