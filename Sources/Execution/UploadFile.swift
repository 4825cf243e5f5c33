import Catalog
import Files
import Foundation
import ToolportJSON

/// A file as it is sent to Pipedrive: a multipart part's file name, media type and bytes.
struct UploadFile: Sendable, Equatable {
    var name: String
    var mimetype: String
    var content: Data
}

/// A file argument as a caller gives it: `{"name", "mimetype"?, "content": "<base64>"}` with the bytes inline, or
/// `{"name", "mimetype"?, "s3key": "uploads/<id>"}` naming a file uploaded to Toolport (what the Composio SDK sends
/// after its upload).
enum FileArgument: Sendable, Equatable {
    case inline(UploadFile)
    case uploaded(name: String, mimetype: String, key: String)

    /// - Throws: `ExecutionError.invalidFile` when the object has no name, both or neither of `content` and
    ///   `s3key`, or content that is not base64.
    init(argument: String, value: JSONValue) throws(ExecutionError) {
        guard let name = value["name"]?.stringValue, !name.isEmpty else {
            throw .invalidFile(argument: argument, reason: Self.expected)
        }
        let mimetype = value["mimetype"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? "application/octet-stream"
        switch (value["content"]?.stringValue, value["s3key"]?.stringValue) {
        case (let encoded?, nil):
            guard let content = Data(base64Encoded: encoded, options: .ignoreUnknownCharacters), !content.isEmpty || encoded.isEmpty else {
                throw .invalidFile(argument: argument, reason: "content is not valid base64")
            }
            self = .inline(UploadFile(name: name, mimetype: mimetype, content: content))
        case (nil, let key?):
            self = .uploaded(name: name, mimetype: mimetype, key: key)
        case (.some, .some):
            throw .invalidFile(argument: argument, reason: "give content or s3key, not both")
        case (nil, nil):
            throw .invalidFile(argument: argument, reason: Self.expected)
        }
    }

    private static let expected = "expected {\"name\", \"mimetype\", \"content\": base64} or {\"name\", \"mimetype\", \"s3key\"}"

    /// The files of a call's file parameters (by argument name), their uploads read from `files`.
    /// - Throws: `ExecutionError.invalidFile` for a malformed argument, or an `s3key` that names no upload (or a
    ///   server without a file store).
    static func files(
        of binding: HTTPBinding, arguments: [String: JSONValue], from files: FileExchange?
    ) throws(ExecutionError) -> [String: UploadFile] {
        var resolved: [String: UploadFile] = [:]
        for parameter in binding.parameters where parameter.location == .file {
            guard let value = arguments[parameter.name] else { continue }
            switch try FileArgument(argument: parameter.name, value: value) {
            case .inline(let file):
                resolved[parameter.name] = file
            case .uploaded(let name, let mimetype, let key):
                guard let files else {
                    throw .invalidFile(argument: parameter.name, reason: "this Toolport keeps no uploaded files here: pass the bytes as content (base64)")
                }
                do {
                    resolved[parameter.name] = UploadFile(name: name, mimetype: mimetype, content: try files.upload(named: key))
                } catch {
                    throw .invalidFile(argument: parameter.name, reason: error.description)
                }
            }
        }
        return resolved
    }
}

/// A `multipart/form-data` body with text fields and file parts.
struct MultipartBody {
    let boundary: String
    let data: Data

    init(fields: [(name: String, value: String)], files: [(part: String, file: UploadFile)]) {
        let boundary = "toolport-" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        var data = Data()
        func line(_ text: String) { data.append(Data((text + "\r\n").utf8)) }
        for (name, value) in fields {
            line("--\(boundary)")
            line("Content-Disposition: form-data; name=\"\(Self.quoted(name))\"")
            line("")
            line(value)
        }
        for (part, file) in files {
            line("--\(boundary)")
            line("Content-Disposition: form-data; name=\"\(Self.quoted(part))\"; filename=\"\(Self.quoted(file.name))\"")
            line("Content-Type: \(file.mimetype)")
            line("")
            data.append(file.content)
            line("")
        }
        line("--\(boundary)--")
        self.boundary = boundary
        self.data = data
    }

    /// A header parameter value with quotes and line breaks neutralised.
    private static func quoted(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "%22").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }
}
