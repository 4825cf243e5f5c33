import ArgumentParser
import Foundation
import Storage

/// `toolport keys create|list|revoke`: manage API keys in the server's database.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Manage the API keys that may call the server.",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct DatabaseOption: ParsableArguments {
        @Option(help: "The SQLite database file.") var db = "./toolport.sqlite"
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a key and print it once.")
        @Option(help: "A label for the key.") var name = "api key"
        @OptionGroup var database: DatabaseOption

        func run() async throws {
            let key = APIKeySecret.generate()
            let record = try await ToolportDatabase.open(path: database.db).apiKeys.insert(name: name, plaintext: key)
            print("Created \(record.id) (\(record.name)). The key is shown only now:\n\n    \(key)\n")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (never their values).")
        @OptionGroup var database: DatabaseOption

        func run() async throws {
            let formatter = ISO8601DateFormatter()
            for key in try await ToolportDatabase.open(path: database.db).apiKeys.all() {
                let state = key.revokedAt.map { "revoked \(formatter.string(from: $0))" } ?? "active"
                print("\(key.id)  \(key.hint)  \(formatter.string(from: key.createdAt))  \(state)  \(key.name)")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key by its id.")
        @Argument(help: "The key id, as `keys list` shows it.") var id: String
        @OptionGroup var database: DatabaseOption

        func run() async throws {
            guard try await ToolportDatabase.open(path: database.db).apiKeys.revoke(id: id) else {
                throw ValidationError("no active key \(id)")
            }
            print("Revoked \(id).")
        }
    }
}
