public import Foundation

/// One outgoing HTTP request.
public struct UpstreamRequest: Sendable, Equatable {
    public var method: String
    /// An absolute `http` or `https` URL, query included.
    public var url: String
    /// Header fields in order; names are sent as given.
    public var headers: [UpstreamHeader]
    public var body: Data?
    /// Overrides the client's total timeout for this request.
    public var timeout: Duration?

    public init(method: String, url: String, headers: [UpstreamHeader] = [], body: Data? = nil, timeout: Duration? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// A header field.
public struct UpstreamHeader: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// The answer to an `UpstreamRequest`.
public struct UpstreamResponse: Sendable, Equatable {
    public var status: Int
    /// Header fields of the final response, names lower-cased.
    public var headers: [UpstreamHeader]
    public var body: Data

    public init(status: Int, headers: [UpstreamHeader] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        let name = name.lowercased()
        return headers.first { $0.name == name }?.value
    }
}

/// Why a request got no HTTP response.
public enum UpstreamError: Error, Equatable, CustomStringConvertible {
    /// No connection could be made (DNS, refused, TLS handshake): nothing was sent.
    case connectFailed(String)
    /// The connect timeout passed before a connection was made: nothing was sent.
    case connectTimedOut
    /// The total timeout passed after the request was (maybe partly) sent.
    case timedOut
    /// The response body passed the configured size cap.
    case responseTooLarge(limit: Int)
    /// The caller went away (task cancelled) before the response arrived.
    case cancelled
    /// The URL is not an absolute http(s) URL.
    case invalidURL(String)
    /// The URL's origin is not one requests may go to (see `UpstreamAllowList`): nothing was sent.
    case refused(origin: String)
    /// Any other transport failure after connecting (connection reset, malformed HTTP, …).
    case transport(String)

    /// True when the request certainly never reached the server, so any method may be retried.
    public var nothingWasSent: Bool {
        switch self {
        case .connectFailed, .connectTimedOut, .invalidURL, .refused: true
        default: false
        }
    }

    /// Whether the client refused the destination: sending again cannot help.
    public var isRefusal: Bool {
        if case .refused = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .connectFailed(let reason): "could not connect: \(reason)"
        case .connectTimedOut: "timed out while connecting"
        case .timedOut: "timed out waiting for the response"
        case .responseTooLarge(let limit): "the response is larger than the \(limit)-byte limit"
        case .cancelled: "the request was cancelled"
        case .invalidURL(let url): "invalid URL \(url)"
        case .refused(let origin):
            "refused to send a request to \(origin): only Pipedrive's hosts and the origins the operator allows (--allow-upstream) may be called"
        case .transport(let reason): "transport error: \(reason)"
        }
    }
}

/// Sends HTTP requests. `CurlHTTPClient` is the real one; tests may supply their own.
public protocol UpstreamClient: Sendable {
    /// Sends `request` and returns the response, whatever its status.
    /// - Throws: `UpstreamError` when no response was received.
    func execute(_ request: UpstreamRequest) async throws(UpstreamError) -> UpstreamResponse
}
