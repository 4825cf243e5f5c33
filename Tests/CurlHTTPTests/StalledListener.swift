import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A TCP port on 127.0.0.1 where a connection attempt hangs: the listener never accepts and its backlog is already
/// full, so the kernel drops further handshakes instead of refusing them.
final class StalledListener {
    let port: Int
    private let listener: Int32
    private let filler: Int32

    init() throws {
        let listening = try LoopbackSocket(backlog: 0)
        let filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        do {
            // Fills the backlog of 0, which holds one connection.
            try listening.connectClient(filler)
        } catch {
            close(filler)
            close(listening.descriptor)
            throw error
        }
        self.listener = listening.descriptor
        self.filler = filler
        port = listening.port
    }

    deinit {
        close(filler)
        close(listener)
    }
}
