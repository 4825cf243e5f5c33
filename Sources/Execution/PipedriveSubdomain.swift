import CurlHTTP
import Foundation

/// A Pipedrive company subdomain (`acme` for `acme.pipedrive.com`): one DNS label, checked wherever one
/// enters Toolport and again before a URL is built from it.
public struct PipedriveSubdomain: Sendable, Hashable, CustomStringConvertible {
    /// The label, lower-case.
    public let label: String

    /// Reads what a person might type: `acme`, `ACME`, `acme.pipedrive.com`, `https://acme.pipedrive.com/`
    /// (surrounding spaces ignored) all give `acme`.
    /// - Throws: `SubdomainError` for anything else: other hosts, ports, paths, queries, user info,
    ///   percent-encoding, non-ASCII look-alikes, IP literals, dots, leading or trailing dashes.
    public init(parsing input: String) throws(SubdomainError) {
        var text = Substring(input.trimmingCharacters(in: .whitespacesAndNewlines))
        // Case-fold ASCII only: Unicode case mapping turns some look-alikes (the Kelvin sign) into ASCII letters.
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { throw SubdomainError(input: input) }
        text = Substring(text.lowercased())
        if text.hasPrefix("https://") { text = text.dropFirst("https://".count) }
        if text.hasSuffix("/") { text = text.dropLast() }
        if text.hasSuffix(".pipedrive.com") { text = text.dropLast(".pipedrive.com".count) }
        guard DNSLabel.isValid(text) else { throw SubdomainError(input: input) }
        label = String(text)
    }

    /// `https://<label>.pipedrive.com`.
    public var apiBase: String { "https://\(label).pipedrive.com" }

    public var description: String { label }
}

/// A value that is not one Pipedrive company subdomain.
public struct SubdomainError: Error, Equatable, CustomStringConvertible {
    /// What was given, shortened and with control characters escaped, for the message.
    public let input: String

    init(input: String) {
        self.input = String(input.prefix(80)).unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F ? String($0) : $0.escaped(asASCII: true) }.joined()
    }

    public var description: String {
        "\"\(input)\" is not a Pipedrive company subdomain: give one label of letters, digits and inner dashes (acme for acme.pipedrive.com)"
    }
}
