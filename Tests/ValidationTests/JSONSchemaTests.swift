import Testing
import ToolportJSON
import Validation

/// Compiling schemas: what is accepted, what the accessors expose, and how malformed schemas are reported.
struct JSONSchemaTests {
    @Test func exposesCompiledKeywords() throws {
        let compiled = try schema(dealSchema)
        #expect(compiled.types == ["object"])
        #expect(compiled.required == ["title"])
        #expect(!compiled.allowsAdditionalProperties)
        #expect(Set(compiled.properties.keys) == ["title", "stage_id", "status", "value", "label_ids", "expected_close_date", "owner_id"])
        #expect(compiled.properties["owner_id"]?.types == ["integer", "null"])
        #expect(compiled.properties["status"]?.enumValues == ["open", "won", "lost"])
        #expect(compiled.properties["label_ids"]?.items?.types == ["integer"])
        #expect(compiled.properties["expected_close_date"]?.format == "date")
        #expect(compiled.properties["stage_id"]?.minimum == 1)
        #expect(compiled.properties["title"]?.minLength == 1)
        #expect(compiled.properties["value"]?.properties["currency"]?.pattern == "^[A-Z]{3}$")
    }

    @Test func emptySchemaAllowsAnything() throws {
        let compiled = try schema("{}")
        #expect(compiled.types.isEmpty)
        #expect(compiled.allowsAdditionalProperties)
        #expect(compiled.items == nil)
        #expect(compiled.enumValues == nil)
        #expect(compiled.anyOf.isEmpty && compiled.oneOf.isEmpty)
        for document in [#"null"#, #"true"#, #"1"#, #"1.5"#, #""x""#, #"[1, "a"]"#, #"{"a": 1}"#] {
            #expect(compiled.validate(try json(document)).isEmpty)
        }
    }

