#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import Hummingbird
import NIOCore

/// The per-request state of the sandbox's routes: Hummingbird's core storage plus the connection,
/// which the `connection-reset` fault closes.
public struct SandboxRequestContext: RequestContext {
    /// Hummingbird's per-request storage (logger, route parameters).
    public var coreContext: CoreRequestContextStorage
    private let channel: any Channel

    /// Creates the context of one request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    /// Request bodies above this (64 MiB) are refused with 413.
    public var maxUploadSize: Int { 64 * 1024 * 1024 }

    /// Drops the connection without an answer: with `SO_LINGER` 0 the close sends a TCP reset, so a
    /// client sees a transport error ("connection reset by peer"), not an HTTP status.
    func resetConnection() async {
        if let socket = channel as? any SocketOptionProvider {
            try? await socket.setSoLinger(linger(l_onoff: 1, l_linger: 0)).get()
        }
        try? await channel.close()
    }
}
