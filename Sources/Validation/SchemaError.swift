/// Why a JSON Schema could not be compiled: the keyword at fault and what is wrong with it.
public struct SchemaError: Error, Equatable, CustomStringConvertible {
    /// The JSON pointer of the bad keyword inside the schema, e.g. `/properties/stage_id/type`;
    /// empty when the schema itself is at fault.
    public let pointer: String
    /// What is wrong, e.g. `unknown type "int"`.
    public let reason: String

    init(at pointer: JSONPointer, _ reason: String) {
        self.pointer = pointer.description
        self.reason = reason
    }

    /// `pointer: reason`, with `(root)` standing for the empty pointer.
    public var description: String {
        "\(pointer.isEmpty ? "(root)" : pointer): \(reason)"
    }
}
