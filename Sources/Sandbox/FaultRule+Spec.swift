extension FaultRule {
    /// The `--fault` text format, for help screens.
    public static let specHelp = """
        KIND[:OPTION=VALUE,...]. Kinds: latency (needs ms=N), rate-limit (retry-after=SECONDS, reset=SECONDS), \
        daily-budget-exhausted, server-error, connection-reset, html-403, malformed-json. Options for every kind: \
        path=TEXT (the path contains it), method=GET, every=N (every Nth matching request), times=N (stop after N). \
        Example: rate-limit:path=/deals,every=3,retry-after=1
        """

    /// Reads a rule from its text form, e.g. `rate-limit:path=/deals,every=3,retry-after=1` (see ``specHelp``).
    /// - Throws: `FaultSpecError` naming the unknown kind or option, or the bad value.
    public init(spec: String) throws(FaultSpecError) {
        let kindText = String(spec.prefix { $0 != ":" })
        guard let name = Kind.Name(rawValue: kindText) else { throw .unknownKind(kindText) }
        let options = spec.dropFirst(kindText.count + 1).split(separator: ",").map { option in
            let key = option.prefix { $0 != "=" }
            return (key: String(key), value: String(option.dropFirst(key.count + 1)))
        }
        var pathContains: String?
        var method: String?
        var everyNth: Int?
        var times: Int?
        var milliseconds: Int?
        var retryAfter: Int?
        var reset: Int?
        for (key, value) in options {
            switch (key, name) {
            case ("path", _): pathContains = value
            case ("method", _): method = value.uppercased()
            case ("every", _): everyNth = try Self.count(key, value, minimum: 1)
            case ("times", _): times = try Self.count(key, value, minimum: 1)
            case ("ms", .latency): milliseconds = try Self.count(key, value, minimum: 0)
            case ("retry-after", .rateLimit): retryAfter = try Self.count(key, value, minimum: 1)
            case ("reset", .rateLimit): reset = try Self.count(key, value, minimum: 1)
            default: throw .unknownKey(kind: kindText, key: key)
            }
        }
        let kind: Kind
        switch name {
        case .latency:
            guard let milliseconds else { throw .missingValue(kind: kindText, key: "ms") }
            kind = .latency(milliseconds: milliseconds)
        case .rateLimit: kind = .rateLimit(retryAfterSeconds: retryAfter, resetSeconds: reset)
        case .dailyBudgetExhausted: kind = .dailyBudgetExhausted
        case .serverError: kind = .serverError
        case .connectionReset: kind = .connectionReset
        case .html403: kind = .html403
        case .malformedJSON: kind = .malformedJSON
        case .truncatedBody: kind = .truncatedBody
        }
        self.init(kind: kind, pathContains: pathContains, method: method, everyNth: everyNth, times: times)
    }

    private static func count(_ key: String, _ value: String, minimum: Int) throws(FaultSpecError) -> Int {
        guard let number = Int(value), number >= minimum else { throw .invalidValue(key: key, value: value) }
        return number
    }
}
