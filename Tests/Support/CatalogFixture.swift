public import Catalog
public import Foundation
public import ToolportJSON

/// The committed catalog with one tool's `input_parameters` (and its binding's parameters) replaced, for tests of what happens when a tool's
/// schema is one a provider cannot take.
public enum CatalogFixture {
    /// The committed catalog's directory.
    public static let schemas = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "schemas/pipedrive")

    /// The committed catalog loaded from a copy in which `slug`'s `input_parameters` are `inputParameters`.
    public static func catalog(replacing slug: String, inputParameters: JSONValue) throws -> Catalog {
        let directory = FileManager.default.temporaryDirectory.appending(path: "toolport-catalog-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: schemas, to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appending(path: "\(slug).json")
        guard var tool = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any] else {
            throw CocoaError(.fileReadCorruptFile)
        }
        tool["input_parameters"] = try JSONSerialization.jsonObject(with: Data(inputParameters.encoded()))
        // Each argument is sent in the query, under its own name.
        if var http = tool["http"] as? [String: Any] {
            http["parameters"] = (inputParameters["properties"]?.objectValue?.keys.sorted() ?? []).map { ["name": $0, "in": "query", "wire": $0] }
            tool["http"] = http
        }
        try JSONSerialization.data(withJSONObject: tool).write(to: file)
        return try Catalog.load(from: directory)
    }

    /// `slug` from `catalog(replacing:inputParameters:)`.
    public static func tool(_ slug: String, inputParameters: JSONValue) throws -> Tool {
        guard let tool = try catalog(replacing: slug, inputParameters: inputParameters).tool(named: slug) else {
            throw CocoaError(.fileNoSuchFile)
        }
        return tool
    }
}
