public import Foundation

/// The immutable set of tools Toolport serves, loaded and checked once at start.
///
/// ```swift
/// let catalog = try Catalog.load(from: URL(filePath: "schemas/pipedrive"))
/// let tool = catalog.tool(named: "pipedrive_add_a_deal")   // slugs and aliases, any case
/// let hits = catalog.search("create deal")                  // ranked
/// ```
public struct Catalog: Sendable {
    public let toolkit: Toolkit
    /// Every tool, sorted by slug.
    public let tools: [Tool]
    private let indexBySlug: [String: Int]
    private let searchIndex: ToolSearchIndex

    /// Builds a catalog from tools already loaded.
    /// - Throws: `CatalogError.duplicateSlug` when two tools share a slug or alias.
    public init(toolkit: Toolkit, tools: [Tool]) throws(CatalogError) {
        let sorted = tools.sorted { $0.slug < $1.slug }
        var index: [String: Int] = [:]
        for (position, tool) in sorted.enumerated() {
            for key in [tool.slug] + tool.aliases {
                if let other = index[key.uppercased()] {
                    throw .duplicateSlug(slug: key, files: [sorted[other].slug, tool.slug])
                }
                index[key.uppercased()] = position
            }
        }
        self.toolkit = toolkit
        self.tools = sorted
        self.indexBySlug = index
        self.searchIndex = ToolSearchIndex(tools: sorted)
    }

    /// Loads `toolkit.json` and every other `*.json` in `directory` as a tool.
    /// - Throws: `CatalogError` naming the first file that is missing, unreadable or inconsistent.
    public static func load(from directory: URL) throws(CatalogError) -> Catalog {
        let fileManager = FileManager.default
        guard let names = try? fileManager.contentsOfDirectory(atPath: directory.path) else {
            throw .directoryNotFound(path: directory.path)
        }
        let decoder = JSONDecoder()
        let toolkitURL = directory.appending(path: "toolkit.json")
        guard let toolkitData = fileManager.contents(atPath: toolkitURL.path) else {
            throw .missingToolkit(path: toolkitURL.path)
        }
        let toolkit: Toolkit
        do {
            toolkit = try decoder.decode(Toolkit.self, from: toolkitData)
        } catch {
            throw .unreadableFile(file: toolkitURL.path, reason: "\(error)")
        }
        var tools: [Tool] = []
        for name in names.sorted() where name.hasSuffix(".json") && name != "toolkit.json" {
            let url = directory.appending(path: name)
            let file: Tool.File
            do {
                file = try decoder.decode(Tool.File.self, from: Data(contentsOf: url))
            } catch {
                throw .unreadableFile(file: url.path, reason: "\(error)")
            }
            guard file.slug + ".json" == name else {
                throw .invalidTool(file: url.path, reason: "file name must be its slug (\(file.slug).json)")
            }
            tools.append(try Tool(file: file, source: url.path))
        }
        return try Catalog(toolkit: toolkit, tools: tools)
    }

    /// The tool whose slug or alias is `slug`, compared case-insensitively.
    public func tool(named slug: String) -> Tool? {
        indexBySlug[slug.uppercased()].map { tools[$0] }
    }

    /// The position of a tool in `tools`, for callers that keep per-tool data in parallel arrays.
    public func position(of slug: String) -> Int? {
        indexBySlug[slug.uppercased()]
    }

    /// Tools matching `query`, best first, as positions in `tools`.
    public func search(_ query: String) -> [Int] {
        searchIndex.rank(query)
    }
}
