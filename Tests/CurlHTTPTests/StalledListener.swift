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
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        let filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ready = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(listener, address, length) == 0
                    && listen(listener, 0) == 0
                    && getsockname(listener, address, &length) == 0
                    // Fills the backlog of 0, which holds one connection.
                    && connect(filler, address, length) == 0
            }
        }
        guard ready else {
            let error = POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            close(filler)
            close(listener)
            throw error
        }
        self.listener = listener
        self.filler = filler
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        close(filler)
        close(listener)
    }
}
