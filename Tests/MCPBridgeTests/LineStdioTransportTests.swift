import Foundation
import Logging
import MCP
@testable import MCPBridge
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The stdio transport reads newline-delimited messages as they arrive and answers every request it read,
/// even after the client closed its end.
struct LineStdioTransportTests {
    /// A transport between two pipes: the test writes the client's side of stdin and reads stdout.
    struct Pipes {
        let transport: LineStdioTransport
        let clientWrites: Int32
        let clientReads: Int32

        init(drainLimit: Duration = .seconds(5)) {
            var stdin: [Int32] = [0, 0]
            var stdout: [Int32] = [0, 0]
            precondition(pipe(&stdin) == 0 && pipe(&stdout) == 0)
            transport = LineStdioTransport(input: stdin[0], output: stdout[1], drainLimit: drainLimit, logger: Logger(label: "test"))
            clientWrites = stdin[1]
            clientReads = stdout[0]
        }

        func write(_ text: String) {
            let bytes = Array(text.utf8)
            precondition(bytes.withUnsafeBytes { Glibc.write(clientWrites, $0.baseAddress, $0.count) } == bytes.count)
        }

        func closeInput() {
            close(clientWrites)
        }

        /// What the server wrote so far, up to `count` bytes.
        func read(count: Int) -> String {
            var buffer = [UInt8](repeating: 0, count: count)
            let read = buffer.withUnsafeMutableBytes { Glibc.read(clientReads, $0.baseAddress, $0.count) }
            return String(decoding: buffer.prefix(max(read, 0)), as: UTF8.self)
        }
    }

    static let request = #"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#
    static let answer = #"{"jsonrpc":"2.0","id":1,"result":{}}"#

    @Test func linesArriveWholeWhateverTheChunksAndBlankLinesAndCarriageReturnsAreDropped() async throws {
        let pipes = Pipes()
        try await pipes.transport.connect()
        var messages = await pipes.transport.receive().makeAsyncIterator()
        pipes.write(#"{"jsonrpc":"2.0","id":1,"#)
        pipes.write("\"method\":\"ping\"}\r\n\n")
        pipes.write(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"# + "\n")
        #expect(try await messages.next().map { String(decoding: $0, as: UTF8.self) } == #"{"jsonrpc":"2.0","id":1,"method":"ping"}"#)
        #expect(try await messages.next().map { String(decoding: $0, as: UTF8.self) } == #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#)
        await pipes.transport.disconnect()
        #expect(try await messages.next() == nil)
    }

    @Test func sendWritesOneLinePerMessage() async throws {
        let pipes = Pipes()
        try await pipes.transport.connect()
        try await pipes.transport.send(Data(Self.answer.utf8))
        #expect(pipes.read(count: 4096) == Self.answer + "\n")
        await pipes.transport.disconnect()
    }

    @Test func afterTheInputEndsTheStreamWaitsForTheAnswersDue() async throws {
        let pipes = Pipes()
        try await pipes.transport.connect()
        let messages = await pipes.transport.receive()
        pipes.write(Self.request + "\n" + #"[{"jsonrpc":"2.0","id":2,"method":"ping"},{"jsonrpc":"2.0","id":3,"method":"ping"}]"# + "\n")
        pipes.closeInput()
        var received: [String] = []
        for try await message in messages {
            received.append(String(decoding: message, as: UTF8.self))
            if received.count == 2 {
                // Three requests are due: the stream ends only after the third answer.
                try await pipes.transport.send(Data(Self.answer.utf8))
                try await pipes.transport.send(Data(#"[{"jsonrpc":"2.0","id":2,"result":{}},{"jsonrpc":"2.0","id":3,"result":{}}]"#.utf8))
            }
        }
        #expect(received.count == 2)
    }

    @Test func anInputThatEndsWithNothingDueEndsTheStream() async throws {
        let pipes = Pipes()
        try await pipes.transport.connect()
        let messages = await pipes.transport.receive()
        pipes.write(#"{"jsonrpc":"2.0","method":"notifications/initialized"}"# + "\n")
        pipes.closeInput()
        var count = 0
        for try await _ in messages { count += 1 }
        #expect(count == 1)
    }

    @Test func sendingAfterDisconnectFails() async throws {
        let pipes = Pipes()
        try await pipes.transport.connect()
        await pipes.transport.disconnect()
        await #expect(throws: MCPError.self) { try await pipes.transport.send(Data(Self.answer.utf8)) }
    }

    @Test(arguments: [
        (#"{"jsonrpc":"2.0","id":1,"method":"x"}"#, 1, 0),
        (#"{"jsonrpc":"2.0","method":"notifications/x"}"#, 0, 0),
        (#"{"jsonrpc":"2.0","id":1,"result":{"id":2,"method":"nested, not counted"}}"#, 0, 1),
        (#"{"jsonrpc":"2.0","id":"a\"}","error":{"code":1}}"#, 0, 1),
        (#"[{"id":1,"method":"a"},{"id":2,"result":1},{"method":"n"}]"#, 1, 1),
        (#"{"params":{"method":"m","id":3}}"#, 0, 0),
        ("not json", 0, 0),
    ])
    func messageShapesAreCountedFromMemberNames(message: String, requests: Int, responses: Int) {
        let shape = LineStdioTransport.shape(of: Data(message.utf8))
        #expect(shape.requests == requests && shape.responses == responses)
    }

    @Test(arguments: [(#"{"id":1,"method":"a"}"#, 1), ("{not json", 1), (#"{"method":"n"}"#, 0)])
    func answersExpectedForALine(line: String, expected: Int) {
        #expect(LineStdioTransport.expectedAnswers(for: Data(line.utf8)) == expected)
    }
}
