import Foundation
public import CurlHTTP

/// Whether a delivery URL, chosen by an API-key holder, may be used: https to a public host by default; any
/// scheme and address only for the origins the operator names (`--allow-webhook-target`). The address actually
/// connected to is checked again at connect time (`AddressRule.publicOnly`), so DNS cannot smuggle a private
/// address in.
public struct WebhookTargetPolicy: Sendable, Equatable {
    public var allowedOrigins: Set<Origin>

    public init(allowedOrigins: Set<Origin> = []) {
        self.allowedOrigins = allowedOrigins
    }

    /// The rule the delivery client connects under.
    public var addressRule: AddressRule { .publicOnly(except: allowedOrigins) }

    /// Nil when `url` may be used, else why not.
    public func refusal(for url: String) -> String? {
        guard let origin = try? Origin(parsing: url) else { return "webhook_url must be an absolute http(s) URL" }
        if allowedOrigins.contains(origin) { return nil }
        guard origin.scheme == "https" else {
            return "webhook_url must use https; an http origin is used only when the operator allows it with --allow-webhook-target \(origin)"
        }
        let host = origin.host.lowercased().trimmingCharacters(in: ["[", "]"])
        if host == "localhost" || host.hasSuffix(".localhost") || host.hasSuffix(".local") || host.hasSuffix(".internal")
            || (Self.isAddressLiteral(host) && !IPAddressClass.isPublic(host))
        {
            return "webhook_url names a loopback, private or local host (\(origin)); the operator may allow it with --allow-webhook-target \(origin)"
        }
        return nil
    }

    private static func isAddressLiteral(_ host: String) -> Bool {
        host.contains(":") || host.split(separator: ".").allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }
}
