/// One way a tool definition breaks a provider's documented rules, found by `StrictSchemaChecker` or
/// `GeminiSchemaChecker`.
public struct SchemaViolation: Sendable, Hashable, CustomStringConvertible {
    /// An RFC 6901 JSON pointer into the checked definition (`/function/parameters/properties/title`).
    public let pointer: String
    /// What is wrong there.
    public let reason: String

    /// - Parameters:
    ///   - pointer: where the problem is, as a JSON pointer into the checked definition.
    ///   - reason: what is wrong there.
    public init(pointer: String, reason: String) {
        self.pointer = pointer
        self.reason = reason
    }

    /// `pointer: reason`.
    public var description: String { "\(pointer): \(reason)" }

    /// The pointer to member `token` of the value `pointer` names (`~` and `/` escaped).
    static func pointer(_ pointer: String, _ token: String) -> String {
        pointer + "/" + token.replacing("~", with: "~0").replacing("/", with: "~1")
    }
}
