/// A rule is one flat JSON object, as `PUT /_sandbox/faults` takes it:
/// `{"kind": "rate-limit", "retry_after_seconds": 1, "reset_seconds": 2, "path_contains": "/deals",
/// "method": "GET", "every_nth": 3, "times": 5}`; latency rules carry `"milliseconds"`.
extension FaultRule: Codable {
    enum CodingKeys: String, CodingKey {
        case kind, milliseconds, method, times
        case retryAfterSeconds = "retry_after_seconds"
        case resetSeconds = "reset_seconds"
        case pathContains = "path_contains"
        case everyNth = "every_nth"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .kind)
        switch Kind.Name(rawValue: name) {
        case .latency: kind = .latency(milliseconds: try container.decode(Int.self, forKey: .milliseconds))
        case .rateLimit:
            kind = .rateLimit(
                retryAfterSeconds: try container.decodeIfPresent(Int.self, forKey: .retryAfterSeconds),
                resetSeconds: try container.decodeIfPresent(Int.self, forKey: .resetSeconds)
            )
        case .dailyBudgetExhausted: kind = .dailyBudgetExhausted
        case .serverError: kind = .serverError
        case .connectionReset: kind = .connectionReset
        case .html403: kind = .html403
        case .malformedJSON: kind = .malformedJSON
        case .truncatedBody: kind = .truncatedBody
        case nil:
            let known = Kind.Name.allCases.map(\.rawValue).joined(separator: ", ")
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "unknown fault kind \(name) (known: \(known))")
        }
        pathContains = try container.decodeIfPresent(String.self, forKey: .pathContains)
        method = try container.decodeIfPresent(String.self, forKey: .method)
        everyNth = try container.decodeIfPresent(Int.self, forKey: .everyNth)
        times = try container.decodeIfPresent(Int.self, forKey: .times)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind.name.rawValue, forKey: .kind)
        switch kind {
        case .latency(let milliseconds): try container.encode(milliseconds, forKey: .milliseconds)
        case .rateLimit(let retryAfter, let reset):
            try container.encodeIfPresent(retryAfter, forKey: .retryAfterSeconds)
            try container.encodeIfPresent(reset, forKey: .resetSeconds)
        case .dailyBudgetExhausted, .serverError, .connectionReset, .html403, .malformedJSON, .truncatedBody: break
        }
        try container.encodeIfPresent(pathContains, forKey: .pathContains)
        try container.encodeIfPresent(method, forKey: .method)
        try container.encodeIfPresent(everyNth, forKey: .everyNth)
        try container.encodeIfPresent(times, forKey: .times)
    }
}
