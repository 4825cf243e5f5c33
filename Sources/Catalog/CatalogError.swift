/// Why the catalog could not be loaded. Every case names the file at fault.
public enum CatalogError: Error, CustomStringConvertible, Equatable {
    case directoryNotFound(path: String)
    case unreadableFile(file: String, reason: String)
    case invalidTool(file: String, reason: String)
    case duplicateSlug(slug: String, files: [String])
    case missingToolkit(path: String)

    public var description: String {
        switch self {
        case .directoryNotFound(let path):
            "tool schema directory \(path) does not exist (pass --schemas PATH or set TOOLPORT_SCHEMAS)"
        case .unreadableFile(let file, let reason):
            "\(file): cannot read it as a tool file: \(reason)"
        case .invalidTool(let file, let reason):
            "\(file): \(reason)"
        case .duplicateSlug(let slug, let files):
            "slug \(slug) is used by more than one tool: \(files.joined(separator: ", "))"
        case .missingToolkit(let path):
            "\(path) is missing: every schema directory needs its toolkit.json"
        }
    }
}
