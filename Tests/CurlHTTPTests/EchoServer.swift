import CurlHTTP
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// What the test server's `/echo` route answers: the request as the server saw it.
struct Echo: Codable, ResponseEncodable {
    var method: String
    var path: String
    var query: String
    /// Header names lower-cased; repeated fields joined with ", ".
    var headers: [String: String]
    var body: String
}

/// A live Hummingbird server on 127.0.0.1 with the routes the client tests call:
/// - `/echo` (GET, POST, PUT, PATCH, DELETE): answers an `Echo` JSON; HEAD answers only headers.
/// - `/status/{code}`: answers that status with a short text body.
/// - `/headers`: answers custom header fields, one of them repeated.
/// - `/bytes?count=N`: answers N bytes.
/// - `/slow?ms=N`: answers after N milliseconds.
enum EchoServer {
    /// Runs `test` with the base URL of a fresh server (`http://127.0.0.1:PORT`), then stops the server.
    /// - Parameter service: A client to run as one of the application's services, shut down gracefully with it.
    static func run(
        withService service: CurlHTTPClient? = nil,
        _ test: @Sendable (_ baseURL: String) async throws -> Void
    ) async throws {
        var app = Application(router: makeRouter(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        if let service {
            app.addServices(service)
        }
        try await app.test(.live) { client in
            let port = try #require(client.port)
            try await test("http://127.0.0.1:\(port)")
        }
    }

    private static func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/echo", use: echo)
        router.post("/echo", use: echo)
        router.put("/echo", use: echo)
        router.patch("/echo", use: echo)
        router.delete("/echo", use: echo)
        router.head("/echo") { _, _ in
            Response(status: .ok, headers: [.init("X-Method")!: "HEAD"])
        }
        router.get("/status/{code}") { _, context in
            let code = try context.parameters.require("code", as: Int.self)
            return Response(status: .init(code: code), body: ResponseBody(byteBuffer: ByteBuffer(string: "status \(code)")))
        }
        router.get("/headers") { _, _ in
            var headers: HTTPFields = [:]
            headers.append(.init(name: .init("X-Toolport-Test")!, value: "  padded value  "))
            headers.append(.init(name: .init("Set-Cookie")!, value: "a=1"))
            headers.append(.init(name: .init("Set-Cookie")!, value: "b=2"))
            return Response(status: .ok, headers: headers)
        }
        router.get("/bytes") { request, _ in
            let count = request.uri.queryParameters.get("count", as: Int.self) ?? 0
            return ByteBuffer(repeating: UInt8(ascii: "x"), count: count)
        }
        router.get("/slow") { request, _ in
            let milliseconds = request.uri.queryParameters.get("ms", as: Int.self) ?? 0
            try await Task.sleep(for: .milliseconds(milliseconds))
            return "done"
        }
        return router
    }

    @Sendable private static func echo(_ request: Request, _ context: BasicRequestContext) async throws -> Echo {
        let body = try await request.body.collect(upTo: 1 << 20)
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0), \(field.value)" } ?? field.value
        }
        return Echo(
            method: request.method.rawValue,
            path: request.uri.path,
            query: request.uri.query ?? "",
            headers: headers,
            body: String(buffer: body)
        )
    }
}
