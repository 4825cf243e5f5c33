import Catalog
import CurlHTTP
@testable import Execution
import Foundation
import Testing

/// `RetryPolicy.nextStep` decides every step after an attempt; each row is one situation and the step it gets.
struct RetryPolicyTests {
    static let policy = RetryPolicy(maxAttempts: 4, maxTotalWait: .seconds(30), baseDelay: .milliseconds(100), maxDelay: .seconds(2))
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let attempt: RetryPolicy.Attempt
        var method = "GET"
        var server = HTTPBinding.Server.api
        var attempts = 1
        var waited = Duration.zero
        var refreshed = false
        let expected: RetryPolicy.Step
        var testDescription: String { name }
    }

    static func response(_ status: Int, _ headers: [(String, String)] = []) -> RetryPolicy.Attempt {
        .response(UpstreamResponse(status: status, headers: headers.map { UpstreamHeader($0.0, $0.1) }))
    }

    static let cases: [Case] = [
        Case(name: "a 200 is the answer", attempt: response(200), expected: .stop(.answered)),
        Case(name: "a 404 is the answer", attempt: response(404), expected: .stop(.answered)),
        Case(name: "a first 401 from the API refreshes", attempt: response(401), expected: .refreshAndResend),
        Case(name: "a 401 after the refresh rejects the token", attempt: response(401), refreshed: true, expected: .stop(.tokenRejected)),
        Case(name: "a 401 from the OAuth server is the tool's own answer", attempt: response(401), server: .oauth, expected: .stop(.answered)),
        Case(name: "a 429 waits Retry-After seconds", attempt: response(429, [("retry-after", "2")]), method: "POST", expected: .resend(after: .seconds(2))),
        Case(
            name: "a 429 waits until a Retry-After date", attempt: response(429, [("retry-after", "Tue, 14 Nov 2023 22:13:25 GMT")]),
            expected: .resend(after: .seconds(5))
        ),
        Case(name: "a 429 without Retry-After waits the rate-limit reset", attempt: response(429, [("x-ratelimit-reset", "7")]), expected: .resend(after: .seconds(7))),
        Case(name: "a 429 without either backs off", attempt: response(429), attempts: 2, expected: .resend(after: .milliseconds(200))),
        Case(
            name: "a 429 with the daily budget spent stops at once",
            attempt: response(429, [("retry-after", "1"), ("x-daily-ratelimit-token-remaining", "0")]), expected: .stop(.dailyBudgetSpent)
        ),
        Case(name: "a 429 on the last attempt gives up", attempt: response(429, [("retry-after", "1")]), attempts: 4, expected: .stop(.rateLimited)),
        Case(
            name: "a 429 whose wait passes the wait budget gives up", attempt: response(429, [("retry-after", "10")]), waited: .seconds(25),
            expected: .stop(.rateLimited)
        ),
        Case(name: "a 500 on a read backs off", attempt: response(500), expected: .resend(after: .milliseconds(100))),
        Case(name: "a 503 on a HEAD backs off exponentially", attempt: response(503), method: "HEAD", attempts: 3, expected: .resend(after: .milliseconds(400))),
        Case(name: "a 500 on a write is the answer", attempt: response(500), method: "POST", expected: .stop(.answered)),
        Case(name: "a 500 on the last attempt is the answer", attempt: response(500), attempts: 4, expected: .stop(.answered)),
        Case(name: "a timeout on a read backs off", attempt: .failure(.timedOut), expected: .resend(after: .milliseconds(100))),
        Case(name: "a timeout on a write may have been processed", attempt: .failure(.timedOut), method: "PATCH", expected: .stop(.unreachable(.timedOut))),
        Case(name: "a refused connection on a write sent nothing", attempt: .failure(.connectFailed("refused")), method: "POST", expected: .resend(after: .milliseconds(100))),
        Case(name: "a refused origin is never retried", attempt: .failure(.refused(origin: "https://x.test")), expected: .stop(.unreachable(.refused(origin: "https://x.test")))),
        Case(name: "a cancelled call is never retried", attempt: .failure(.cancelled), expected: .stop(.unreachable(.cancelled))),
        Case(name: "a dropped read on the last attempt is unreachable", attempt: .failure(.transport("reset")), attempts: 4, expected: .stop(.unreachable(.transport("reset")))),
        Case(name: "a 502 on a read after a wait backs off again", attempt: response(502), attempts: 3, waited: .seconds(1), expected: .resend(after: .milliseconds(400))),
    ]

    @Test(arguments: cases)
    func nextStep(_ row: Case) {
        let state = RetryPolicy.State(attempts: row.attempts, waited: row.waited, refreshed: row.refreshed, method: row.method, server: row.server)
        // jitter 1: the top of the full-jitter range, the exponential cap itself.
        #expect(Self.policy.nextStep(after: row.attempt, state: state, jitter: 1, now: Self.now) == row.expected)
    }

    @Test(arguments: [(1, 0.0, 50), (1, 1.0, 100), (2, 0.5, 150), (6, 0.0, 1000), (6, 1.0, 2000), (40, 1.0, 2000)])
    func backoffIsFullJitterUnderAnExponentialCap(attempt: Int, jitter: Double, milliseconds: Int) {
        #expect(Self.policy.backoff(after: attempt, jitter: jitter) == .milliseconds(milliseconds))
    }

    @Test(arguments: [
        ("Sun, 06 Nov 1994 08:49:37 GMT", 784_111_777.0),
        ("Thu, 01 Jan 1970 00:00:00 GMT", 0),
        ("Tue, 29 Feb 2028 23:59:59 GMT", 1_835_481_599),
    ])
    func httpDatesAreRead(text: String, seconds: Double) {
        #expect(HTTPDate.parse(text) == Date(timeIntervalSince1970: seconds))
    }

    @Test(arguments: ["Sunday, 06-Nov-94 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT", ""])
    func otherDateFormsAreNotRead(text: String) {
        #expect(HTTPDate.parse(text) == nil)
    }
}

/// Path, query and form values are percent-encoded as RFC 3986 says: everything but unreserved characters.
struct PercentEncodingTests {
    @Test(arguments: [
        ("abc-XYZ_0.9~", "abc-XYZ_0.9~"),
        ("deal 1", "deal%201"),
        ("a/b?c=d&e", "a%2Fb%3Fc%3Dd%26e"),
        ("café", "caf%C3%A9"),
        ("100%", "100%25"),
        ("", ""),
        ("🙂", "%F0%9F%99%82"),
    ])
    func everythingButUnreservedCharactersIsEncoded(text: String, encoded: String) {
        #expect(RequestBuilder.percentEncoded(text) == encoded)
        #expect(RequestBuilder.percentEncoded(text) == text.addingPercentEncoding(withAllowedCharacters: .init(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")))
    }
}
