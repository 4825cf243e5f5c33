import Foundation
import Testing

@testable import CurlHTTP

struct CurlHTTPClientTests {
    @Test func getSendsQueryAndHeadersAndReturnsTheServersAnswer() async throws {
        try await EchoServer.run { baseURL in
            let client = CurlHTTPClient(allowing: .anyOrigin)
            defer { client.shutdown() }
            let request = UpstreamRequest(
                method: "GET",
                url: "\(baseURL)/echo?name=deal%201&limit=5",
                headers: [UpstreamHeader("X-Api-Key", "k-123"), UpstreamHeader("Accept", "application/json")]
            )

            let response = try await client.execute(request)

            #expect(response.status == 200)
            let echo = try JSONDecoder().decode(Echo.self, from: response.body)
            #expect(echo.method == "GET")
            #expect(echo.path == "/echo")
            #expect(echo.query == "name=deal%201&limit=5")
            #expect(echo.headers["x-api-key"] == "k-123")
            #expect(echo.headers["accept"] == "application/json")
            #expect(echo.headers["user-agent"] == "toolport/1.0")
            #expect(echo.headers["expect"] == nil)
            #expect(echo.body == "")
        }
    }

    @Test(arguments: ["POST", "PUT", "PATCH", "DELETE"])
    func methodWithJSONBodyReachesTheServer(method: String) async throws {
        try await EchoServer.run { baseURL in
            let client = CurlHTTPClient(allowing: .anyOrigin)
            defer { client.shutdown() }
            let json = #"{"title":"Deal","value":42}"#
            let request = UpstreamRequest(
                method: method,
                url: "\(baseURL)/echo",
                headers: [UpstreamHeader("Content-Type", "application/json")],
                body: Data(json.utf8)
            )

            let echo = try JSONDecoder().decode(Echo.self, from: try await client.execute(request).body)

            #expect(echo.method == method)
            #expect(echo.body == json)
            #expect(echo.headers["content-type"] == "application/json")
            #expect(echo.headers["content-length"] == "\(json.utf8.count)")
        }
    }

    @Test func bodyWithoutContentTypeIsNotLabelledAsAForm() async throws {
        try await EchoServer.run { baseURL in
            let client = CurlHTTPClient(allowing: .anyOrigin)
            defer { client.shutdown() }

            let response = try await client.execute(UpstreamRequest(method: "POST", url: "\(baseURL)/echo", body: Data("x".utf8)))

            let echo = try JSONDecoder().decode(Echo.self, from: response.body)
            #expect(echo.headers["content-type"] == nil)
            #expect(echo.body == "x")
        }
    }

    @Test func headReturnsStatusAndHeadersWithoutABody() async throws {
        try await EchoServer.run { baseURL in
            let client = CurlHTTPClient(allowing: .anyOrigin)
            defer { client.shutdown() }

            let response = try await client.execute(UpstreamRequest(method: "HEAD", url: "\(baseURL)/echo"))

            #expect(response.status == 200)
            #expect(response.header("X-Method") == "HEAD")
            #expect(response.body.isEmpty)
        }
    }

    @Test func responseHeaderNamesAreLowerCasedAndValuesTrimmed() async throws {
        try await EchoServer.run { baseURL in
            let client = CurlHTTPClient(allowing: .anyOrigin)
            defer { client.shutdown() }

            let response = try await client.execute(UpstreamRequest(method: "GET", url: "\(baseURL)/headers"))

            #expect(response.headers.contains(UpstreamHeader("x-toolport-test", "padded value")))
            #expect(response.headers.filter { $0.name == "set-cookie" }.map(\.value) == ["a=1", "b=2"])
            #expect(response.headers.allSatisfy { $0.name == $0.name.lowercased() })
        }
    }

    @Test(arguments: [301, 404, 500])
    func nonSuccessStatusIsReturnedAsAResponse(status: Int) async throws {
        try await EchoServer.run { baseURL in
            let client = CurlHTTPClient(allowing: .anyOrigin)
            defer { client.shutdown() }

            let response = try await client.execute(UpstreamRequest(method: "GET", url: "\(baseURL)/status/\(status)"))

            #expect(response.status == status)
            #expect(String(decoding: response.body, as: UTF8.self) == "status \(status)")
        }
    }

