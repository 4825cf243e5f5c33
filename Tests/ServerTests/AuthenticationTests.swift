import Foundation
import HTTPTypes
import HummingbirdTesting
import SQLiteStorage
import Storage
import Testing

/// Every `/api/...` route needs an API key; health checks do not.
struct AuthenticationTests {
    @Test func healthAnswersWithoutAKey() async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/healthz", method: .get) { response throws in
                #expect(response.status == .ok)
                #expect(try response.json()["status"] as? String == "ok")
            }
        }
    }

    @Test(arguments: ["/api/v3.1/tools?toolkit_slug=pipedrive", "/api/v3/tools/PIPEDRIVE_ADD_A_DEAL", "/api/v3.1/toolkits", "/api/v3.1/nope"])
    func apiRoutesWithoutAKeyAnswer401WithTheErrorEnvelope(uri: String) async throws {
        try await TestServer().test { client in
            try await client.execute(uri: uri, method: .get) { response throws in
                #expect(response.status == .unauthorized)
                let error = try response.errorEnvelope()
                #expect(error["status"] as? Int == 401)
                #expect(error["slug"] as? String == "Auth_InvalidApiKey")
                #expect((error["message"] as? String)?.isEmpty == false)
                #expect(error["code"] is Int)
            }
        }
    }

    @Test func aWrongKeyIsRefused() async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/api/v3.1/toolkits", method: .get, headers: .apiKey("tp_wrong")) { response throws in
                #expect(response.status == .unauthorized)
                #expect(try response.errorEnvelope()["message"] as? String == "Invalid API key")
            }
        }
    }

    @Test func storedKeysWorkUntilRevoked() async throws {
        let server = try TestServer()
        let key = APIKeySecret.generate()
        let record = try await server.database.apiKeys.insert(name: "ci", plaintext: key)
        try await server.test { client in
            try await client.execute(uri: "/api/v3.1/toolkits", method: .get, headers: .apiKey(key)) { response throws in
                #expect(response.status == .ok)
            }
            _ = try await server.database.apiKeys.revoke(id: record.id)
            try await client.execute(uri: "/api/v3.1/toolkits", method: .get, headers: .apiKey(key)) { response throws in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func unknownRoutesAnswer404WithTheErrorEnvelope() async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/api/v3.1/nope", method: .get, headers: .apiKey()) { response throws in
                #expect(response.status == .notFound)
                #expect(try response.errorEnvelope()["status"] as? Int == 404)
            }
        }
    }
}
