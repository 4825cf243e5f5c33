/// The location of a value inside a validated document, written the way agents name arguments:
/// `stage_id`, `value.amount`, `label_ids[2]`; names that would read ambiguously are quoted (`["a.b"]`).
struct IssuePath: Sendable {
    private let text: String

    /// The validated document itself.
    static let root = IssuePath(text: "")

    private init(text: String) {
        self.text = text
    }

    /// The path of member `name` of the object at this path.
    func appending(property name: String) -> IssuePath {
        let isPlain = !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }
        if !isPlain {
            let quoted = name.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
            return IssuePath(text: text + "[\"\(quoted)\"]")
        }
        return IssuePath(text: text.isEmpty ? name : text + "." + name)
    }

    /// The path of element `index` of the array at this path.
    func appending(index: Int) -> IssuePath {
        IssuePath(text: text + "[\(index)]")
    }

    /// The path as shown in a `ValidationIssue`; `(root)` for the document itself.
    var rendered: String { text.isEmpty ? "(root)" : text }
}
