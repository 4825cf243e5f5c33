import Foundation
import Logging
import MCP

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// MCP's stdio transport (newline-delimited JSON-RPC on stdin/stdout) with a blocking reader thread.
///
/// The SDK's `StdioTransport` makes stdin non-blocking and, whenever no bytes are waiting, sleeps 10 ms
/// before it reads again. A client that sends its next request right after the previous answer therefore
/// waits up to 10 ms per call (about 10 ms on average for sequential calls) before the server even reads it.
/// Here one dedicated thread blocks in `read(2)` and hands each complete line to the server at once.
actor LineStdioTransport: Transport {
    nonisolated let logger: Logger
    private let input: Int32
    private let output: Int32
    private let messages: AsyncThrowingStream<Data, any Error>
    private let continuation: AsyncThrowingStream<Data, any Error>.Continuation
    private var isConnected = false

    init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO, logger: Logger) {
        self.input = input
        self.output = output
        self.logger = logger
        (messages, continuation) = AsyncThrowingStream.makeStream(of: Data.self, throwing: (any Error).self)
    }

    func connect() async throws {
        guard !isConnected else { return }
        isConnected = true
        // Blocking reads and writes: a descriptor someone made non-blocking would make the reader spin.
        Self.makeBlocking(input)
        Self.makeBlocking(output)
        let reader = Thread { [input, continuation, logger] in
            Self.readLines(from: input, into: continuation, logger: logger)
        }
        reader.name = "mcp-stdin"
        reader.start()
    }

    func disconnect() async {
        guard isConnected else { return }
        isConnected = false
        continuation.finish()
    }

    /// Writes `message` and a newline; a short write is continued until every byte is out.
    func send(_ message: Data) async throws {
        guard isConnected else { throw MCPError.transportError(POSIXError(.ENOTCONN)) }
        var line = message
        line.append(UInt8(ascii: "\n"))
        try line.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < bytes.count {
                let written = write(output, bytes.baseAddress! + offset, bytes.count - offset)
                if written >= 0 {
                    offset += written
                } else if errno == EINTR {
                    continue
                } else if errno == EAGAIN || errno == EWOULDBLOCK {
                    var descriptor = pollfd(fd: output, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&descriptor, 1, -1)
                } else {
                    throw MCPError.transportError(POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO))
                }
            }
        }
    }

    func receive() -> AsyncThrowingStream<Data, any Error> {
        messages
    }

    /// The reader thread: blocks in `read(2)`, yields every non-empty line, finishes the stream at end of input.
    private static func readLines(from input: Int32, into continuation: AsyncThrowingStream<Data, any Error>.Continuation, logger: Logger) {
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var pending: [UInt8] = []
        while true {
            let count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count == 0 {
                break
            }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK {
                    var descriptor = pollfd(fd: input, events: Int16(POLLIN), revents: 0)
                    _ = poll(&descriptor, 1, -1)
                    continue
                }
                logger.error("stdin read failed", metadata: ["errno": "\(errno)"])
                break
            }
            var start = 0
            // A line that began in an earlier chunk is completed by this one.
            for index in 0..<count where chunk[index] == UInt8(ascii: "\n") {
                var line: Data
                if pending.isEmpty {
                    line = Data(chunk[start..<index])
                } else {
                    pending.append(contentsOf: chunk[start..<index])
                    line = Data(pending)
                    pending.removeAll(keepingCapacity: true)
                }
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                if !line.isEmpty { continuation.yield(line) }
                start = index + 1
            }
            if start < count { pending.append(contentsOf: chunk[start..<count]) }
        }
        logger.debug("stdin closed")
        continuation.finish()
    }

    private static func makeBlocking(_ descriptor: Int32) {
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0, flags & O_NONBLOCK != 0 {
            _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK)
        }
    }
}
