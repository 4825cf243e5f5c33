public import Foundation
public import Logging
public import MCP
import Synchronization
import ToolportJSON

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
///
/// At the end of input the message stream (and with it the server) ends only once every request read has been
/// answered, or after `drainLimit`: a client that writes its requests and closes stdin still gets every answer.
public actor LineStdioTransport: Transport {
    public nonisolated let logger: Logger
    private let input: Int32
    private let output: Int32
    private let drainLimit: Duration
    private let messages: AsyncThrowingStream<Data, any Error>
    private let continuation: AsyncThrowingStream<Data, any Error>.Continuation
    private let drain = Drain()
    private var isConnected = false

    /// - Parameters:
    ///   - input: the descriptor requests are read from (made blocking on `connect()`).
    ///   - output: the descriptor answers are written to.
    ///   - drainLimit: how long answers are awaited after the input ends.
    public init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO, drainLimit: Duration = .seconds(60), logger: Logger) {
        self.input = input
        self.output = output
        self.drainLimit = drainLimit
        self.logger = logger
        (messages, continuation) = AsyncThrowingStream.makeStream(of: Data.self, throwing: (any Error).self)
    }

    public func connect() async throws {
        guard !isConnected else { return }
        isConnected = true
        // Blocking reads and writes: a descriptor someone made non-blocking would make the reader spin.
        Self.makeBlocking(input)
        Self.makeBlocking(output)
        let reader = Thread { [input, continuation, drain, drainLimit, logger] in
            Self.readLines(from: input, into: continuation, drain: drain, logger: logger)
            if drain.inputEnded() {
                continuation.finish()
            } else {
                logger.debug("stdin closed; waiting for the answers still due")
                Task {
                    try? await Task.sleep(for: drainLimit)
                    continuation.finish()
                }
            }
        }
        reader.name = "mcp-stdin"
        reader.start()
    }

    public func disconnect() async {
        guard isConnected else { return }
        isConnected = false
        continuation.finish()
    }

    /// Writes `message` and a newline; a short write is continued until every byte is out.
    public func send(_ message: Data) async throws {
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
        if drain.answered(Self.responses(in: message)) {
            continuation.finish()
        }
    }

    public func receive() -> AsyncThrowingStream<Data, any Error> {
        messages
    }

    /// The reader thread: blocks in `read(2)` and yields every non-empty line until the end of input.
    private static func readLines(
        from input: Int32, into continuation: AsyncThrowingStream<Data, any Error>.Continuation, drain: Drain, logger: Logger
    ) {
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
                if !line.isEmpty {
                    drain.received(expectedAnswers(for: line))
                    continuation.yield(line)
                }
                start = index + 1
            }
            if start < count { pending.append(contentsOf: chunk[start..<count]) }
        }
    }

    /// How many answers a line from the client will get: one per request in it, or one for a line that is not
    /// JSON at all (the SDK answers it with a parse error).
    static func expectedAnswers(for line: Data) -> Int {
        let requests = requests(in: line)
        if requests > 0 { return requests }
        return (try? JSONValue(parsing: line)) == nil ? 1 : 0
    }

    /// How many requests (members `method` and `id`) a message from the client holds; batches count each.
    static func requests(in message: Data) -> Int {
        shape(of: message).requests
    }

    /// How many responses (an `id`, no `method`) a message to the client holds.
    static func responses(in message: Data) -> Int {
        shape(of: message).responses
    }

    /// The requests and responses in a JSON-RPC message, or in each object of a batch, from the names of their
    /// members: a single pass over the bytes that skips strings and nested values, with no parsing or allocation
    /// (a full JSON parse here cost about a tenth of a tool call).
    static func shape(of message: Data) -> (requests: Int, responses: Int) {
        message.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
            var requests = 0
            var responses = 0
            var depth = 0
            // The depth of the objects whose members count: 1, or 2 for the objects of a batch.
            var memberDepth = -1
            var expectingName = false
            var hasID = false
            var hasMethod = false
            var index = 0
            while index < bytes.count {
                switch bytes[index] {
                case quote:
                    let start = index + 1
                    index = start
                    while index < bytes.count, bytes[index] != quote {
                        index += bytes[index] == backslash ? 2 : 1
                    }
                    if expectingName, depth == memberDepth {
                        let name = UnsafeRawBufferPointer(rebasing: bytes[start..<min(index, bytes.count)])
                        if name.elementsEqual("id".utf8) {
                            hasID = true
                        } else if name.elementsEqual("method".utf8) {
                            hasMethod = true
                        }
                        expectingName = false
                    }
                case UInt8(ascii: "{"):
                    depth += 1
                    if memberDepth < 0 { memberDepth = depth }
                    if depth == memberDepth {
                        expectingName = true
                        hasID = false
                        hasMethod = false
                    }
                case UInt8(ascii: "}"):
                    if depth == memberDepth, hasID {
                        if hasMethod { requests += 1 } else { responses += 1 }
                    }
                    depth -= 1
                case UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "]"):
                    depth -= 1
                case UInt8(ascii: ","):
                    if depth == memberDepth { expectingName = true }
                default:
                    break
                }
                index += 1
            }
            return (requests, responses)
        }
    }

    private static func makeBlocking(_ descriptor: Int32) {
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0, flags & O_NONBLOCK != 0 {
            _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK)
        }
    }
}

/// Requests read but not yet answered, and whether the input has ended: shared by the reader thread and the actor.
private final class Drain: Sendable {
    private struct State {
        var pending = 0
        var inputHasEnded = false
    }

    private let state = Mutex(State())

    func received(_ requests: Int) {
        guard requests > 0 else { return }
        state.withLock { $0.pending += requests }
    }

    /// Records answers; true when the input has ended and nothing is due any more.
    func answered(_ responses: Int) -> Bool {
        guard responses > 0 else { return false }
        return state.withLock { state in
            state.pending = max(0, state.pending - responses)
            return state.inputHasEnded && state.pending == 0
        }
    }

    /// Records the end of input; true when nothing is due.
    func inputEnded() -> Bool {
        state.withLock { state in
            state.inputHasEnded = true
            return state.pending == 0
        }
    }
}
