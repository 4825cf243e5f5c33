import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A TCP socket listening on 127.0.0.1 at a free port: the base of the test listeners.
struct LoopbackSocket {
    let descriptor: Int32
    let port: Int
    private let address: sockaddr_in

    /// Binds and listens with `backlog` pending connections.
    init(backlog: Int32) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ready = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                bind(descriptor, address, length) == 0 && listen(descriptor, backlog) == 0 && getsockname(descriptor, address, &length) == 0
            }
        }
        guard ready else {
            let error = POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            close(descriptor)
            throw error
        }
        self.descriptor = descriptor
        self.address = address
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Connects `client` (a fresh TCP socket) to this listener.
    func connectClient(_ client: Int32) throws {
        var address = address
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(client, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }
}
