import Foundation
import Storage

/// `GET /mcp/servers`: the filters, order and page Composio's `composio.mcp.list` sends, applied to every stored
/// config (there are few: a project's servers, not its users).
struct MCPServerListQuery: Equatable {
    enum Order: String, Equatable {
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    /// Servers with any of these toolkits; empty: all.
    var toolkits: [String] = []
    /// Servers with any of these auth configs; empty: all.
    var authConfigIDs: [String] = []
    /// Servers whose name contains this, in any case.
    var name: String?
    var order: Order = .createdAt
    var ascending = false
    /// 1-based.
    var page = 1
    var limit = 10

    /// One page of the matching servers and the totals.
    struct Result: Equatable {
        var items: [MCPServerRecord]
        var totalItems: Int
        var totalPages: Int
    }

    func apply(to records: [MCPServerRecord]) -> Result {
        let wantedToolkits = Set(toolkits.map { $0.lowercased() })
        let wantedConfigs = Set(authConfigIDs)
        let matching = records.filter { record in
            (wantedToolkits.isEmpty || !wantedToolkits.isDisjoint(with: record.toolkits))
                && (wantedConfigs.isEmpty || !wantedConfigs.isDisjoint(with: record.authConfigIDs))
                && (name.map { record.name.localizedCaseInsensitiveContains($0) } ?? true)
        }
        let sorted = matching.sorted { first, second in
            let (a, b) = order == .createdAt ? (first.createdAt, second.createdAt) : (first.updatedAt, second.updatedAt)
            if a != b { return ascending ? a < b : a > b }
            return first.id < second.id
        }
        let start = min((page - 1) * limit, sorted.count)
        return Result(
            items: Array(sorted[start..<min(start + limit, sorted.count)]), totalItems: sorted.count,
            totalPages: max(1, (sorted.count + limit - 1) / limit)
        )
    }
}
