import CurlHTTP
import Execution
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// `POST /api/v3.1/tools/execute/{slug}` and `GET /api/v3.1/logs/{id}` with a fake Pipedrive behind them.
struct ExecuteRoutesTests {
    static func body(_ json: String) -> ByteBuffer { ByteBuffer(string: json) }

    @Test func answersWithExactlyTheComposioEnvelopeAndALogID() async throws {
        let server = try TestServer()
        try await server.test { client in
            let logID = try await client.execute(
                uri: "/api/v3.1/tools/execute/PIPEDRIVE_ADD_A_DEAL", method: .post, headers: .apiKey(),
                body: Self.body(#"{"user_id":"user-1","version":"latest","arguments":{"title":"Big deal"}}"#)
            ) { response throws -> String in
                #expect(response.status == .ok)
                let envelope = try response.json()
                #expect(Set(envelope.keys) == ["data", "error", "successful", "log_id"])
                #expect(envelope["successful"] as? Bool == true)
                #expect(envelope["error"] is NSNull)
                #expect((envelope["data"] as? [String: Any])?["success"] as? Bool == true)
                return try #require(envelope["log_id"] as? String)
            }
            try await client.execute(uri: "/api/v3.1/logs/\(logID)", method: .get, headers: .apiKey()) { response throws in
                #expect(response.status == .ok)
                let log = try response.json()
                #expect(log["tool_slug"] as? String == "PIPEDRIVE_ADD_A_DEAL")
                #expect(log["connected_account_id"] as? String == "ca_one")
                #expect(log["method"] as? String == "POST")
                #expect(log["url"] as? String == "https://api.pipedrive.com/api/v2/deals")
                #expect(log["status_code"] as? Int == 200)
                #expect(log["attempts"] as? Int == 1)
            }
            try await client.execute(uri: "/api/v3.1/logs/log_nope", method: .get, headers: .apiKey()) { response throws in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func invalidArgumentsFailInTheEnvelopeNamingEveryFieldWithoutCallingPipedrive() async throws {
        let server = try TestServer(upstream: UpstreamResponse(status: 599))
        try await server.test { client in
            try await client.execute(
                uri: "/api/v3.1/tools/execute/PIPEDRIVE_ADD_A_DEAL", method: .post, headers: .apiKey(),
                body: Self.body(#"{"user_id":"user-1","arguments":{"stage_id":"x","bogus":1}}"#)
            ) { response throws in
                #expect(response.status == .ok)
                let envelope = try response.json()
                #expect(envelope["successful"] as? Bool == false)
                let error = try #require(envelope["error"] as? String)
                #expect(error.contains("title: required"))
                #expect(error.contains("stage_id: expected integer, got string \"x\""))
                #expect(error.contains("bogus: unknown parameter"))
                #expect(!error.contains("599"), "Pipedrive must not have been called")
            }
        }
    }

    @Test func unknownToolsAndVersionsAre404AndBadBodiesAre400() async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/api/v3.1/tools/execute/PIPEDRIVE_NOPE", method: .post, headers: .apiKey(), body: Self.body("{}")) { response throws in
                #expect(response.status == .notFound)
                #expect(try response.errorEnvelope()["slug"] as? String == "Tool_NotFound")
            }
            try await client.execute(uri: "/api/v3.1/tools/execute/PIPEDRIVE_GET_DEAL", method: .post, headers: .apiKey(),
                                     body: Self.body(#"{"version":"19990101_00","arguments":{"id":1}}"#)) { response throws in
                #expect(response.status == .notFound)
            }
            for bad in ["{not json", "[1,2]", #"{"user_id": 5}"#] {
                try await client.execute(uri: "/api/v3.1/tools/execute/PIPEDRIVE_GET_DEAL", method: .post, headers: .apiKey(), body: Self.body(bad)) { response throws in
                    #expect(response.status == .badRequest, "\(bad)")
                    #expect(try response.errorEnvelope()["status"] as? Int == 400)
                }
            }
        }
    }

    @Test func accountProblemsSayWhatToDo() async throws {
        try await TestServer().test { client in
            try await client.execute(uri: "/api/v3.1/tools/execute/PIPEDRIVE_GET_DEAL", method: .post, headers: .apiKey(),
                                     body: Self.body(#"{"user_id":"someone-else","arguments":{"id":1}}"#)) { response throws in
                let envelope = try response.json()
                #expect(envelope["successful"] as? Bool == false)
                #expect((envelope["error"] as? String)?.contains("no active Pipedrive connection") == true)
            }
            try await client.execute(uri: "/api/v3.1/tools/execute/PIPEDRIVE_GET_DEAL", method: .post, headers: .apiKey(),
                                     body: Self.body(#"{"user_id":"someone-else","connected_account_id":"ca_one","arguments":{"id":1}}"#)) { response throws in
                #expect((try response.json()["error"] as? String)?.contains("does not belong to user someone-else") == true)
            }
            try await client.execute(uri: "/api/v3.1/tools/execute/PIPEDRIVE_GET_DEAL", method: .post, headers: .apiKey(),
                                     body: Self.body(#"{"arguments":{"id":1}}"#)) { response throws in
                #expect((try response.json()["error"] as? String)?.contains("pass user_id") == true)
            }
        }
    }

    @Test func pipedriveErrorsBecomeAPreciseFailedEnvelope() async throws {
        let upstream = UpstreamResponse(
            status: 404, headers: [UpstreamHeader("content-type", "application/json")],
            body: Data(#"{"success":false,"error":"Deal not found","error_info":"Please check developers.pipedrive.com","data":null}"#.utf8)
        )
        try await TestServer(upstream: upstream).test { client in
            try await client.execute(uri: "/api/v3.1/tools/execute/PIPEDRIVE_GET_DEAL", method: .post, headers: .apiKey(),
                                     body: Self.body(#"{"user_id":"user-1","arguments":{"id":99}}"#)) { response throws in
                #expect(response.status == .ok)
                let envelope = try response.json()
                #expect(envelope["successful"] as? Bool == false)
                #expect(envelope["error"] as? String == "Pipedrive 404: Deal not found (Please check developers.pipedrive.com)")
                let data = try #require(envelope["data"] as? [String: Any])
                #expect(data["status_code"] as? Int == 404)
                #expect(data["retryable"] as? Bool == false)
                #expect((data["body"] as? [String: Any])?["error"] as? String == "Deal not found")
            }
        }
    }
}
