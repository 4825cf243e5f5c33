public import Catalog
public import Execution
public import ToolportJSON

/// Runs one tool call and returns its envelope.
public protocol ToolRunner: Sendable {
    /// Runs the call; with `dryRun`, builds the request and answers with it instead of sending it.
    func execute(tool: Tool, arguments: JSONValue, selector: AccountSelector, dryRun: Bool) async -> ExecutionResult
}

extension ToolExecutor: ToolRunner {}
