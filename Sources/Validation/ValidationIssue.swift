/// One way a value fails its schema, e.g. `stage_id: expected integer, got string "x"`.
public struct ValidationIssue: Sendable, Hashable, CustomStringConvertible {
    /// Where the failing value sits relative to the validated document: `stage_id`, `value.amount`,
    /// `label_ids[2]`, or `(root)` for the document itself.
    public let path: String
    /// What is wrong with the value, e.g. `required` or `must be ≥ 1, got 0`.
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `path: reason`.
    public var description: String { "\(path): \(reason)" }
}
