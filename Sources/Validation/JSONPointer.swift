/// An RFC 6901 JSON pointer into a schema document, used to name the keyword a `SchemaError` is about.
struct JSONPointer: Sendable, CustomStringConvertible {
    /// The pointer text; empty for the document itself.
    let description: String

    /// The pointer to the whole document.
    static let root = JSONPointer(description: "")

    /// The pointer to the member `token` of the value this pointer names (`~` and `/` escaped).
    func appending(_ token: String) -> JSONPointer {
        let escaped = token.replacing("~", with: "~0").replacing("/", with: "~1")
        return JSONPointer(description: description + "/" + escaped)
    }

    /// The pointer to element `index` of the array this pointer names.
    func appending(_ index: Int) -> JSONPointer {
        JSONPointer(description: description + "/\(index)")
    }
}
