package import Foundation

/// `[String: String]` maps as the JSON objects the account tables keep: public fields as text,
/// secrets sealed by a `SecretBox`.
package enum StoredFields {
    /// `fields` as a JSON object with sorted keys.
    package static func encode(_ fields: [String: String]) throws(StorageError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        do {
            return try encoder.encode(fields)
        } catch {
            throw .queryFailed(operation: "encode stored fields", reason: "the fields cannot be written as JSON")
        }
    }

    /// The map in the JSON object `data`.
    /// - Throws: `StorageError.queryFailed` without echoing the content, which may be secret.
    package static func decode(_ data: Data) throws(StorageError) -> [String: String] {
        do {
            return try JSONDecoder().decode([String: String].self, from: data)
        } catch {
            throw .queryFailed(operation: "decode stored fields", reason: "the stored value is not a JSON object of strings")
        }
    }

    /// `fields` as JSON, sealed by `box`.
    package static func seal(_ fields: [String: String], with box: SecretBox) throws(StorageError) -> Data {
        try box.seal(encode(fields))
    }

    /// The map sealed in `sealed`.
    /// - Throws: `StorageError.cannotDecrypt` when `box` cannot open it.
    package static func open(_ sealed: Data, with box: SecretBox) throws(StorageError) -> [String: String] {
        try decode(box.open(sealed))
    }
}