    @Test func acceptsAndIgnoresAnnotations() throws {
        let compiled = try schema("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "deal", "title": "Deal",
              "description": "A deal", "default": {}, "examples": [{}], "deprecated": false,
              "readOnly": false, "writeOnly": false, "nullable": true,
              "properties": {"file": {"type": "string", "file_uploadable": true}}
            }
            """)
        #expect(compiled.validate(try json(#"{"file": "a.pdf"}"#)).isEmpty)
    }

    @Test func exposesPatternPropertiesAndCombinators() throws {
        let compiled = try schema("""
            {
              "patternProperties": {"^[0-9a-f]{40}$": {}, "^x-": {"type": "string"}},
              "additionalProperties": {"type": "integer"},
              "anyOf": [{"type": "object"}, {"type": "null"}],
              "oneOf": [{"required": ["a"]}, {"required": ["b"]}]
            }
            """)
        #expect(compiled.patternPropertyPatterns == ["^[0-9a-f]{40}$", "^x-"])
        #expect(compiled.allowsAdditionalProperties)
        #expect(compiled.additionalPropertiesSchema?.types == ["integer"])
        #expect(compiled.anyOf.map(\.types) == [["object"], ["null"]])
        #expect(compiled.oneOf.map(\.required) == [["a"], ["b"]])
    }

    @Test func rejectsUnknownKeyword() throws {
        let error = #expect(throws: SchemaError.self) {
            try schema(#"{"properties": {"amount": {"type": "number", "exclusiveMinimum": 0}}}"#)
        }
        #expect(error?.pointer == "/properties/amount/exclusiveMinimum")
        #expect(error?.description == #"/properties/amount/exclusiveMinimum: unsupported keyword "exclusiveMinimum""#)
    }

    @Test(arguments: [
        (#"{"properties": {"stage_id": {"type": "int"}}}"#, #"/properties/stage_id/type: unknown type "int""#),
        (#"{"type": ["integer", "int"]}"#, #"/type/1: unknown type "int""#),
        (#"{"type": ["string", "string"]}"#, #"/type/1: duplicate type "string""#),
        (#"{"type": 3}"#, "/type: must be a type name or a non-empty array of type names, got integer 3"),
        (#"{"type": []}"#, "/type: must be a type name or a non-empty array of type names, got array of 0"),
        (#"{"required": "title"}"#, #"/required: must be an array of property names, got string "title""#),
        (#"{"required": ["title", 1]}"#, "/required/1: must be a property name, got integer 1"),
        (
            #"{"properties": {"title": {}}, "required": ["title", "name"], "additionalProperties": false}"#,
            #"/required/1: "name" is not in properties, and additionalProperties is false"#
        ),
        (#"{"properties": []}"#, "/properties: must be an object of schemas, got array of 0"),
        (#"{"properties": {"a/b~": {"type": "x"}}}"#, #"/properties/a~1b~0/type: unknown type "x""#),
        (#"{"properties": {"title": "string"}}"#, #"/properties/title: a schema must be an object, got string "string""#),
        (#"{"additionalProperties": "no"}"#, #"/additionalProperties: a schema must be an object, got string "no""#),
        (#"{"patternProperties": {"^[0-9a-f{40}$": {}}}"#, #"/patternProperties/^[0-9a-f{40}$: invalid regular expression "^[0-9a-f{40}$""#),
        (#"{"patternProperties": {"^x-": {"type": "text"}}}"#, #"/patternProperties/^x-/type: unknown type "text""#),
        (#"{"pattern": "(abc"}"#, #"/pattern: invalid regular expression "(abc""#),
        (#"{"items": [{"type": "string"}]}"#, "/items: a schema must be an object, got array of 1"),
        (#"{"items": {"minimum": "1"}}"#, #"/items/minimum: must be a number, got string "1""#),
        (#"{"enum": []}"#, "/enum: must be a non-empty array, got array of 0"),
        (#"{"minLength": -1}"#, "/minLength: must be a non-negative integer, got integer -1"),
        (#"{"maxLength": 2.5}"#, "/maxLength: must be a non-negative integer, got number 2.5"),
        (#"{"minimum": 10, "maximum": 1}"#, "/maximum: 1 is less than minimum 10"),
        (#"{"minLength": 5, "maxLength": 2}"#, "/maxLength: 2 is less than minLength 5"),
        (#"{"format": 1}"#, "/format: must be a string, got integer 1"),
        (#"{"anyOf": []}"#, "/anyOf: must be a non-empty array of schemas, got array of 0"),
        (#"{"oneOf": [{"type": "string"}, {"type": "bool"}]}"#, #"/oneOf/1/type: unknown type "bool""#),
        (#""object""#, #"(root): a schema must be an object, got string "object""#),
    ])
    func rejectsMalformedSchema(schemaText: String, message: String) throws {
        let error = #expect(throws: SchemaError.self) { try schema(schemaText) }
        #expect(error?.description == message)
    }

    @Test func requiredNameMayComeFromPatternPropertiesOrOpenSchema() throws {
        _ = try schema(#"{"patternProperties": {"^[0-9a-f]{40}$": {}}, "required": ["0123456789abcdef0123456789abcdef01234567"], "additionalProperties": false}"#)
        _ = try schema(#"{"properties": {}, "required": ["anything"]}"#)
    }

    @Test func acceptsUncheckedFormatsAsAnnotations() throws {
        let compiled = try schema(#"{"type": "string", "format": "int32"}"#)
        #expect(compiled.format == "int32")
        #expect(compiled.validate("anything").isEmpty)
    }

    @Test func canBeSharedAcrossTasks() async throws {
        let compiled = try schema(dealSchema)
        let document = try json(#"{"stage_id": "x"}"#)
        let counts = await withTaskGroup(of: Int.self, returning: [Int].self) { group in
            for _ in 0..<8 { group.addTask { compiled.validate(document).count } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts == Array(repeating: 2, count: 8))
    }
}
