import CCurl
public import Logging
public import ServiceLifecycle

/// The production `UpstreamClient`: libcurl's multi interface driven by one dedicated thread.
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
/// let response = try await client.execute(UpstreamRequest(method: "GET", url: "https://api.example.com/v1/deals?limit=5"))
/// print(response.status, response.header("content-type") ?? "")
/// ```
public final class CurlHTTPClient: UpstreamClient, Service {
    /// The limits every request runs with.
    public let configuration: Configuration
    /// Where requests may go; others are refused before a connection is made.
    public let allowList: UpstreamAllowList
    private let loop: CurlMultiLoop
    private let logger: Logger

    /// Creates a client and starts its loop thread.
    /// - Parameters:
    ///   - allowList: The origins requests may go to (`.anyOrigin` only where any destination is intended).
    ///   - configuration: Timeouts, size cap, connection limit, user agent and TLS verification.
    ///   - logger: Where failed transfers are logged at debug level (method and curl's error, never URLs or bodies).
    public init(allowing allowList: UpstreamAllowList, configuration: Configuration = Configuration(), logger: Logger = Logger(label: "toolport.curl")) {
        self.configuration = configuration
        self.allowList = allowList
        self.logger = logger
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
    /// - Throws: `UpstreamError` when no complete response was received, `.refused` when the URL's
    ///   origin is not in `allowList` (nothing is sent), or `.cancelled` after `shutdown()`.
    public func execute(_ request: UpstreamRequest) async throws(UpstreamError) -> UpstreamResponse {
        let origin = try Origin(parsing: request.url)
        guard allowList.permits(origin) else {
            logger.warning("refused a request to an origin that is not allowed", metadata: ["origin": "\(origin)", "method": "\(request.method)"])
            throw .refused(origin: origin.description)
        }
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
}
