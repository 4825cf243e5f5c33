import Foundation
import Storage
import Testing

/// What both engines write when an account is updated (the rule that keeps the newer token), and what
/// they read from a row whose status this version does not know.
struct ConnectedAccountRowTests {
    typealias Support = StorageTestSupport

    /// A record written over a stored account at token version 1: its version, whether its secrets
    /// differ from the stored ones, and what the store must keep.
    struct UpdateCase: Sendable, CustomTestStringConvertible {
        var recordVersion: Int
        var newSecrets: Bool
        var keepsStoredTokens: Bool
        var storedVersion: Int
        var testDescription: String {
            "record v\(recordVersion)\(newSecrets ? " with new secrets" : ""): \(keepsStoredTokens ? "stored" : "record's") tokens, v\(storedVersion)"
        }
    }

    static let updateCases = [
        // Read at the stored version: the record's tokens; the version counts a change of secrets.
        UpdateCase(recordVersion: 1, newSecrets: false, keepsStoredTokens: false, storedVersion: 1),
        UpdateCase(recordVersion: 1, newSecrets: true, keepsStoredTokens: false, storedVersion: 2),
        // Ahead of the stored version (`ConnectedAccountService.update` counts a new token itself): the same.
        UpdateCase(recordVersion: 2, newSecrets: true, keepsStoredTokens: false, storedVersion: 2),
        UpdateCase(recordVersion: 5, newSecrets: false, keepsStoredTokens: false, storedVersion: 1),
        // Read before a newer token was stored: the stored tokens and version stay, whatever the record holds.
        UpdateCase(recordVersion: 0, newSecrets: true, keepsStoredTokens: true, storedVersion: 1),
        UpdateCase(recordVersion: 0, newSecrets: false, keepsStoredTokens: true, storedVersion: 1),
    ]

    @Test(arguments: updateCases)
    func anUpdateKeepsTheNewerToken(_ update: UpdateCase) throws {
        let box = try Support.randomBox()
        let stored = ConnectedAccountRecord(
            id: "ca_1", userID: "user-1", authConfigID: "ac_1", status: .active, alias: "work",
            apiDomain: "https://stored.pipedrive.com", secrets: AccountSecrets(accessToken: "stored", refreshToken: "stored-refresh"),
            expiresAt: Support.date(100), scope: "deals:read", tokenVersion: 1, createdAt: Support.date(0), updatedAt: Support.date(0)
        )
        var record = stored
        record.alias = "renamed"
        record.status = .expired
        record.createdAt = Support.date(50)
        record.tokenVersion = update.recordVersion
        record.apiDomain = "https://record.pipedrive.com"
        record.expiresAt = Support.date(200)
        record.scope = "deals:full"
        if update.newSecrets { record.secrets = AccountSecrets(accessToken: "record", refreshToken: "record-refresh") }
        let now = Support.date(300)

        let written = try ConnectedAccountRow(stored, box: box).updated(with: record, box: box, now: now).record(box)

        #expect(written.alias == "renamed")
        #expect(written.status == .expired)
        #expect(written.createdAt == stored.createdAt)
        #expect(written.updatedAt == now)
        #expect(written.tokenVersion == update.storedVersion)
        let tokens = update.keepsStoredTokens ? stored : record
        #expect(written.secrets == tokens.secrets)
        #expect(written.expiresAt == tokens.expiresAt)
        #expect(written.apiDomain == tokens.apiDomain)
        #expect(written.scope == tokens.scope)
    }

    @Test func aStatusThisVersionDoesNotKnowIsAnErrorNamingTheAccount() throws {
        let box = try Support.randomBox()
        let record = ConnectedAccountRecord(
            id: "ca_1", userID: "user-1", authConfigID: "ac_1", status: .active, createdAt: Support.date(0), updatedAt: Support.date(0)
        )
        var row = try ConnectedAccountRow(record, box: box)
        row.status = "PAUSED"
        let error = #expect(throws: StorageError.self) { try row.record(box) }
        #expect(error?.kind == .queryFailed)
        #expect(error?.description.contains(#"the account ca_1 has the status "PAUSED""#) == true, "\(error?.description ?? "")")
        for status in ConnectionStatus.allCases {
            row.status = status.rawValue
            #expect(try row.record(box).status == status)
        }
    }
}
