import CompressNIO
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Server
import Testing

/// Catalog responses are gzip-encoded for clients that accept it, and byte-identical once decoded.
struct CompressionTests {
    static let gzip: HTTPFields = [.acceptEncoding: "gzip, deflate, br"]

    func fetch(_ client: some TestClientProtocol, _ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        var all = HTTPFields.apiKey()
        all.append(contentsOf: headers)
        return try await client.execute(uri: uri, method: .get, headers: all)
    }

    func decompressed(_ response: TestResponse) throws -> ByteBuffer {
        var body = response.body
        return try body.decompress(with: .gzip())
    }

    @Test(arguments: ["/api/v3.1/tools", "/api/v3.1/tools?toolkit_slug=pipedrive&limit=20", "/api/v3.1/tools/PIPEDRIVE_ADD_A_DEAL"])
    func gzipIsSentWhenAcceptedAndDecodesToThePlainBody(uri: String) async throws {
        try await TestServer().test { client in
            let plain = try await fetch(client, uri)
            #expect(plain.headers[.contentEncoding] == nil)
            #expect(plain.headers[.vary] == "Accept-Encoding")
            for _ in 0..<2 {  // built, then served from the cache
                let compressed = try await fetch(client, uri, headers: Self.gzip)
                #expect(compressed.status == .ok)
                #expect(compressed.headers[.contentEncoding] == "gzip")
                #expect(compressed.headers[.contentType] == "application/json")
                #expect(compressed.body.readableBytes < plain.body.readableBytes / 3)
                #expect(try decompressed(compressed) == plain.body)
            }
        }
    }

    @Test(arguments: ["gzip;q=0", "identity", "br", "*;q=0", ""])
    func refusedOrUnknownEncodingsGetPlainJSON(acceptEncoding: String) async throws {
        try await TestServer().test { client in
            let response = try await fetch(client, "/api/v3.1/tools", headers: [.acceptEncoding: acceptEncoding])
            #expect(response.headers[.contentEncoding] == nil)
            #expect(try response.json()["total_items"] as? Int == 269)
        }
    }

    @Test func aWildcardAllowsGzip() async throws {
        try await TestServer().test { client in
            let response = try await fetch(client, "/api/v3.1/tools", headers: [.acceptEncoding: "*"])
            #expect(response.headers[.contentEncoding] == "gzip")
        }
    }

    @Test func errorsAreNeitherCachedNorCompressed() async throws {
        try await TestServer().test { client in
            for _ in 0..<2 {
                let response = try await fetch(client, "/api/v3.1/tools/PIPEDRIVE_NOPE", headers: Self.gzip)
                #expect(response.status == .notFound)
                #expect(response.headers[.contentEncoding] == nil)
                #expect(try response.errorEnvelope()["slug"] as? String == "Tool_NotFound")
            }
            let badLimit = try await fetch(client, "/api/v3.1/tools?limit=0", headers: Self.gzip)
            #expect(badLimit.status == .badRequest)
        }
    }
}
