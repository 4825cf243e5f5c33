import Foundation
import Storage

/// The executions page's filters (`?tool=&user=&outcome=&after=`) as an execution log query.
struct AdminExecutionFilter: Sendable, Equatable {
    enum Outcome: String, Sendable, CaseIterable {
        case success
        case failure
    }

    /// How many logs one page shows.
    static let pageSize = 50

    var tool: String?
    var user: String?
    var outcome: Outcome?
    var after: ExecutionLogQuery.Cursor?

    /// Reads the page's query; blank values and an unknown outcome or cursor do not filter.
    init(tool: String?, user: String?, outcome: String?, after: String?) {
        self.tool = tool.flatMap(Self.trimmed)
        self.user = user.flatMap(Self.trimmed)
        self.outcome = outcome.flatMap { Outcome(rawValue: $0.lowercased()) }
        self.after = after.flatMap(ExecutionLogQuery.Cursor.init)
    }

    /// The query, asking for one log more than a page to learn whether older ones follow. Tool slugs compare
    /// upper-cased, as the log keeps them.
    var query: ExecutionLogQuery {
        var conditions: [ExecutionLogQuery.Condition] = []
        if let tool { conditions.append(.oneOf(.toolSlug, [tool.uppercased()])) }
        if let user { conditions.append(.oneOf(.userID, [user])) }
        if let outcome { conditions.append(.successful(outcome == .success)) }
        return ExecutionLogQuery(conditions: conditions, after: after, limit: Self.pageSize + 1)
    }

    /// The query string of this filter from `cursor` on (for the "older" link).
    func queryString(after cursor: ExecutionLogQuery.Cursor) -> String {
        var items = [URLQueryItem]()
        if let tool { items.append(URLQueryItem(name: "tool", value: tool)) }
        if let user { items.append(URLQueryItem(name: "user", value: user)) }
        if let outcome { items.append(URLQueryItem(name: "outcome", value: outcome.rawValue)) }
        items.append(URLQueryItem(name: "after", value: cursor.description))
        var components = URLComponents()
        components.queryItems = items
        return components.percentEncodedQuery ?? ""
    }

    private static func trimmed(_ text: String) -> String? {
        let text = text.trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }
}

/// The key form's fields as a scope and an expiry.
struct AdminKeyDraft: Sendable, Equatable {
    var name: String
    var scope: APIKeyScope
    var expiresInDays: Int?

    /// Why the form cannot make a key.
    struct Invalid: Error, Equatable {
        var message: String
    }

    /// - Throws: `Invalid` naming the field to fix.
    init(fields: [String: String]) throws(Invalid) {
        let name = (fields["name"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw Invalid(message: "A key needs a name.") }
        self.name = name
        scope = APIKeyScope(userIDs: Self.list(fields["user_ids"]), tools: Self.list(fields["tools"]), readOnly: fields["read_only"] == "on")
        let days = (fields["expires_in_days"] ?? "").trimmingCharacters(in: .whitespaces)
        if days.isEmpty {
            expiresInDays = nil
        } else {
            guard let number = Int(days), (1...3650).contains(number) else {
                throw Invalid(message: "Expires in days must be a whole number from 1 to 3650, or empty for a key that never expires.")
            }
            expiresInDays = number
        }
    }

    func expiresAt(now: Date) -> Date? {
        expiresInDays.map { now.addingTimeInterval(Double($0) * 86_400) }
    }

    /// Comma-separated values, blanks dropped; nil when none (no restriction).
    private static func list(_ text: String?) -> [String]? {
        let items = (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return items.isEmpty ? nil : items
    }
}

/// How many failed sign-ins the console accepts in a window before it refuses every sign-in until the window
/// moves on: a bound on guessing keys, whoever guesses.
struct SignInLimit: Sendable {
    var maximumFailures = 10
    var window: TimeInterval = 60

    /// The failures still inside the window at `now`.
    func recent(_ failures: [Date], now: Date) -> [Date] {
        failures.filter { now.timeIntervalSince($0) < window }
    }

    /// Whether a sign-in may be tried at `now` after `failures`.
    func allows(after failures: [Date], now: Date) -> Bool {
        recent(failures, now: now).count < maximumFailures
    }
}

/// The failed sign-ins of this process, for `SignInLimit`.
actor SignInFailures {
    private var failures: [Date] = []
    let limit: SignInLimit

    init(limit: SignInLimit = SignInLimit()) {
        self.limit = limit
    }

    func allows(now: Date) -> Bool {
        failures = limit.recent(failures, now: now)
        return limit.allows(after: failures, now: now)
    }

    func record(_ date: Date) {
        failures.append(date)
    }
}

/// The confirmations shown after a redirect (`?notice=`): a fixed set, so a link cannot make the console say
/// anything else.
enum AdminNotice: String, Sendable {
    case authConfigCreated = "auth-config-created"
    case authConfigDisabled = "auth-config-disabled"
    case authConfigEnabled = "auth-config-enabled"
    case accountDisabled = "account-disabled"
    case accountEnabled = "account-enabled"
    case accountDeleted = "account-deleted"
    case keyRevoked = "key-revoked"
    case signedOut = "signed-out"

    var text: String {
        switch self {
        case .authConfigCreated: "Auth config created."
        case .authConfigDisabled: "Auth config disabled: its accounts cannot run tools until it is enabled again."
        case .authConfigEnabled: "Auth config enabled."
        case .accountDisabled: "Connected account disabled."
        case .accountEnabled: "Connected account enabled."
        case .accountDeleted: "Connected account deleted."
        case .keyRevoked: "Key revoked: it is refused from now on."
        case .signedOut: "Signed out."
        }
    }
}
