import Testing
import ToolportJSON
import Validation

/// Validating documents: every failure is reported, with agent-friendly paths and reasons.
struct SchemaValidationTests {
    @Test func validDocumentHasNoIssues() throws {
        let document = """
            {
              "title": "Big deal", "stage_id": 3, "status": "won",
              "value": {"amount": 1500.5, "currency": "EUR"}, "label_ids": [1, 2],
              "expected_close_date": "2024-02-29", "owner_id": null
            }
            """
        #expect(try issues(document, against: dealSchema).isEmpty)
    }

    @Test func reportsEveryFailureInOneCall() throws {
        let found = try issues(#"{"stage_id": "x", "status": "closed", "stagee_id": 1}"#, against: dealSchema)
        #expect(found == [
            "title: required",
            #"stage_id: expected integer, got string "x""#,
            #"stagee_id: unknown parameter (did you mean "stage_id"?)"#,
            #"status: must be one of "open", "won", "lost", got string "closed""#,
        ])
    }

    @Test func issueCarriesPathAndReason() throws {
        let found = try schema(dealSchema).validate(json("{}"))
        #expect(found == [ValidationIssue(path: "title", reason: "required")])
        #expect(found.first?.description == "title: required")
    }

    @Test func namesNestedAndArrayPaths() throws {
        let document = #"{"title": "t", "value": {"currency": "eur", "amout": 5}, "label_ids": [1, 2, "x", 4.5]}"#
        #expect(try issues(document, against: dealSchema) == [
            #"label_ids[2]: expected integer, got string "x""#,
            "label_ids[3]: expected integer, got number 4.5",
            "value.amount: required",
            #"value.amout: unknown parameter (did you mean "amount"?)"#,
            #"value.currency: must match the pattern "^[A-Z]{3}$", got string "eur""#,
        ])
    }

    @Test func namesTheRootAndQuotesUnusualNames() throws {
        #expect(try issues(#""x""#, against: dealSchema) == [#"(root): expected object, got string "x""#])
        #expect(try issues(#"[true]"#, against: #"{"items": {"type": "string"}}"#) == ["[0]: expected string, got boolean true"])
        let dotted = #"{"properties": {"a.b": {"type": "string"}}}"#
        #expect(try issues(#"{"a.b": 1}"#, against: dotted) == [#"["a.b"]: expected string, got integer 1"#])
    }

    @Test(arguments: [
        ("stageid", #" (did you mean "stage_id"?)"#),
        ("STAGE_ID", #" (did you mean "stage_id"?)"#),
        ("Title", #" (did you mean "title"?)"#),
        ("stage", ""),
        ("colour", ""),
    ])
    func suggestsCloseParameterNames(name: String, hint: String) throws {
        let found = try issues(#"{"title": "t", "\#(name)": 1}"#, against: dealSchema)
        #expect(found == ["\(name): unknown parameter\(hint)"])
    }

    @Test func acceptsPatternPropertiesAndRejectsOtherUnknownKeys() throws {
        let customFields = """
            {
              "type": "object",
              "properties": {"title": {"type": "string"}},
              "patternProperties": {"^[0-9a-f]{40}$": {"type": ["string", "number", "null"]}},
              "additionalProperties": false
            }
            """
        let key = "dcf558aac1ae4e8c4f849ba5e668430d8df9be12"
        #expect(try issues(#"{"title": "t", "\#(key)": "gold"}"#, against: customFields).isEmpty)
        #expect(try issues(#"{"\#(key)": true}"#, against: customFields) == ["\(key): expected string, number or null, got boolean true"])
        #expect(try issues(#"{"DCF558AAC1AE4E8C4F849BA5E668430D8DF9BE12": 1}"#, against: customFields) == [
            "DCF558AAC1AE4E8C4F849BA5E668430D8DF9BE12: unknown parameter"
        ])
        #expect(try issues(#"{"custom": 1}"#, against: customFields) == ["custom: unknown parameter"])
    }

    @Test func checksAdditionalPropertiesAgainstTheirSchema() throws {
        let tags = #"{"properties": {"id": {"type": "integer"}}, "additionalProperties": {"type": "string"}}"#
        #expect(try issues(#"{"id": 1, "color": "red"}"#, against: tags).isEmpty)
        #expect(try issues(#"{"id": 1, "size": 3}"#, against: tags) == ["size: expected string, got integer 3"])
    }

    @Test(arguments: [
        (#"{"type": "integer"}"#, "5", nil),
        (#"{"type": "integer"}"#, "5.0", nil),
        (#"{"type": "integer"}"#, "5.5", "expected integer, got number 5.5"),
        (#"{"type": "number"}"#, "5", nil),
        (#"{"type": "number"}"#, "5.5", nil),
        (#"{"type": "number"}"#, #""5""#, #"expected number, got string "5""#),
        (#"{"type": ["integer", "null"]}"#, "null", nil),
        (#"{"type": ["integer", "null"]}"#, #""x""#, #"expected integer or null, got string "x""#),
        (#"{"type": "boolean"}"#, "0", "expected boolean, got integer 0"),
        (#"{"type": "array"}"#, "{}", "expected array, got object"),
        (#"{"type": "null"}"#, "[]", "expected null, got array of 0"),
    ] as [(String, String, String?)])
    func followsJSONSchemaTypeSemantics(schemaText: String, document: String, reason: String?) throws {
        #expect(try issues(document, against: schemaText) == reason.map { ["(root): \($0)"] } ?? [])
    }

    @Test func comparesEnumValuesByJSONEquality() throws {
        let priorities = #"{"enum": [1, 2.5, "high", null, {"a": [1]}]}"#
        for document in ["1", "1.0", "2.5", #""high""#, "null", #"{"a": [1.0]}"#] {
            #expect(try issues(document, against: priorities).isEmpty, "\(document)")
        }
        #expect(try issues("3", against: priorities) == [#"(root): must be one of 1, 2.5, "high", null, {"a":[1]}, got integer 3"#])
    }

    @Test(arguments: [
        (#"{"minimum": 1}"#, "0", "must be ≥ 1, got 0"),
        (#"{"minimum": 0.5}"#, "0.25", "must be ≥ 0.5, got 0.25"),
        (#"{"maximum": 100}"#, "101", "must be ≤ 100, got 101"),
        (#"{"maximum": 100}"#, "100.5", "must be ≤ 100, got 100.5"),
        (#"{"minLength": 1}"#, #""""#, "must be at least 1 character long"),
        (#"{"minLength": 3}"#, #""ab""#, "must be at least 3 characters long"),
        (#"{"maxLength": 2}"#, #""abc""#, "must be at most 2 characters long"),
        (#"{"pattern": "^[A-Z]{3}$"}"#, #""euro""#, #"must match the pattern "^[A-Z]{3}$", got string "euro""#),
    ])
    func explainsRangeLengthAndPatternFailures(schemaText: String, document: String, reason: String) throws {
        #expect(try issues(document, against: schemaText) == ["(root): \(reason)"])
    }

    @Test(arguments: [
        (#"{"minimum": 1, "maximum": 10}"#, "1"),
        (#"{"minimum": 1, "maximum": 10}"#, "10.0"),
        (#"{"minLength": 2, "maxLength": 2}"#, #""né""#),
        (#"{"maxLength": 1}"#, #""😀""#),
        (#"{"pattern": "[0-9]"}"#, #""deal 7 of 9""#),
        (#"{"minimum": 5, "minLength": 5, "pattern": "^x$"}"#, "true"),
    ])
    func acceptsValuesWithinBounds(schemaText: String, document: String) throws {
        #expect(try issues(document, against: schemaText).isEmpty)
    }

    @Test func reportsSeveralStringFailuresTogether() throws {
        let code = #"{"type": "string", "maxLength": 3, "pattern": "^[a-z]+$", "format": "uuid"}"#
        #expect(try issues(#""ABCD""#, against: code) == [
            "(root): must be at most 3 characters long",
            #"(root): must match the pattern "^[a-z]+$", got string "ABCD""#,
            #"(root): must be a UUID, got string "ABCD""#,
        ])
    }

    @Test func requiresAnyOfToMatchAtLeastOneShape() throws {
        let idOrEmail = #"{"anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "format": "email"}]}"#
        #expect(try issues("7", against: idOrEmail).isEmpty)
        #expect(try issues(#""ana@example.com""#, against: idOrEmail).isEmpty)
        #expect(try issues("0", against: idOrEmail) == ["(root): matches none of the allowed shapes"])
        let nested = #"{"properties": {"person": \#(idOrEmail)}}"#
        #expect(try issues(#"{"person": "ana"}"#, against: nested) == ["person: matches none of the allowed shapes"])
    }

    @Test func requiresOneOfToMatchExactlyOneShape() throws {
        let amount = #"{"oneOf": [{"type": "integer"}, {"type": "number", "minimum": 10}]}"#
        #expect(try issues("3", against: amount).isEmpty)
        #expect(try issues("10.5", against: amount).isEmpty)
        #expect(try issues("11", against: amount) == ["(root): matches more than one allowed shape"])
        #expect(try issues(#""3""#, against: amount) == ["(root): matches none of the allowed shapes"])
    }
}
