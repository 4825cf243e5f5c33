import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Sandbox
import Testing
import ToolportJSON

struct FileTests {
    static let boundary = "----toolport-test-boundary"

    /// A multipart body with a `deal_id` field and a binary `file` part.
    static func uploadBody(_ content: [UInt8], filename: String = "report.pdf", contentType: String = "application/pdf") -> ByteBuffer {
        var body = ByteBuffer()
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"deal_id\"\r\n\r\n1\r\n")
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(filename)\"\r\n")
        body.writeString("Content-Type: \(contentType)\r\n\r\n")
        body.writeBytes(content)
        body.writeString("\r\n--\(boundary)--\r\n")
        return body
    }

    static var uploadHeaders: HTTPFields {
        var headers = HTTPFields.apiToken
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        return headers
    }

    @Test func uploadsAndDownloadsTheSameBytes() async throws {
        let content: [UInt8] = [0x25, 0x50, 0x44, 0x46, 0x00, 0xFF, 0x0D, 0x0A, 0x2D, 0x2D]
        try await TestSandbox().test { client in
            let uploaded = try await client.execute(uri: "/api/v1/files", method: .post, headers: Self.uploadHeaders, body: Self.uploadBody(content))
            #expect(uploaded.status == .ok)
            let file = try uploaded.data()
            #expect(file["id"] == 1)
            #expect(file["name"] == "report.pdf")
            #expect(file["file_size"] == .integer(content.count))
            #expect(file["deal_id"] == 1)

            let download = try await client.call(.get, "/api/v1/files/1/download")
            #expect(download.status == .ok)
            #expect(Array(download.body.readableBytesView) == content)
            #expect(download.headers[.contentType] == "application/pdf")
            #expect(download.headers[.contentDisposition] == "attachment; filename=\"report.pdf\"")
            #expect(try await client.call(.get, "/api/v1/deals/1/files").status == .notFound)
        }
    }

    @Test func downloadsDefaultToOctetStreamAndFollowRenames() async throws {
        try await TestSandbox().test { client in
            var headers = HTTPFields.apiToken
            headers[.contentType] = "multipart/form-data; boundary=\(Self.boundary)"
            var body = ByteBuffer()
            body.writeString("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"blob.bin\"\r\n\r\nabc\r\n--\(Self.boundary)--\r\n")
            try await client.execute(uri: "/api/v1/files", method: .post, headers: headers, body: body)

            let renamed = try await client.callForm(.put, "/api/v1/files/1", form: "name=renamed.bin&description=A+blob").data()
            #expect(renamed["name"] == "renamed.bin")
            #expect(renamed["description"] == "A blob")
            let download = try await client.call(.get, "/api/v1/files/1/download")
            #expect(download.headers[.contentType] == "application/octet-stream")
            #expect(download.headers[.contentDisposition] == "attachment; filename=\"renamed.bin\"")
            #expect(download.text == "abc")

            #expect(try await client.call(.delete, "/api/v1/files/1").data() == ["id": 1])
            #expect(try await client.call(.get, "/api/v1/files/1/download").status == .notFound)
        }
    }

    @Test func refusesAnUploadWithoutAFilePart() async throws {
        try await TestSandbox().test { client in
            var body = ByteBuffer()
            body.writeString("--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"deal_id\"\r\n\r\n1\r\n--\(Self.boundary)--\r\n")
            let response = try await client.execute(uri: "/api/v1/files", method: .post, headers: Self.uploadHeaders, body: body)
            #expect(response.status == .badRequest)
        }
    }

    @Test func listsADealsFiles() async throws {
        try await TestSandbox().test { client in
            try await client.call(.post, "/api/v1/deals", json: ["title": "With file"])
            try await client.execute(uri: "/api/v1/files", method: .post, headers: Self.uploadHeaders, body: Self.uploadBody([1, 2, 3]))
            #expect(try await client.call(.get, "/api/v1/deals/1/files").data().arrayValue?.map { $0["name"] } == ["report.pdf"])
        }
    }
}
