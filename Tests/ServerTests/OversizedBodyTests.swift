import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// A body over the 32 MiB limit is refused with 413 and the error envelope on every route that reads one.
struct OversizedBodyTests {
    static let oversized = ByteBuffer(repeating: UInt8(ascii: "a"), count: 32 * 1024 * 1024 + 1)

    @Test(arguments: ["/api/v3.1/tools/execute/PIPEDRIVE_GET_DEAL", "/api/v3.1/auth_configs", "/mcp"])
    func isRefusedWith413(uri: String) async throws {
        try await TestServer().test { client in
            var headers = HTTPFields.apiKey()
            headers[.contentType] = "application/json"
            try await client.execute(uri: uri, method: .post, headers: headers, body: Self.oversized) { response throws in
                #expect(response.status == .contentTooLarge)
                let error = try response.errorEnvelope()
                #expect(error["slug"] as? String == "Request_TooLarge")
                #expect(error["message"] as? String == "The request body is larger than the 32 MiB the server accepts.")
            }
        }
    }
}

extension OversizedBodyTests {
    @Test func aConnectFormOverItsLimitNamesThatLimit() async throws {
        try await TestServer().test { client in
            let form = ByteBuffer(repeating: UInt8(ascii: "a"), count: 64 * 1024 + 1)
            try await client.execute(uri: "/connect/lnk_anything", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: form) { response throws in
                #expect(response.status == .contentTooLarge)
                #expect(try response.errorEnvelope()["message"] as? String == "The connect form is larger than the 64 KiB it can be.")
            }
        }
    }
}
