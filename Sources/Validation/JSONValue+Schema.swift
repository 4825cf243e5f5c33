import Foundation
import ToolportJSON

extension JSONValue {
    /// JSON Schema equality, as `enum` uses it: numbers compare by value (`5` equals `5.0`), containers member by member.
    func isSchemaEqual(to other: JSONValue) -> Bool {
        switch (self, other) {
        case (.integer, .number), (.number, .integer):
            return doubleValue == other.doubleValue
        case (.array(let items), .array(let otherItems)):
            return items.count == otherItems.count && zip(items, otherItems).allSatisfy { $0.isSchemaEqual(to: $1) }
        case (.object(let members), .object(let otherMembers)):
            return members.count == otherMembers.count
                && members.allSatisfy { key, value in otherMembers[key].map(value.isSchemaEqual) ?? false }
        default:
            return self == other
        }
    }

    /// The value as compact JSON text, e.g. `"open"` or `5`.
    var jsonText: String {
        String(decoding: encoded(), as: UTF8.self)
    }
}
