/// Why the database could not be used.
public enum StorageError: Error, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case migrationFailed(reason: String)
    case queryFailed(operation: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open the database at \(path): \(reason)"
        case .migrationFailed(let reason): "cannot migrate the database: \(reason)"
        case .queryFailed(let operation, let reason): "database error while trying to \(operation): \(reason)"
        }
    }
}
