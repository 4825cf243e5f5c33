import Catalog

/// The catalog's API operations by method and path template, for matching incoming requests.
struct OperationTable: Sendable {
    /// One segment of a path template below `/api/v1`.
    enum Segment: Sendable, Equatable {
        case literal(String)
        case placeholder(String)
    }

    /// An API tool with its v1 binding and that binding's template split into segments.
    struct Operation: Sendable {
        var tool: Tool
        /// The tool's v1 binding: `http_v1_2024` for tools rebound to v2, else `http`.
        var binding: HTTPBinding
        var segments: [Segment]
    }

    /// The operation a request matched, with the values of its placeholders.
    struct Match: Sendable {
        var operation: Operation
        var pathValues: [String: String]
    }

    static let prefix = "/api/v1/"

    private let operations: [Operation]

    /// Indexes the catalog's `api` tools whose v1 binding (the 2024 one of tools rebound to v2) is under `/api/v1/`.
    init(catalog: Catalog) {
        operations = catalog.tools.compactMap { tool in
            let binding = tool.binding(for: .v1_2024)
            guard binding.server == .api, binding.path.hasPrefix(Self.prefix) else { return nil }
            let segments = binding.path.dropFirst(Self.prefix.count).split(separator: "/").map { segment -> Segment in
                segment.hasPrefix("{") && segment.hasSuffix("}") ? .placeholder(String(segment.dropFirst().dropLast())) : .literal(String(segment))
            }
            return Operation(tool: tool, binding: binding, segments: segments)
        }
    }

    /// The operation for `method` and the decoded path segments below the version prefix; a literal
    /// segment beats a placeholder at the first place two templates differ (`deals/search` over `deals/{id}`).
    func match(method: String, segments: [String]) -> Match? {
        var best: (match: Match, rank: [Bool])?
        for operation in operations where operation.binding.method == method && operation.segments.count == segments.count {
            var values: [String: String] = [:]
            var rank: [Bool] = []
            var matches = true
            for (template, segment) in zip(operation.segments, segments) {
                switch template {
                case .literal(let text):
                    matches = matches && text == segment
                    rank.append(true)
                case .placeholder(let name):
                    values[name] = segment
                    rank.append(false)
                }
            }
            guard matches else { continue }
            if let current = best, !rank.lexicographicallyPrecedes(current.rank, by: { $0 && !$1 }) { continue }
            best = (Match(operation: operation, pathValues: values), rank)
        }
        return best?.match
    }
}
