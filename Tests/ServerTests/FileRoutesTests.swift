import CurlHTTP
import Files
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

/// Composio's upload flow on Toolport: an upload request gives a key and a signed URL, the bytes are PUT there
/// without an API key, and a tool's file argument names them by `s3key`; a download tool's bytes are served at a
/// signed `s3url`.
struct FileRoutesTests {
    static let uploadRequest = #"{"md5":"5d41402abc4b2a76b9719d911017c592","filename":"a.txt","mimetype":"text/plain","tool_slug":"PIPEDRIVE_ADD_FILE","toolkit_slug":"pipedrive"}"#

    /// The path and query of a URL on `https://toolport.example.com`, for the router test client.
    static func local(_ url: String) throws -> String {
        let prefix = "https://toolport.example.com"
        try #require(url.hasPrefix(prefix))
        return String(url.dropFirst(prefix.count))
    }

    /// Requests an upload and returns its key and the local form of its URL.
    static func requestUpload(_ client: any TestClientProtocol, prefix: String = "/api/v3") async throws -> (key: String, path: String) {
        try await client.execute(
            uri: "\(prefix)/files/upload/request", method: .post, headers: .apiKey(), body: ByteBuffer(string: uploadRequest)
        ) { response throws in
            #expect(response.status == .ok)
            let body = try response.json()
            let key = try #require(body["key"] as? String)
            #expect(key.hasPrefix("uploads/"))
            #expect(body["id"] as? String == String(key.dropFirst("uploads/".count)))
            #expect(body["type"] as? String == "new")
            let url = try #require(body["new_presigned_url"] as? String)
            #expect(url.hasPrefix("https://toolport.example.com/files/\(key)?expires="))
            return (key, try local(url))
        }
    }

