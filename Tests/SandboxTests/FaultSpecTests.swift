import Sandbox
import Testing

struct FaultSpecTests {
    @Test func readsEveryKindAndOption() throws {
        #expect(
            try FaultRule(spec: "rate-limit:path=/deals,every=3,retry-after=1")
                == FaultRule(kind: .rateLimit(retryAfterSeconds: 1, resetSeconds: nil), pathContains: "/deals", everyNth: 3)
        )
        #expect(try FaultRule(spec: "rate-limit:reset=4") == FaultRule(kind: .rateLimit(retryAfterSeconds: nil, resetSeconds: 4)))
        #expect(try FaultRule(spec: "latency:ms=250,method=post") == FaultRule(kind: .latency(milliseconds: 250), method: "POST"))
        #expect(try FaultRule(spec: "server-error:times=2") == FaultRule(kind: .serverError, times: 2))
        #expect(try FaultRule(spec: "daily-budget-exhausted") == FaultRule(kind: .dailyBudgetExhausted))
        #expect(try FaultRule(spec: "connection-reset:path=/files") == FaultRule(kind: .connectionReset, pathContains: "/files"))
        #expect(try FaultRule(spec: "html-403") == FaultRule(kind: .html403))
        #expect(try FaultRule(spec: "malformed-json:every=2") == FaultRule(kind: .malformedJSON, everyNth: 2))
    }

    @Test func reportsBadSpecs() {
        #expect(throws: FaultSpecError.unknownKind("explode")) { try FaultRule(spec: "explode") }
        #expect(throws: FaultSpecError.unknownKey(kind: "server-error", key: "ms")) { try FaultRule(spec: "server-error:ms=5") }
        #expect(throws: FaultSpecError.invalidValue(key: "every", value: "0")) { try FaultRule(spec: "html-403:every=0") }
        #expect(throws: FaultSpecError.invalidValue(key: "retry-after", value: "soon")) { try FaultRule(spec: "rate-limit:retry-after=soon") }
        #expect(throws: FaultSpecError.missingValue(kind: "latency", key: "ms")) { try FaultRule(spec: "latency") }
    }
}
