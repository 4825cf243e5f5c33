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
        static let configuration = CommandConfiguration(abstract: "Create a key and print it once.")
        @Option(help: "A label for the key.") var name = "api key"
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let key = APIKeySecret.generate()
            let record = try await database.withStorage(logger: Logger(label: "toolport.keys")) { storage in
                try await storage.apiKeys.insert(name: name, plaintext: key)
            }
            print("Created \(record.id) (\(record.name)). The key is shown only now:\n\n    \(key)\n")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (never their values).")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let formatter = ISO8601DateFormatter()
            let keys = try await database.withStorage(logger: Logger(label: "toolport.keys")) { storage in try await storage.apiKeys.all() }
            for key in keys {
                let state = key.revokedAt.map { "revoked \(formatter.string(from: $0))" } ?? "active"
                print("\(key.id)  \(key.hint)  \(formatter.string(from: key.createdAt))  \(state)  \(key.name)")
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