    @Test func bodyLargerThanTheCapFailsWithResponseTooLarge() async throws {
        try await EchoServer.run { baseURL in
            let client = CurlHTTPClient(allowing: .anyOrigin, configuration: .init(maxResponseSize: 1024 * 1024))
            defer { client.shutdown() }
            let request = UpstreamRequest(method: "GET", url: "\(baseURL)/bytes?count=\(2 * 1024 * 1024)")

            await #expect(throws: UpstreamError.responseTooLarge(limit: 1024 * 1024)) {
                try await client.execute(request)
            }
        }
    }

    @Test func bodyExactlyAtTheCapIsAccepted() async throws {
        try await EchoServer.run { baseURL in
            let client = CurlHTTPClient(allowing: .anyOrigin, configuration: .init(maxResponseSize: 1024 * 1024))
            defer { client.shutdown() }

            let response = try await client.execute(UpstreamRequest(method: "GET", url: "\(baseURL)/bytes?count=\(1024 * 1024)"))

            #expect(response.body.count == 1024 * 1024)
        }
    }

    @Test func slowResponseFailsWithTimedOutAfterTheRequestTimeout() async throws {
        try await EchoServer.run { baseURL in
            let client = CurlHTTPClient(allowing: .anyOrigin)
            defer { client.shutdown() }
            let request = UpstreamRequest(method: "GET", url: "\(baseURL)/slow?ms=2000", timeout: .milliseconds(300))

            let error = await #expect(throws: UpstreamError.timedOut) {
                try await client.execute(request)
            }
            #expect(error?.nothingWasSent == false)
        }
    }

    @Test func closedPortFailsWithConnectFailedAndNothingSent() async throws {
        let client = CurlHTTPClient(allowing: .anyOrigin)
        defer { client.shutdown() }

        let error = await #expect(throws: UpstreamError.self) {
            try await client.execute(UpstreamRequest(method: "POST", url: "http://127.0.0.1:1/echo", body: Data("{}".utf8)))
        }

        guard case .connectFailed(let reason) = error else {
            Issue.record("expected .connectFailed, got \(String(describing: error))")
            return
        }
        #expect(!reason.isEmpty)
        #expect(error?.nothingWasSent == true)
    }

    @Test func unansweredConnectFailsWithConnectTimedOutAndNothingSent() async throws {
        let listener = try StalledListener()
        defer { withExtendedLifetime(listener) {} }
        let client = CurlHTTPClient(allowing: .anyOrigin, configuration: .init(connectTimeout: .milliseconds(300)))
        defer { client.shutdown() }

        let error = await #expect(throws: UpstreamError.connectTimedOut) {
            try await client.execute(UpstreamRequest(method: "POST", url: "http://127.0.0.1:\(listener.port)/echo"))
        }
        #expect(error?.nothingWasSent == true)
    }

    @Test(arguments: ["not a url", "/relative/path", "ftp://127.0.0.1/file", "http://"])
    func invalidURLFailsBeforeAnythingIsSent(url: String) async throws {
        let client = CurlHTTPClient(allowing: .anyOrigin)
        defer { client.shutdown() }

        let error = await #expect(throws: UpstreamError.self) {
            try await client.execute(UpstreamRequest(method: "GET", url: url))
        }

        guard case .invalidURL = error else {
            Issue.record("expected .invalidURL, got \(String(describing: error))")
            return
        }
        #expect(error?.nothingWasSent == true)
    }

    @Test func invalidURLErrorLeavesOutTheQuery() async throws {
        let client = CurlHTTPClient(allowing: .anyOrigin)
        defer { client.shutdown() }

        await #expect(throws: UpstreamError.invalidURL("ftp://example.com/deals")) {
            try await client.execute(UpstreamRequest(method: "GET", url: "ftp://example.com/deals?api_token=secret"))
        }
    }

    @Test func cancellingTheCallerFailsWithCancelledPromptly() async throws {
        try await EchoServer.run { baseURL in
            let client = CurlHTTPClient(allowing: .anyOrigin)
            defer { client.shutdown() }
            let started = ContinuousClock.now
            let task = Task {
                await Self.outcome(of: UpstreamRequest(method: "GET", url: "\(baseURL)/slow?ms=3000"), on: client)
            }
            try await Task.sleep(for: .milliseconds(200))

            task.cancel()

            #expect(await task.value == .failure(.cancelled))
            #expect(ContinuousClock.now - started < .milliseconds(2500))
        }
    }

    @Test func alreadyCancelledCallerFailsWithCancelled() async throws {
        try await EchoServer.run { baseURL in
            let client = CurlHTTPClient(allowing: .anyOrigin)
            defer { client.shutdown() }
            let task = Task {
                withUnsafeCurrentTask { $0?.cancel() }
                return await Self.outcome(of: UpstreamRequest(method: "GET", url: "\(baseURL)/echo"), on: client)
            }

            #expect(await task.value == .failure(.cancelled))
        }
    }

    @Test func cancellingAtAnyMomentEndsEachRequestOnceAndKeepsTheClientUsable() async throws {
        try await EchoServer.run { baseURL in
            let client = CurlHTTPClient(allowing: .anyOrigin)
            defer { client.shutdown() }

            // Requests last 0–19 ms and are cancelled after 0–195 ms: some before sending, some while waiting, some after.
            let outcomes = await withTaskGroup(of: Result<UpstreamResponse, UpstreamError>.self) { group in
                for id in 0..<200 {
                    group.addTask {
                        let request = UpstreamRequest(method: "GET", url: "\(baseURL)/slow?ms=\(id % 20)")
                        let task = Task { await Self.outcome(of: request, on: client) }
                        try? await Task.sleep(for: .milliseconds(id % 40 * 5))
                        task.cancel()
                        return await task.value
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }

            #expect(outcomes.count == 200)
            for outcome in outcomes {
                switch outcome {
                case .success(let response): #expect(response.status == 200)
                case .failure(let error): #expect(error == .cancelled)
                }
            }
            let response = try await client.execute(UpstreamRequest(method: "GET", url: "\(baseURL)/echo"))
            #expect(response.status == 200)
        }
    }

    @Test func concurrentRequestsEachGetTheirOwnResponse() async throws {
        try await EchoServer.run { baseURL in
            let client = CurlHTTPClient(allowing: .anyOrigin)
            defer { client.shutdown() }

            let mismatches = try await withThrowingTaskGroup(of: Int.self) { group in
                for id in 0..<100 {
                    group.addTask {
                        let request = UpstreamRequest(
                            method: "POST",
                            url: "\(baseURL)/echo?id=\(id)",
                            headers: [UpstreamHeader("X-Request-Id", "\(id)")],
                            body: Data("body-\(id)".utf8)
                        )
                        let echo = try JSONDecoder().decode(Echo.self, from: try await client.execute(request).body)
                        let matches = echo.query == "id=\(id)" && echo.headers["x-request-id"] == "\(id)" && echo.body == "body-\(id)"
                        return matches ? 0 : 1
                    }
                }
                return try await group.reduce(0, +)
            }

            #expect(mismatches == 0)
        }
    }

    @Test func sequentialRequestsReuseOneConnection() async throws {
        try await EchoServer.run { baseURL in
            let client = CurlHTTPClient(allowing: .anyOrigin)
            defer { client.shutdown() }

            for id in 0..<20 {
                let response = try await client.execute(UpstreamRequest(method: "GET", url: "\(baseURL)/echo?id=\(id)"))
                #expect(response.status == 200)
            }

            #expect(client.connectionsOpened == 1)
        }
    }

    @Test func aReusedHandleCarriesNothingOverFromTheRequestBefore() async throws {
        try await EchoServer.run { baseURL in
            let client = CurlHTTPClient(allowing: .anyOrigin)
            defer { client.shutdown() }
            // One handle serves these in turn: each request is sent exactly as given, whatever the previous one set.
            let put = try await client.execute(UpstreamRequest(
                method: "PUT", url: "\(baseURL)/echo", headers: [UpstreamHeader("X-Only-Here", "1"), UpstreamHeader("Content-Type", "text/plain")],
                body: Data("first".utf8)
            ))
            #expect(try JSONDecoder().decode(Echo.self, from: put.body).method == "PUT")
            let get = try await client.execute(UpstreamRequest(method: "GET", url: "\(baseURL)/echo"))
            let echo = try JSONDecoder().decode(Echo.self, from: get.body)
            #expect(echo.method == "GET")
            #expect(echo.body == "")
            #expect(echo.headers["x-only-here"] == nil)
            #expect(echo.headers["content-type"] == nil)
            let head = try await client.execute(UpstreamRequest(method: "HEAD", url: "\(baseURL)/echo"))
            #expect(head.status == 200 && head.body.isEmpty)
            let post = try await client.execute(UpstreamRequest(method: "POST", url: "\(baseURL)/echo", body: Data("second".utf8)))
            let posted = try JSONDecoder().decode(Echo.self, from: post.body)
            #expect(posted.method == "POST" && posted.body == "second")
            #expect(client.connectionsOpened == 1)
        }
    }

    @Test func shutdownFailsRunningRequestsWithCancelled() async throws {
        try await EchoServer.run { baseURL in
            let client = CurlHTTPClient(allowing: .anyOrigin)
            let task = Task {
                await Self.outcome(of: UpstreamRequest(method: "GET", url: "\(baseURL)/slow?ms=3000"), on: client)
            }
            try await Task.sleep(for: .milliseconds(200))

            client.shutdown()

            #expect(await task.value == .failure(.cancelled))
        }
    }

    @Test func requestAfterShutdownFailsWithCancelled() async throws {
        try await EchoServer.run { baseURL in
            let client = CurlHTTPClient(allowing: .anyOrigin)
            client.shutdown()
            client.shutdown()

            await #expect(throws: UpstreamError.cancelled) {
                try await client.execute(UpstreamRequest(method: "GET", url: "\(baseURL)/echo"))
            }
        }
    }

    @Test func serviceShutsTheClientDownAfterTheServerDrains() async throws {
        let client = CurlHTTPClient(allowing: .anyOrigin)
        try await EchoServer.run(withService: client) { baseURL in
            let response = try await client.execute(UpstreamRequest(method: "GET", url: "\(baseURL)/echo"))
            #expect(response.status == 200)
        }

        await #expect(throws: UpstreamError.cancelled) {
            try await client.execute(UpstreamRequest(method: "GET", url: "http://127.0.0.1:1/echo"))
        }
    }

    /// `client.execute(request)` as a value, so that a task can hand it back without an untyped error.
    private static func outcome(of request: UpstreamRequest, on client: CurlHTTPClient) async -> Result<UpstreamResponse, UpstreamError> {
        do throws(UpstreamError) {
            return .success(try await client.execute(request))
        } catch {
            return .failure(error)
        }
    }
}

