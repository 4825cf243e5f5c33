import ArgumentParser

/// The `toolport` command line: the server, the Pipedrive sandbox, and offline catalog tools.
@main
struct Toolport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "toolport",
        abstract: "A self-hosted, Composio-compatible action executor for Pipedrive.",
        subcommands: [ServeCommand.self, SandboxCommand.self, MCPStdioCommand.self, ToolsCommand.self, KeysCommand.self]
    )
}
