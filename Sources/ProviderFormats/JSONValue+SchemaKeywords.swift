import Foundation
import ToolportJSON

/// The descriptions and notes the provider conversions write (the keywords they read are in Catalog).
extension JSONValue {
    /// The node's `description` with `notes` appended as further sentences; `nil` when there is neither.
    func description(adding notes: [String]) -> JSONValue? {
        let sentences = ([self["description"]?.stringValue ?? ""] + notes).filter { !$0.isEmpty }
        guard let first = sentences.first else { return nil }
        return .string(sentences.dropFirst().reduce(first) { text, note in
            text + (text.hasSuffix(".") || text.hasSuffix("?") || text.hasSuffix("!") ? " " : ". ") + note
        })
    }

    /// A note for a dropped `default`, unless the description already talks about the default.
    var defaultNote: String? {
        guard let value = self["default"] else { return nil }
        if self["description"]?.stringValue?.lowercased().contains("default") == true { return nil }
        return "Default: \(value.jsonText)."
    }

    /// The value as compact JSON text.
    var jsonText: String {
        String(decoding: encoded(), as: UTF8.self)
    }
}
