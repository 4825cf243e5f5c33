/// Why a `--fault` spec could not be read.
public enum FaultSpecError: Error, CustomStringConvertible, Equatable {
    /// The text before `:` names no fault kind.
    case unknownKind(String)
    /// An option the kind does not take.
    case unknownKey(kind: String, key: String)
    /// An option value that is not a whole number in range.
    case invalidValue(key: String, value: String)
    /// A required option is missing (`latency` needs `ms`).
    case missingValue(kind: String, key: String)

    public var description: String {
        switch self {
        case .unknownKind(let kind):
            "unknown fault kind \"\(kind)\" (known: \(FaultRule.Kind.Name.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .unknownKey(let kind, let key):
            "fault \(kind) takes no option \"\(key)\""
        case .invalidValue(let key, let value):
            "fault option \(key)=\(value) needs a whole number of at least \(key == "ms" ? 0 : 1)"
        case .missingValue(let kind, let key):
            "fault \(kind) needs \(key)=N"
        }
    }
}
