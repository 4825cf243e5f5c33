import Foundation
import ToolportJSON
import Validation

/// Parses JSON text written in a test.
func json(_ text: String) throws -> JSONValue {
    try JSONValue(parsing: Data(text.utf8))
}

/// Compiles a schema written as JSON text.
func schema(_ text: String) throws -> JSONSchema {
    try JSONSchema(json(text))
}

/// The issues of validating `document` against `schemaText`, as `path: reason` lines.
func issues(_ document: String, against schemaText: String) throws -> [String] {
    try schema(schemaText).validate(json(document)).map(\.description)
}

/// A tool input schema in the shape Pipedrive tools use.
let dealSchema = """
    {
      "type": "object",
      "properties": {
        "title": {"type": "string", "minLength": 1, "description": "The deal title"},
        "stage_id": {"type": "integer", "minimum": 1},
        "status": {"type": "string", "enum": ["open", "won", "lost"]},
        "value": {
          "type": "object",
          "properties": {
            "amount": {"type": "number", "minimum": 0},
            "currency": {"type": "string", "pattern": "^[A-Z]{3}$"}
          },
          "required": ["amount"],
          "additionalProperties": false
        },
        "label_ids": {"type": "array", "items": {"type": "integer"}},
        "expected_close_date": {"type": "string", "format": "date"},
        "owner_id": {"type": ["integer", "null"]}
      },
      "required": ["title"],
      "additionalProperties": false
    }
    """
