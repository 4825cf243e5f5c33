package import Foundation

/// A session as the `tool_router_sessions` table holds it.
package struct SessionRow: StoredRow {
    package static let table = "tool_router_sessions"

    package enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case userID = "user_id"
        case configVersion = "config_version"
        case config
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    package var id: String
    package var userID: String
    package var configVersion: Int
    package var config: String
    package var createdAt: Date
    package var updatedAt: Date

    package init(_ record: SessionRecord) {
        id = record.id
        userID = record.userID
        configVersion = record.configVersion
        config = record.config
        createdAt = record.createdAt
        updatedAt = record.updatedAt
    }

    package var record: SessionRecord {
        SessionRecord(id: id, userID: userID, configVersion: configVersion, config: config, createdAt: createdAt, updatedAt: updatedAt)
    }

    /// The row after `config` is written as the next version at `now`, or why it is not: both engines decide
    /// an update with this.
    package func updated(config: String, expectedVersion: Int?, now: Date) -> Result<SessionRow, SessionConflict> {
        if let expectedVersion, expectedVersion != configVersion { return .failure(SessionConflict(currentVersion: configVersion)) }
        var row = self
        row.config = config
        row.configVersion += 1
        row.updatedAt = now
        return .success(row)
    }

    /// The history entry of the row's current version.
    package var historyEntry: SessionConfigRow {
        SessionConfigRow(SessionConfigVersion(sessionID: id, version: configVersion, config: config, createdAt: updatedAt))
    }
}

/// An update that expected another version than the current one.
package struct SessionConflict: Error, Equatable {
    package let currentVersion: Int
}

/// One version of a session's configuration, as the `tool_router_session_configs` table holds it.
package struct SessionConfigRow: StoredRow {
    package static let table = "tool_router_session_configs"

    package enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case sessionID = "session_id"
        case version
        case config
        case createdAt = "created_at"
    }

    /// `<session id>/<version>`.
    package var id: String
    package var sessionID: String
    package var version: Int
    package var config: String
    package var createdAt: Date

    package init(_ record: SessionConfigVersion) {
        id = "\(record.sessionID)/\(record.version)"
        sessionID = record.sessionID
        version = record.version
        config = record.config
        createdAt = record.createdAt
    }

    package var record: SessionConfigVersion {
        SessionConfigVersion(sessionID: sessionID, version: version, config: config, createdAt: createdAt)
    }
}
