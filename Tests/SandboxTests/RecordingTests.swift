import Foundation
import HTTPTypes
import HummingbirdTesting
import Sandbox
import Testing
import ToolportJSON

struct RecordingTests {
    @Test func recordsEveryRequestIncludingRejectedOnes() async throws {
        let harness = TestSandbox()
        try await harness.test { client in
            var headers = HTTPFields.apiToken
            headers[HTTPField.Name("X-Custom")!] = "yes"
            try await client.call(.post, "/api/v1/deals?tag=a&tag=b&q=two+words%21", json: ["title": "Recorded"], headers: headers)
            try await client.call(.get, "/api/v1/deals", headers: [:])
            try await client.callForm(.post, "/oauth/token", form: "grant_type=refresh_token&refresh_token=x", headers: [:])
        }
        let requests = await harness.sandbox.recordedRequests()
        #expect(requests.map(\.method) == ["POST", "GET", "POST"])
        #expect(requests.map(\.path) == ["/api/v1/deals", "/api/v1/deals", "/oauth/token"])
        let first = try #require(requests.first)
        #expect(first.query == ["tag": "a,b", "q": "two words!"])
        #expect(first.headers["x-custom"] == "yes")
        #expect(first.headers["x-api-token"] == TestSandbox.apiToken)
        #expect(first.contentType == "application/json")
        #expect(first.jsonBody == ["title": "Recorded"])
        #expect(requests[2].formFields == ["grant_type": "refresh_token", "refresh_token": "x"])
        await harness.sandbox.clearRecordedRequests()
        #expect(await harness.sandbox.recordedRequests().isEmpty)
    }

    @Test func exposesRecordingsAndStatsOverControlEndpoints() async throws {
        try await TestSandbox().test { client in
            try await client.call(.post, "/api/v1/notes", json: ["content": "hello"])
            let listed = try await client.call(.get, "/_sandbox/requests", headers: [:]).json()
            #expect(listed.arrayValue?.count == 1)
            #expect(listed.arrayValue?.first?["path"] == "/api/v1/notes")
            #expect(listed.arrayValue?.first?["body"] == #"{"content":"hello"}"#)
            #expect(
                try await client.call(.get, "/_sandbox/stats", headers: [:]).json()
                    == ["requests": 1, "token_grants": ["authorization_code": 0, "refresh_token": 0]]
            )
            #expect(try await client.call(.delete, "/_sandbox/requests", headers: [:]).status == .noContent)
            #expect(try await client.call(.get, "/_sandbox/requests", headers: [:]).json() == [])
        }
    }

    @Test func parsesMultipartBodiesOfRecordedRequests() {
        let request = RecordedRequest(
            method: "POST", path: "/api/v1/files", query: [:], headers: [:],
            body: Data("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\nhi\r\n--b--\r\n".utf8),
            contentType: "multipart/form-data; boundary=b"
        )
        #expect(request.multipartParts == [MultipartPart(name: "file", filename: "a.txt", data: Data("hi".utf8))])
        #expect(request.jsonBody == nil)
    }
}
