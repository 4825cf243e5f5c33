/// Which connected accounts to list, and in what order. An empty list does not filter.
public struct ConnectedAccountFilter: Sendable, Equatable {
    /// The date accounts are ordered by; ties are broken by ID.
    public enum Order: Sendable, Equatable {
        case createdAt
        case updatedAt
    }

    public var userIDs: [String]
    public var authConfigIDs: [String]
    public var statuses: [ConnectionStatus]
    public var accountIDs: [String]
    /// Toolkit slugs of the accounts' auth configs, in any case.
    public var toolkits: [String]
    public var orderBy: Order
    public var ascending: Bool

    /// A filter; by default every account, newest first.
    public init(
        userIDs: [String] = [], authConfigIDs: [String] = [], statuses: [ConnectionStatus] = [], accountIDs: [String] = [],
        toolkits: [String] = [], orderBy: Order = .createdAt, ascending: Bool = false
    ) {
        self.userIDs = userIDs
        self.authConfigIDs = authConfigIDs
        self.statuses = statuses
        self.accountIDs = accountIDs
        self.toolkits = toolkits
        self.orderBy = orderBy
        self.ascending = ascending
    }
}
