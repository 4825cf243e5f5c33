import Foundation
import Storage
import Testing

/// A connected account's secrets keep the stored format of earlier versions (one JSON object of
/// strings, sealed) and never show their values.
struct AccountSecretsTests {
    typealias Support = StorageTestSupport

    /// Secrets and the JSON object they are stored as.
    struct StoredForm: Sendable, CustomTestStringConvertible {
        var secrets: AccountSecrets
        var json: String
        var testDescription: String { json }
    }

    static let storedForms = [
        StoredForm(secrets: AccountSecrets(), json: #"{}"#),
        StoredForm(secrets: AccountSecrets(token: "pd-api-token"), json: #"{"token":"pd-api-token"}"#),
        StoredForm(secrets: AccountSecrets(bearerToken: "bearer"), json: #"{"bearer_token":"bearer"}"#),
        StoredForm(
            secrets: AccountSecrets(accessToken: "access", refreshToken: "refresh"),
            json: #"{"access_token":"access","refresh_token":"refresh"}"#
        ),
        StoredForm(
            secrets: AccountSecrets(accessToken: "access", otherFields: ["id_token": "kept"]),
            json: #"{"access_token":"access","id_token":"kept"}"#
        ),
    ]

    @Test(arguments: storedForms)
    func secretsAreStoredAsTheJSONObjectEarlierVersionsWrote(form: StoredForm) throws {
        #expect(String(decoding: try StoredFields.encode(form.secrets.fields), as: UTF8.self) == form.json)
        let dictionary = try JSONDecoder().decode([String: String].self, from: Data(form.json.utf8))
        #expect(AccountSecrets(fields: dictionary) == form.secrets)
    }

    @Test(arguments: storedForms)
    func aValueSealedTheOldWayOpensToTheSameSecrets(form: StoredForm) throws {
        // What earlier versions sealed: the `[String: String]` map encoded with sorted keys.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let box = try Support.randomBox()
        let sealed = try box.seal(try encoder.encode(try JSONDecoder().decode([String: String].self, from: Data(form.json.utf8))))
        let row = ConnectedAccountRow(
            id: "ca_old", userID: "user-1", authConfigID: "ac_old", status: "ACTIVE", statusReason: nil, isDisabled: false, alias: nil,
            callbackURL: nil, subdomain: nil, apiDomain: nil, secrets: sealed, expiresAt: nil, scope: nil, tokenVersion: 0,
            createdAt: Support.date(0), updatedAt: Support.date(0)
        )
        #expect(try row.record(box).secrets == form.secrets)
    }

    @Test func printingOrDumpingSecretsShowsTheirKeysOnly() {
        let secrets = AccountSecrets(
            token: "pd-secret-1", bearerToken: "pd-secret-2", accessToken: "pd-secret-3", refreshToken: "pd-secret-4",
            otherFields: ["extra": "pd-secret-5"]
        )
        var dumped = ""
        dump(secrets, to: &dumped)
        for text in ["\(secrets)", String(reflecting: secrets), dumped] {
            #expect(!text.contains("pd-secret"), "\(text)")
            #expect(text.contains("refresh_token"), "\(text)")
        }
        #expect(
            "\(secrets)" == "[access_token: <redacted>, bearer_token: <redacted>, extra: <redacted>, refresh_token: <redacted>, token: <redacted>]"
        )
    }
}
