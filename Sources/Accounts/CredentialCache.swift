import Execution
import Foundation
import Synchronization

/// Credentials the executor resolved in the last `lifetime`, so a busy user's calls skip the account and
/// auth config reads.
///
/// Every account or auth config write made through this process's stores (see ``InvalidatingStores``)
/// empties the cache at once, and a lookup that raced such a write is not stored. A write made by another
/// process on the same database (another replica, a `toolport` command) is seen within `lifetime`: that is
/// the documented bound on how long a disable or a deletion can go unnoticed.
public final class CredentialCache: Sendable {
    struct Key: Hashable {
        let userID: String?
        let accountID: String?
        let authConfigIDs: [String]
    }

    private struct Entry {
        let credential: Credential
        let storedAt: ContinuousClock.Instant
        /// When the account's access token expires, if it does: a cached credential is not used once the
        /// token is due for a refresh.
        let tokenExpiresAt: Date?
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        var generation = 0
    }

    /// How long a resolved credential is reused; zero turns the cache off.
    public let lifetime: Duration
    private let capacity: Int
    private let state = Mutex(State())

    public init(lifetime: Duration = .seconds(1), capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// Counts writes; a lookup stores its result only if no write happened while it read.
    var generation: Int { state.withLock { $0.generation } }

    /// The cached credential for `key`, unless it is older than `lifetime` or its token is due for refresh
    /// within `refreshMargin`.
    func credential(for key: Key, refreshMargin: Duration) -> Credential? {
        guard lifetime > .zero else { return nil }
        let now = ContinuousClock.now
        return state.withLock { state -> Credential? in
            guard let entry = state.entries[key] else { return nil }
            let tokenDue = entry.tokenExpiresAt.map { $0.timeIntervalSinceNow < refreshMargin.seconds } ?? false
            guard now - entry.storedAt < lifetime, !tokenDue else {
                state.entries[key] = nil
                return nil
            }
            return entry.credential
        }
    }

    /// Keeps `credential` for `key`, if no write happened since `generation` was read.
    func store(_ credential: Credential, tokenExpiresAt: Date?, for key: Key, readAt generation: Int) {
        guard lifetime > .zero else { return }
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = Entry(credential: credential, storedAt: .now, tokenExpiresAt: tokenExpiresAt)
        }
    }

    /// Forgets every credential; called after each account or auth config write.
    public func invalidateAll() {
        state.withLock { state in
            state.generation += 1
            state.entries.removeAll(keepingCapacity: true)
        }
    }
}
