import Foundation
import Logging
import MCP

/// A transport in front of another (stdio) that answers the fast-path requests itself (see `FastRequest`) and hands
/// every other message to the SDK's server behind it.
///
/// Each fast-path request runs in its own task, as the SDK runs each request, so a slow call does not hold up the
/// next; its answer goes out through the base transport like the server's own. A `notifications/cancelled` for a
/// fast-path request reaches the server, which does not know it: the call runs to its end and is answered, which the
/// protocol allows (the client ignores it).
actor FastPathTransport: Transport {
    nonisolated let logger: Logger
    private let base: any Transport
    private let server: MCPToolServer
    private let session: MCPSession

    init(base: any Transport, server: MCPToolServer, session: MCPSession) {
        self.base = base
        self.server = server
        self.session = session
        self.logger = server.logger
    }

    func connect() async throws {
        try await base.connect()
    }

    func disconnect() async {
        await base.disconnect()
    }

    func send(_ data: Data) async throws {
        try await base.send(data)
    }

    /// The base transport's messages without the fast-path requests; it ends when the base's ends.
    func receive() -> AsyncThrowingStream<Data, any Error> {
        let (messages, continuation) = AsyncThrowingStream.makeStream(of: Data.self, throwing: (any Error).self)
        let relay = Task { [base, server, session] in
            await Self.relay(from: base, to: continuation, server: server, session: session)
        }
        continuation.onTermination = { _ in relay.cancel() }
        return messages
    }

    private static func relay(
        from base: any Transport, to continuation: AsyncThrowingStream<Data, any Error>.Continuation, server: MCPToolServer,
        session: MCPSession
    ) async {
        do {
            for try await message in await base.receive() {
                guard let request = FastRequest(message: message) else {
                    continuation.yield(message)
                    continue
                }
                Task {
                    let answer = await server.answer(request, session: session)
                    do {
                        try await base.send(answer)
                    } catch {
                        server.logger.error("Could not send an MCP answer", metadata: ["error": "\(error)"])
                    }
                }
            }
            continuation.finish()
        } catch {
            continuation.finish(throwing: error)
        }
    }
}
