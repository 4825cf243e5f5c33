import Catalog
import Execution
import Testing
import ToolportJSON

extension ToolExecutor {
    /// Runs the tool named `slug` for `user-1`.
    func run(_ slug: String, _ arguments: JSONValue) async throws -> ExecutionResult {
        let tool = try #require(SandboxHarness.catalog.tool(named: slug))
        return await execute(tool: tool, arguments: arguments, selector: AccountSelector(userID: "user-1", connectedAccountID: nil))
    }
}
