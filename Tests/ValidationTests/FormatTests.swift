import Testing
import ToolportJSON
import Validation

/// The checked `format` values: real calendar dates, RFC 3339 date-times, UUIDs, email addresses and URIs.
struct FormatTests {
    @Test(arguments: [
        ("date", "2024-01-31"), ("date", "2024-02-29"), ("date", "2000-02-29"),
        ("date-time", "2024-01-31T09:30:00Z"), ("date-time", "2024-01-31t09:30:00z"),
        ("date-time", "2024-01-31T09:30:00.123+02:00"), ("date-time", "2016-12-31T23:59:60-05:30"),
        ("uuid", "123e4567-e89b-12d3-a456-426614174000"), ("uuid", "123E4567-E89B-12D3-A456-426614174000"),
        ("email", "ana@example.com"), ("email", "ana.maria+deals@mail.example.co.uk"),
        ("uri", "https://example.com/deals?id=1#top"), ("uri", "mailto:ana@example.com"), ("uri", "urn:isbn:0451450523"),
        ("uri", "https://example.com/a%20b"),
    ])
    func acceptsWellFormedValues(format: String, value: String) throws {
        let compiled = try schema(#"{"type": "string", "format": "\#(format)"}"#)
        #expect(compiled.validate(.string(value)).isEmpty)
    }

    @Test(arguments: [
        ("date", "2024-13-01"), ("date", "2023-02-29"), ("date", "1900-02-29"), ("date", "2024-04-31"),
        ("date", "2024-1-01"), ("date", "24-01-01"), ("date", "2024-01-01T00:00:00Z"), ("date", "2024/01/01"),
        ("date-time", "2024-01-31"), ("date-time", "2024-01-31T09:30:00"), ("date-time", "2024-01-31T24:00:00Z"),
        ("date-time", "2024-01-31T09:60:00Z"), ("date-time", "2024-01-31 09:30:00Z"), ("date-time", "2024-01-31T09:30Z"),
        ("date-time", "2024-01-31T09:30:00.Z"), ("date-time", "2024-01-31T09:30:00+0200"), ("date-time", "2024-02-30T09:30:00Z"),
        ("uuid", "123e4567e89b12d3a456426614174000"), ("uuid", "123e4567-e89b-12d3-a456-42661417400g"),
        ("uuid", "{123e4567-e89b-12d3-a456-426614174000}"),
        ("email", "ana"), ("email", "ana@"), ("email", "@example.com"), ("email", "ana@example"), ("email", "ana maria@example.com"),
        ("email", "ana..maria@example.com"), ("email", "ana@-example.com"), ("email", "ana@example..com"),
        ("uri", "example.com"), ("uri", "/deals/1"), ("uri", "https://example.com/a b"), ("uri", "https://example.com/%zz"),
        ("uri", "1http://example.com"), ("uri", ""),
    ])
    func rejectsMalformedValues(format: String, value: String) throws {
        let compiled = try schema(#"{"type": "string", "format": "\#(format)"}"#)
        #expect(compiled.validate(.string(value)).count == 1)
    }

    @Test(arguments: [
        ("date", "2024-13-01", #"must be a date (YYYY-MM-DD), got string "2024-13-01""#),
        ("date-time", "yesterday", #"must be a date-time (RFC 3339, e.g. 2024-01-31T09:30:00Z), got string "yesterday""#),
        ("uuid", "42", #"must be a UUID, got string "42""#),
        ("email", "ana", #"must be an email address, got string "ana""#),
        ("uri", "example.com", #"must be an absolute URI, got string "example.com""#),
    ])
    func explainsTheExpectedFormat(format: String, value: String, reason: String) throws {
        let compiled = try schema(#"{"properties": {"field": {"type": "string", "format": "\#(format)"}}}"#)
        #expect(compiled.validate(["field": .string(value)]) == [ValidationIssue(path: "field", reason: reason)])
    }

    @Test func ignoresFormatsOnNonStrings() throws {
        #expect(try issues("20240131", against: #"{"format": "date"}"#).isEmpty)
    }
}