    @Test func anUploadedFileReachesPipedriveAsAMultipartPart() async throws {
        let pipedrive = FixedResponseClient()
        let server = try TestServer(client: pipedrive, files: try TestServer.files())
        try await server.test { client in
            for prefix in ["/api/v3", "/api/v3.1"] {
                let upload = try await Self.requestUpload(client, prefix: prefix)
                try await client.execute(uri: upload.path, method: .put, headers: [.contentType: "text/plain"], body: ByteBuffer(string: "hello")) { response in
                    #expect(response.status == .ok)
                }
                try await client.execute(uri: upload.path, method: .put, body: ByteBuffer(string: "again")) { response throws in
                    #expect(response.status == .conflict)
                    #expect(try response.errorEnvelope()["slug"] as? String == "File_AlreadyUploaded")
                }
                let arguments = #"{"file":{"name":"a.txt","mimetype":"text/plain","s3key":"\#(upload.key)"},"deal_id":7}"#
                try await client.execute(
                    uri: "/api/v3.1/tools/execute/PIPEDRIVE_ADD_FILE", method: .post, headers: .apiKey(),
                    body: ByteBuffer(string: #"{"user_id":"user-1","arguments":\#(arguments)}"#)
                ) { response throws in
                    #expect(try response.json()["successful"] as? Bool == true)
                }
                let sent = try #require(pipedrive.requests.last)
                let body = String(decoding: sent.body ?? Data(), as: UTF8.self)
                #expect(body.contains("filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nhello\r\n"))
                #expect(body.contains("name=\"deal_id\"\r\n\r\n7\r\n"))
            }
        }
    }

    @Test func aFileArgumentNamingNoUploadFailsWithoutCallingPipedrive() async throws {
        let pipedrive = FixedResponseClient()
        try await TestServer(client: pipedrive, files: try TestServer.files()).test { client in
            for (file, message) in [
                (#"{"name":"a.txt","s3key":"uploads/0123456789abcdef0123456789abcdef"}"#, "no file has the key uploads/0123456789abcdef0123456789abcdef"),
                (#"{"name":"a.txt","s3key":"downloads/0123456789abcdef0123456789abcdef"}"#, "is not a Toolport upload key"),
                (#"{"name":"a.txt","s3key":"../../etc/passwd"}"#, "is not a Toolport upload key"),
                (#"{"name":"a.txt","s3key":"uploads/x","content":"aGk="}"#, "give content or s3key, not both"),
                (#"{"name":"a.txt"}"#, "expected {\"name\", \"mimetype\", \"content\": base64} or {\"name\", \"mimetype\", \"s3key\"}"),
            ] {
                try await client.execute(
                    uri: "/api/v3.1/tools/execute/PIPEDRIVE_ADD_FILE", method: .post, headers: .apiKey(),
                    body: ByteBuffer(string: #"{"user_id":"user-1","arguments":{"file":\#(file)}}"#)
                ) { response throws in
                    #expect(response.status == .ok)
                    let envelope = try response.json()
                    #expect(envelope["successful"] as? Bool == false)
                    let error = try #require(envelope["error"] as? String)
                    #expect(error.contains(message), "\(file): \(error)")
                }
            }
            #expect(pipedrive.requests.isEmpty)
        }
    }

    @Test func withoutAFileStoreAnS3KeyIsRefusedAndUploadRequestsAre503() async throws {
        try await TestServer().test { client in
            try await client.execute(
                uri: "/api/v3.1/tools/execute/PIPEDRIVE_ADD_FILE", method: .post, headers: .apiKey(),
                body: ByteBuffer(string: #"{"user_id":"user-1","arguments":{"file":{"name":"a","s3key":"uploads/0123456789abcdef0123456789abcdef"}}}"#)
            ) { response throws in
                #expect(try response.json()["error"] as? String == "Invalid arguments: file: this Toolport keeps no uploaded files here: pass the bytes as content (base64)")
            }
            try await client.execute(uri: "/api/v3/files/upload/request", method: .post, headers: .apiKey(), body: ByteBuffer(string: Self.uploadRequest)) { response in
                #expect(response.status == .serviceUnavailable)
            }
        }
    }

    @Test func uploadRequestsAreCheckedLikeAnyOtherCall() async throws {
        try await TestServer(files: try TestServer.files()).test { client in
            try await client.execute(uri: "/api/v3/files/upload/request", method: .post, body: ByteBuffer(string: Self.uploadRequest)) { response in
                #expect(response.status == .unauthorized)
            }
            for (body, status, slug) in [
                (#"{"mimetype":"text/plain"}"#, HTTPResponse.Status.badRequest, "Request_Invalid"),
                (#"{"filename":"a.txt"}"#, .badRequest, "Request_Invalid"),
                (#"{"filename":5,"mimetype":"text/plain"}"#, .badRequest, "Request_Invalid"),
                (#"{"filename":"a.txt","mimetype":"text/plain","tool_slug":"PIPEDRIVE_NOPE"}"#, .notFound, "Tool_NotFound"),
                (#"{"filename":"a.txt","mimetype":"text/plain","tool_slug":"PIPEDRIVE_GET_DEAL"}"#, .badRequest, "Request_Invalid"),
                (#"{"filename":"a.txt","mimetype":"text/plain","toolkit_slug":"gmail"}"#, .notFound, "Toolkit_NotFound"),
                ("[1]", .badRequest, "Request_Invalid"),
            ] {
                try await client.execute(uri: "/api/v3/files/upload/request", method: .post, headers: .apiKey(), body: ByteBuffer(string: body)) { response throws in
                    #expect(response.status == status, "\(body)")
                    #expect(try response.errorEnvelope()["slug"] as? String == slug, "\(body)")
                }
            }
        }
    }

    @Test func signedURLsRefuseWhatTheyDoNotAllow() async throws {
        try await TestServer(files: try TestServer.files(maxFileSize: 8)).test { client in
            let upload = try await Self.requestUpload(client)
            let tampered = upload.path.replacingOccurrences(of: "signature=", with: "signature=A")
            for (uri, method, body, status) in [
                (tampered, HTTPRequest.Method.put, "hello", HTTPResponse.Status.forbidden),
                (upload.path.components(separatedBy: "?")[0], .put, "hello", .badRequest),
                (upload.path, .get, "", .methodNotAllowed),
                (upload.path, .put, "more than eight bytes", .contentTooLarge),
                ("/files/uploads/nothex?expires=1&signature=abc", .put, "hello", .badRequest),
            ] {
                try await client.execute(uri: uri, method: method, body: ByteBuffer(string: body)) { response throws in
                    #expect(response.status == status, "\(method) \(uri)")
                    #expect(try response.errorEnvelope()["status"] as? Int == Int(status.code))
                }
            }
            // Refused uploads kept nothing: the URL still takes its first file.
            try await client.execute(uri: upload.path, method: .put, body: ByteBuffer(string: "hello")) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func aDownloadIsServedAtItsSignedURL() async throws {
        let bytes = Data([0, 1, 2, 250, 255])
        let upstream = UpstreamResponse(
            status: 200, headers: [UpstreamHeader("content-type", "application/pdf"), UpstreamHeader("content-disposition", "attachment; filename=\"r.pdf\"")],
            body: bytes
        )
        try await TestServer(upstream: upstream, files: try TestServer.files()).test { client in
            let url = try await client.execute(
                uri: "/api/v3.1/tools/execute/PIPEDRIVE_DOWNLOAD_FILE", method: .post, headers: .apiKey(),
                body: ByteBuffer(string: #"{"user_id":"user-1","arguments":{"id":3}}"#)
            ) { response throws -> String in
                let file = try #require((try response.json()["data"] as? [String: Any])?["file"] as? [String: Any])
                #expect(file["name"] as? String == "r.pdf")
                #expect(file["mimetype"] as? String == "application/pdf")
                #expect(file["content_base64"] as? String == bytes.base64EncodedString())
                return try #require(file["s3url"] as? String)
            }
            #expect(url.hasPrefix("https://toolport.example.com/files/downloads/"))
            try await client.execute(uri: try Self.local(url), method: .get) { response in
                #expect(response.status == .ok)
                #expect(Data(response.body.readableBytesView) == bytes)
            }
            try await client.execute(uri: try Self.local(url), method: .put, body: ByteBuffer(string: "x")) { response in
                #expect(response.status == .methodNotAllowed)
            }
        }
    }
}
