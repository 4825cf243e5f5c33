import Foundation
import Storage

/// A connected account store that empties a ``CredentialCache`` after every write it passes on.
struct InvalidatingConnectedAccountStore: ConnectedAccountStore {
    let base: any ConnectedAccountStore
    let cache: CredentialCache

    func insert(_ record: ConnectedAccountRecord) async throws(StorageError) {
        defer { cache.invalidateAll() }
        try await base.insert(record)
    }

    func get(id: String) async throws(StorageError) -> ConnectedAccountRecord? { try await base.get(id: id) }

    func list(_ filter: ConnectedAccountFilter) async throws(StorageError) -> [ConnectedAccountRecord] { try await base.list(filter) }

    func update(_ record: ConnectedAccountRecord) async throws(StorageError) -> Bool {
        defer { cache.invalidateAll() }
        return try await base.update(record)
    }

    func delete(id: String) async throws(StorageError) -> Bool {
        defer { cache.invalidateAll() }
        return try await base.delete(id: id)
    }

    func replaceSecrets(
        id: String, expectedVersion: Int, secrets: AccountSecrets, expiresAt: Date?, apiDomain: String?, scope: String?
    ) async throws(StorageError) -> ConnectedAccountRecord? {
        defer { cache.invalidateAll() }
        return try await base.replaceSecrets(
            id: id, expectedVersion: expectedVersion, secrets: secrets, expiresAt: expiresAt, apiDomain: apiDomain, scope: scope
        )
    }

    func setStatus(id: String, status: ConnectionStatus, reason: String?) async throws(StorageError) -> Bool {
        defer { cache.invalidateAll() }
        return try await base.setStatus(id: id, status: status, reason: reason)
    }

    func withRefreshLock<T: Sendable>(id: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        try await base.withRefreshLock(id: id, body)
    }
}

/// An auth config store that empties a ``CredentialCache`` after every write it passes on.
struct InvalidatingAuthConfigStore: AuthConfigStore {
    let base: any AuthConfigStore
    let cache: CredentialCache

    func insert(_ record: AuthConfigRecord) async throws(StorageError) {
        defer { cache.invalidateAll() }
        try await base.insert(record)
    }

    func get(id: String) async throws(StorageError) -> AuthConfigRecord? { try await base.get(id: id) }

    func list(toolkit: String?, includeDisabled: Bool, search: String?) async throws(StorageError) -> [AuthConfigRecord] {
        try await base.list(toolkit: toolkit, includeDisabled: includeDisabled, search: search)
    }

    func update(_ record: AuthConfigRecord) async throws(StorageError) -> Bool {
        defer { cache.invalidateAll() }
        return try await base.update(record)
    }

    func delete(id: String) async throws(StorageError) -> Bool {
        defer { cache.invalidateAll() }
        return try await base.delete(id: id)
    }

    func connectionCount(id: String) async throws(StorageError) -> Int { try await base.connectionCount(id: id) }
}
