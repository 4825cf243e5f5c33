/// Where OTLP/HTTP trace exports go (`--otel-endpoint`).
public enum OTLPEndpoint {
    /// `base` with `/v1/traces` appended unless it already ends so; nil when `base` is not an `http(s)://host…` URL.
    public static func tracesURL(_ base: String) -> String? {
        let lowered = base.lowercased()
        guard let scheme = ["http://", "https://"].first(where: lowered.hasPrefix) else { return nil }
        let rest = base.dropFirst(scheme.count)
        guard let first = rest.first, first != "/", first != ":", !rest.contains(where: \.isWhitespace) else { return nil }
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        return trimmed.hasSuffix("/v1/traces") ? trimmed : trimmed + "/v1/traces"
    }
}