/// Header lines as curl hands them over, read without Foundation.
struct HeaderLineTests {
    @Test(arguments: [
        ("Content-Type: application/json\r\n", "content-type", "application/json"),
        ("X-RateLimit-Remaining:\t 39 \r\n", "x-ratelimit-remaining", "39"),
        ("Empty:\r\n", "empty", ""),
        ("Odd : spaced value : with colon\n", "odd", "spaced value : with colon"),
        ("Ünïcode-Value: café\r\n", "Ünïcode-value", "café"),
    ])
    func namesAreLowerCasedAndValuesTrimmed(line: String, name: String, value: String) {
        let bytes = Array(line.utf8)
        bytes.withUnsafeBytes { buffer in
            let header = HeaderLine(buffer)
            #expect(!header.startsStatus && !header.isContinuation)
            guard let colon = header.colon else { return #expect(Bool(false), "no colon in \(line)") }
            #expect(header.text(of: header.trimmed(0..<colon), lowercased: true) == name)
            #expect(header.text(of: header.trimmed(colon + 1..<buffer.count)) == value)
        }
    }

    @Test(arguments: [("HTTP/1.1 200 OK\r\n", true, false), ("HTTP/2 429\r\n", true, false), (" folded\r\n", false, true), ("\tfolded\r\n", false, true), ("\r\n", false, false)])
    func statusAndContinuationLinesAreRecognised(line: String, status: Bool, continuation: Bool) {
        Array(line.utf8).withUnsafeBytes { buffer in
            #expect(HeaderLine(buffer).startsStatus == status)
            #expect(HeaderLine(buffer).isContinuation == continuation)
        }
    }
}
