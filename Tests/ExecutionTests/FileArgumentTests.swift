import Foundation
import Testing
import ToolportJSON

@testable import Execution

/// A file argument carries its bytes (`content`, base64) or names an upload (`s3key`), never both: one row per shape.
struct FileArgumentTests {
    static let expected = "expected {\"name\", \"mimetype\", \"content\": base64} or {\"name\", \"mimetype\", \"s3key\"}"

    static let shapes: [(JSONValue, FileArgument)] = [
        (["name": "a.txt", "mimetype": "text/plain", "content": "aGk="],
         FileArgument.inline(UploadFile(name: "a.txt", mimetype: "text/plain", content: Data("hi".utf8)))),
        (["name": "a.bin", "content": "aGk="], .inline(UploadFile(name: "a.bin", mimetype: "application/octet-stream", content: Data("hi".utf8)))),
        (["name": "a.bin", "mimetype": "", "content": ""], .inline(UploadFile(name: "a.bin", mimetype: "application/octet-stream", content: Data()))),
        (["name": "a.txt", "mimetype": "text/plain", "s3key": "uploads/abc"], .uploaded(name: "a.txt", mimetype: "text/plain", key: "uploads/abc")),
        (["name": "a.txt", "s3key": "uploads/abc"], .uploaded(name: "a.txt", mimetype: "application/octet-stream", key: "uploads/abc")),
    ]

    static let refusals: [(JSONValue, String)] = [
        (["mimetype": "text/plain", "content": "aGk="], expected),
        (["name": "", "content": "aGk="], expected),
        (["name": "a.txt"], expected),
        (["name": "a.txt", "s3key": 5], expected),
        (.null, expected),
        ("a path", expected),
        (["name": "a.txt", "content": "aGk=", "s3key": "uploads/abc"], "give content or s3key, not both"),
        (["name": "a.txt", "content": "%%% not base64 %%%"], "content is not valid base64"),
    ]

    @Test(arguments: shapes)
    func readsTheTwoShapes(_ value: JSONValue, _ argument: FileArgument) throws {
        #expect(try FileArgument(argument: "file", value: value) == argument)
    }

    @Test(arguments: refusals)
    func refusesEverythingElse(_ value: JSONValue, _ reason: String) {
        #expect(throws: ExecutionError.invalidFile(argument: "file", reason: reason)) { try FileArgument(argument: "file", value: value) }
    }
}
