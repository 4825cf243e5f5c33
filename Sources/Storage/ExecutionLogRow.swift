package import Foundation

/// An execution log as the `execution_logs` table holds it.
package struct ExecutionLogRow: StoredRow {
    package static let table = "execution_logs"

    package enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case toolSlug = "tool_slug"
        case connectedAccountID = "connected_account_id"
        case userID = "user_id"
        case method, url
        case statusCode = "status_code"
        case successful
        case durationMilliseconds = "duration_ms"
        case attempts, error
        case createdAt = "created_at"
        case dryRun = "dry_run"
        case requestID = "request_id"
    }

    package var id: String
    package var toolSlug: String
    package var connectedAccountID: String?
    package var userID: String?
    package var method: String?
    package var url: String?
    package var statusCode: Int?
    package var successful: Bool
    package var durationMilliseconds: Int
    package var attempts: Int
    package var error: String?
    package var createdAt: Date
    package var dryRun: Bool
    package var requestID: String?

    package init(_ record: ExecutionLogRecord) {
        id = record.id
        toolSlug = record.toolSlug
        connectedAccountID = record.connectedAccountID
        userID = record.userID
        method = record.method
        url = record.url
        statusCode = record.statusCode
        successful = record.successful
        durationMilliseconds = record.durationMilliseconds
        attempts = record.attempts
        error = record.error
        createdAt = record.createdAt
        dryRun = record.dryRun
        requestID = record.requestID
    }

    package var record: ExecutionLogRecord {
        ExecutionLogRecord(
            id: id, toolSlug: toolSlug, connectedAccountID: connectedAccountID, userID: userID, method: method, url: url,
            statusCode: statusCode, successful: successful, durationMilliseconds: durationMilliseconds, attempts: attempts, error: error,
            createdAt: createdAt, dryRun: dryRun, requestID: requestID
        )
    }
}
