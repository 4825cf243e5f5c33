/// Why the database could not be used.
///
/// Descriptions never include stored secrets or the master key.
public enum StorageError: Error, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case migrationFailed(reason: String)
    case queryFailed(operation: String, reason: String)
    /// `TOOLPORT_MASTER_KEY` or the key file does not hold a usable key; `reason` says which and what is expected.
    case invalidMasterKey(reason: String)
    /// The database's secrets were sealed with another master key.
    case wrongMasterKey
    /// A sealed value could not be opened: another key sealed it, or it is damaged.
    case cannotDecrypt

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open the database at \(path): \(reason)"
        case .migrationFailed(let reason): "cannot migrate the database: \(reason)"
        case .queryFailed(let operation, let reason): "database error while trying to \(operation): \(reason)"
        case .invalidMasterKey(let reason): "invalid master key: \(reason)"
        case .wrongMasterKey:
            "the database was encrypted with a different master key; start with the original TOOLPORT_MASTER_KEY or key file"
        case .cannotDecrypt: "cannot decrypt a stored secret: it was sealed with another master key or is damaged"
        }
    }

    /// The description without the database's own error text (which can quote SQL and row values): what
    /// callers outside the server's log may be told.
    public var summary: String {
        switch self {
        case .cannotOpen(let path, _): "cannot open the database at \(path)"
        case .migrationFailed: "cannot migrate the database"
        case .queryFailed(let operation, _): "database error while trying to \(operation)"
        case .invalidMasterKey, .wrongMasterKey, .cannotDecrypt: description
        }
    }
}
