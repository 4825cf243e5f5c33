import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Sandbox
import Testing

/// Over real sockets: the reset must reach the client as a transport error, not as an HTTP status.
struct ConnectionResetTests {
    @Test func connectionResetDropsTheConnectionWithoutAResponse() async throws {
        let harness = TestSandbox(configuration: SandboxConfiguration(faults: [FaultRule(kind: .connectionReset, pathContains: "/deals", times: 1)]))
        try await harness.app.test(.live) { client in
            #expect(client.port != nil)
            await #expect(throws: (any Error).self) {
                try await client.call(.get, "/api/v1/deals")
            }
        }
        try await harness.app.test(.live) { client in
            let response = try await client.call(.get, "/api/v1/deals")
            #expect(response.status == .ok)
        }
        #expect(await harness.sandbox.recordedRequests().count == 2)
    }
}
