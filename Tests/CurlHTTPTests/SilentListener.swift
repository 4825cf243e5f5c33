import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A TCP port on 127.0.0.1 that must stay silent: it never accepts, and `wasContacted` tells whether
/// any connection attempt reached it.
final class SilentListener {
    let port: Int
    private let listener: Int32

    init() throws {
        let listening = try LoopbackSocket(backlog: 16)
        listener = listening.descriptor
        port = listening.port
    }

    /// Whether a connection is waiting to be accepted.
    var wasContacted: Bool {
        var descriptor = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) > 0
    }

    deinit {
        close(listener)
    }
}
