import Foundation

/// Which tools a caller may list and run: every tool, or those matching exact slugs and `*` globs
/// (`PIPEDRIVE_GET_*`), and optionally only tools whose Pipedrive operation reads.
public struct ToolPermission: Sendable, Hashable, CustomStringConvertible {
    /// Slugs and globs; nil: every tool.
    public var patterns: [String]?
    /// Only tools that read (their HTTP method is GET).
    public var readOnly: Bool

    public init(patterns: [String]? = nil, readOnly: Bool = false) {
        self.patterns = patterns
        self.readOnly = readOnly
    }

    /// No restriction.
    public static let everything = ToolPermission()

    /// Why `tool` may not be run under this permission, or nil when it may.
    public func refusal(of tool: Tool, api: PipedriveAPI) -> String? {
        if readOnly, !tool.isReadOnly(api: api) {
            return "this API key is read-only and \(tool.slug) changes data in Pipedrive (\(tool.binding(for: api).method))"
        }
        if let patterns, !patterns.contains(where: { Self.matches($0, tool.slug) }) {
            return "this API key may run only \(patterns.joined(separator: ", "))"
        }
        return nil
    }

    public func permits(_ tool: Tool, api: PipedriveAPI) -> Bool { refusal(of: tool, api: api) == nil }

    /// Why a proxy request (any Pipedrive endpoint, Composio's `tools.proxy`) with `method` may not be sent
    /// under this permission, or nil when it may: a tool list cannot be checked against a raw endpoint, so
    /// only keys without one may proxy, and read-only keys only GET and HEAD.
    public func proxyRefusal(method: String) -> String? {
        if let patterns {
            return "this API key may run only \(patterns.joined(separator: ", ")), and the proxy reaches any Pipedrive endpoint; "
                + "use a key without a tool list"
        }
        if readOnly, method != "GET", method != "HEAD" {
            return "this API key is read-only and a \(method) through the proxy may change data in Pipedrive"
        }
        return nil
    }

    /// Whether `slug` matches `pattern`, compared case-insensitively, where `*` stands for any run of characters.
    public static func matches(_ pattern: String, _ slug: String) -> Bool {
        let parts = pattern.uppercased().split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        var rest = Substring(slug.uppercased())
        guard parts.count > 1 else { return rest == parts[0] }
        guard rest.hasPrefix(parts[0]) else { return false }
        rest = rest.dropFirst(parts[0].count)
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let range = rest.range(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        return rest.hasSuffix(parts[parts.count - 1])
    }

    public var description: String {
        (patterns.map { $0.joined(separator: ",") } ?? "*") + (readOnly ? " read-only" : "")
    }
}

extension Tool {
    /// Whether the tool's Pipedrive operation only reads: its HTTP method is GET. (No POST of Pipedrive's
    /// specs is a pure read: the search endpoints are GETs.)
    public func isReadOnly(api: PipedriveAPI) -> Bool {
        binding(for: api).method == "GET"
    }
}

/// MCP's tool annotations, derived from a tool's binding: what an agent's host shows before a call.
public struct ToolAnnotations: Sendable, Equatable {
    public var title: String
    public var readOnlyHint: Bool
    public var destructiveHint: Bool
    public var idempotentHint: Bool
    public var openWorldHint: Bool

    /// `title` is the seed's name; reads are GET; DELETE (bulk deletes included) and tools tagged
    /// `destructive` destroy; GET, PUT and DELETE are idempotent; every tool reaches Pipedrive (open world).
    public init(_ tool: Tool, api: PipedriveAPI) {
        let method = tool.binding(for: api).method
        title = tool.name
        readOnlyHint = method == "GET"
        destructiveHint = method == "DELETE" || tool.tags.contains("destructive")
        idempotentHint = ["GET", "PUT", "DELETE"].contains(method)
        openWorldHint = true
    }
}
