import Foundation

extension CurlHTTPClient {
    /// Limits and defaults that apply to every request a `CurlHTTPClient` sends.
    public struct Configuration: Sendable {
        /// How long making a connection (DNS, TCP and TLS) may take.
        public var connectTimeout: Duration
        /// How long a whole request may take, connecting included, unless the request sets its own `timeout`.
        public var totalTimeout: Duration
        /// The largest response body accepted, in bytes (after decompression).
        public var maxResponseSize: Int
        /// How many connections may be open to one host at once; further requests wait for a free one.
        public var maxConnectionsPerHost: Int
        /// The `User-Agent` sent unless the request carries its own.
        public var userAgent: String
        /// Whether TLS certificates and host names are verified. Turn off only for tests.
        public var verifyTLS: Bool
        /// Which addresses a connection may reach, checked on the address actually connected to (after DNS),
        /// so a name that resolves to a private address is refused whatever it is called.
        public var addresses: AddressRule

        /// Creates a configuration; every parameter has the production default.
        /// - Parameters:
        ///   - connectTimeout: How long making a connection may take (10 s).
        ///   - totalTimeout: How long a whole request may take (60 s).
        ///   - maxResponseSize: The largest response body accepted, in bytes (20 MiB).
        ///   - maxConnectionsPerHost: How many connections may be open to one host at once (64).
        ///   - userAgent: The default `User-Agent` (`toolport/1.0`).
        ///   - verifyTLS: Whether TLS certificates and host names are verified (`true`).
        public init(
            connectTimeout: Duration = .seconds(10),
            totalTimeout: Duration = .seconds(60),
            maxResponseSize: Int = 20 * 1024 * 1024,
            maxConnectionsPerHost: Int = 64,
            userAgent: String = "toolport/1.0",
            verifyTLS: Bool = true,
            addresses: AddressRule = .any
        ) {
            self.connectTimeout = connectTimeout
            self.totalTimeout = totalTimeout
            self.maxResponseSize = maxResponseSize
            self.maxConnectionsPerHost = maxConnectionsPerHost
            self.userAgent = userAgent
            self.verifyTLS = verifyTLS
            self.addresses = addresses
        }
    }
}

/// Which IP addresses requests may connect to.
public enum AddressRule: Sendable, Equatable {
    /// Any address: Pipedrive's hosts and the origins an operator names.
    case any
    /// Public addresses only, except for the listed origins: URLs chosen by API-key holders (webhook targets),
    /// which must not reach loopback, private or link-local services unless the operator allows the origin.
    case publicOnly(except: Set<Origin>)

    /// Whether a connection of a request to `origin` may use `address` (textual IPv4 or IPv6).
    public func permits(address: String, origin: Origin?) -> Bool {
        switch self {
        case .any: true
        case .publicOnly(let exceptions): origin.map(exceptions.contains) == true || IPAddressClass.isPublic(address)
        }
    }
}

/// Tells public addresses from loopback, private, link-local, shared, multicast and unspecified ones.
public enum IPAddressClass {
    /// Whether `address` (textual IPv4, or IPv6 with IPv4-mapped addresses read as IPv4) is a public unicast address;
    /// unreadable text is not.
    public static func isPublic(_ address: String) -> Bool {
        var v4 = in_addr()
        if inet_pton(AF_INET, address, &v4) == 1 { return isPublicV4(UInt32(bigEndian: v4.s_addr)) }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, address, &v6) == 1 else { return false }
        let bytes = withUnsafeBytes(of: v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff {
            return isPublicV4(UInt32(bytes[12]) << 24 | UInt32(bytes[13]) << 16 | UInt32(bytes[14]) << 8 | UInt32(bytes[15]))
        }
        if bytes.allSatisfy({ $0 == 0 }) || (bytes[0..<15].allSatisfy({ $0 == 0 }) && bytes[15] == 1) { return false }
        if bytes[0] & 0xfe == 0xfc { return false }  // fc00::/7 unique local
        if bytes[0] == 0xfe && bytes[1] & 0xc0 == 0x80 { return false }  // fe80::/10 link-local
        if bytes[0] == 0xff { return false }  // multicast
        return true
    }

    private static func isPublicV4(_ address: UInt32) -> Bool {
        let blocked: [(UInt32, Int)] = [
            (0x0000_0000, 8), (0x0A00_0000, 8), (0x6440_0000, 10), (0x7F00_0000, 8), (0xA9FE_0000, 16), (0xAC10_0000, 12),
            (0xC000_0000, 24), (0xC0A8_0000, 16), (0xC612_0000, 15), (0xE000_0000, 3),
        ]
        return !blocked.contains { network, bits in address >> (32 - bits) == network >> (32 - bits) }
    }
}
