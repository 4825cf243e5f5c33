import Foundation
import Sandbox
import Testing

struct MultipartParserTests {
    @Test func readsTheBoundaryFromTheContentType() {
        #expect(MultipartParser.boundary(inContentType: "multipart/form-data; boundary=abc") == "abc")
        #expect(MultipartParser.boundary(inContentType: "Multipart/Form-Data; charset=utf-8; boundary=\"a b;c\"") == "a b;c")
        #expect(MultipartParser.boundary(inContentType: "application/json") == nil)
        #expect(MultipartParser.boundary(inContentType: "multipart/form-data") == nil)
    }

    @Test func splitsFieldsAndFiles() throws {
        let body = Data(
            ("--XYZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nHello, world\r\n"
                + "--XYZ\r\ncontent-disposition: form-data; name=\"file\"; filename=\"a \\\"b\\\".txt\"\r\nContent-Type: text/plain\r\n\r\n"
                + "line 1\r\nline 2\r\n--XYZ--\r\n").utf8
        )
        let parts = try MultipartParser.parse(body, boundary: "XYZ")
        #expect(parts.count == 2)
        #expect(parts[0] == MultipartPart(name: "title", data: Data("Hello, world".utf8)))
        #expect(parts[1].name == "file")
        #expect(parts[1].filename == "a \"b\".txt")
        #expect(parts[1].contentType == "text/plain")
        #expect(parts[1].text == "line 1\r\nline 2")
    }

    @Test func keepsBinaryContentExactly() throws {
        let bytes: [UInt8] = [0, 255, 13, 10, 45, 45, 88, 13, 10]
        var body = Data("--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.bin\"\r\n\r\n".utf8)
        body.append(contentsOf: bytes)
        body.append(Data("\r\n--B--".utf8))
        #expect(try MultipartParser.parse(body, boundary: "B").first?.data == Data(bytes))
    }

    @Test func acceptsAnEmptyBodyOfParts() throws {
        #expect(try MultipartParser.parse(Data("--B--\r\n".utf8), boundary: "B").isEmpty)
    }

    @Test func reportsMalformedBodies() {
        #expect(throws: MultipartError.missingOpeningBoundary) {
            try MultipartParser.parse(Data("no boundary here".utf8), boundary: "B")
        }
        #expect(throws: MultipartError.unterminatedPart(index: 0)) {
            try MultipartParser.parse(Data("--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue".utf8), boundary: "B")
        }
        #expect(throws: MultipartError.missingName(index: 0)) {
            try MultipartParser.parse(Data("--B\r\nContent-Type: text/plain\r\n\r\nvalue\r\n--B--".utf8), boundary: "B")
        }
    }
}
