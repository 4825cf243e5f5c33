import HTTPTypes
import HummingbirdTesting
import Sandbox
import Testing
import ToolportJSON

struct AuthenticationTests {
    @Test func acceptsTheAPITokenHeader() async throws {
        try await TestSandbox().test { client in
            let response = try await client.call(.get, "/api/v1/users/me")
            #expect(response.status == .ok)
            #expect(try response.data()["name"] == "Sandbox User")
        }
    }

    @Test func acceptsTheAPITokenAsBearer() async throws {
        try await TestSandbox().test { client in
            let response = try await client.call(.get, "/api/v1/deals", headers: .bearer(TestSandbox.apiToken))
            #expect(response.status == .ok)
        }
    }

    @Test func acceptsTheLegacyQueryToken() async throws {
        try await TestSandbox().test { client in
            let response = try await client.call(.get, "/api/v1/deals?api_token=\(TestSandbox.apiToken)", headers: [:])
            #expect(response.status == .ok)
        }
    }

    @Test func refusesMissingOrWrongCredentialsWithTheV1Envelope() async throws {
        try await TestSandbox().test { client in
            for headers: HTTPFields in [[:], .bearer("nope"), [HTTPField.Name("x-api-token")!: "wrong"]] {
                let response = try await client.call(.get, "/api/v1/deals", headers: headers)
                #expect(response.status == .unauthorized)
                #expect(
                    try response.json()
                        == [
                            "success": false, "error": "unauthorized access", "errorCode": 401,
                            "error_info": "Please check developers.pipedrive.com", "data": nil, "additional_data": nil,
                        ]
                )
            }
            #expect(try await client.call(.get, "/api/v1/deals?api_token=wrong", headers: [:]).status == .unauthorized)
        }
    }

    @Test func honoursAConfiguredToken() async throws {
        try await TestSandbox(configuration: SandboxConfiguration(apiToken: "custom")).test { client in
            let first = try await client.call(.get, "/api/v1/deals")
            #expect(first.status == .unauthorized)
            let second = try await client.call(.get, "/api/v1/deals", headers: .bearer("custom"))
            #expect(second.status == .ok)
        }
    }
}
