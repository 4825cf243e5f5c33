import CCurl
public import Logging
public import ServiceLifecycle

/// The production `HTTPClient`: libcurl's multi interface driven by one dedicated thread.
///
/// Each client owns one thread that runs the curl loop, started by `init` and stopped by `shutdown()`. Requests from
/// any task are queued to that thread, which sends them concurrently over a shared connection cache (keep-alive,
/// HTTP/2 multiplexing over TLS when the server offers it). Redirects are not followed: a 3xx comes back as a response.
///
/// Register the client as a `Service` so that it stops after the server has drained its requests, or call `shutdown()`
/// yourself; releasing the last reference also shuts it down.
///
/// ```swift
/// let client = CurlHTTPClient(configuration: .init(totalTimeout: .seconds(30)), logger: logger)
/// let response = try await client.execute(HTTPRequest(method: "GET", url: "https://api.example.com/v1/deals?limit=5"))
/// print(response.status, response.header("content-type") ?? "")
/// ```
public final class CurlHTTPClient: HTTPClient, Service {
    /// The limits every request runs with.
    public let configuration: Configuration
    private let loop: CurlMultiLoop

    /// Creates a client and starts its loop thread.
    /// - Parameters:
    ///   - configuration: Timeouts, size cap, connection limit, user agent and TLS verification.
    ///   - logger: Where failed transfers are logged at debug level (method and curl's error, never URLs or bodies).
    public init(configuration: Configuration = Configuration(), logger: Logger = Logger(label: "toolport.curl")) {
        self.configuration = configuration
        self.loop = CurlMultiLoop(configuration: configuration, logger: logger)
    }

    deinit {
        loop.shutdown()
    }

    /// The number of connections opened so far (reused connections are not counted).
    var connectionsOpened: Int {
        loop.connectionsOpened
    }

    /// Sends `request` and returns the response, whatever its status.
    ///
    /// Cancelling the calling task aborts the transfer and throws `.cancelled` at once.
    /// - Parameter request: The request; `request.timeout` overrides `configuration.totalTimeout`.
    /// - Returns: The final response, with header names lower-cased.
    /// - Throws: `HTTPClientError` when no complete response was received, or `.cancelled` after `shutdown()`.
    public func execute(_ request: HTTPRequest) async throws(HTTPClientError) -> HTTPResponse {
        try Self.checkURL(request.url)
        let loop = self.loop
        let id = loop.makeTransferID()
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                loop.submit(CurlMultiLoop.Submission(id: id, request: request, continuation: continuation))
            }
        } onCancel: {
            loop.cancel(id)
        }
        return try result.get()
    }

    /// Stops the loop thread: queued and running requests fail with `.cancelled`, later ones too.
    ///
    /// Returns once the thread has released every curl handle. Calling it again does nothing.
    public func shutdown() {
        loop.shutdown()
    }

    /// Runs until graceful shutdown (or cancellation) of the service group, then calls `shutdown()`.
    public func run() async throws {
        try? await gracefulShutdown()
        shutdown()
    }

    /// Accepts only absolute `http` and `https` URLs that curl can parse.
    private static func checkURL(_ url: String) throws(HTTPClientError) {
        // The query may hold an API token: keep it out of the error.
        let invalid = HTTPClientError.invalidURL(String(url.prefix { $0 != "?" }))
        guard let handle = curl_url() else { throw invalid }
        defer { curl_url_cleanup(handle) }
        guard curl_url_set(handle, CURLUPART_URL, url, 0) == CURLUE_OK else { throw invalid }
        var scheme: UnsafeMutablePointer<CChar>?
        guard curl_url_get(handle, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK, let scheme else { throw invalid }
        defer { curl_free(scheme) }
        guard ["http", "https"].contains(String(cString: scheme).lowercased()) else { throw invalid }
    }
}
