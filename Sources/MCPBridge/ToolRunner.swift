public import Catalog
public import Execution
public import ToolportJSON

/// Runs one tool call and returns its envelope.
public protocol ToolRunner: Sendable {
    func execute(tool: Tool, arguments: JSONValue, selector: AccountSelector) async -> ExecutionResult
}

extension ToolExecutor: ToolRunner {}
