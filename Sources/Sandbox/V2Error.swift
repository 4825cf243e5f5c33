import HTTPTypes

/// A v2 request the sandbox refuses, answered with the v2 error envelope.
struct V2Error: Error, Sendable {
    var status: HTTPResponse.Status
    var message: String
    var code: String

    /// 400 for a body or query that breaks the v2 schema (unknown field, wrong type, bad format).
    static func invalid(_ message: String) -> V2Error {
        V2Error(status: .badRequest, message: message, code: "ERR_SCHEMA_VALIDATION_FAILED")
    }

    /// 404 for an unknown id.
    static func notFound(_ kind: EntityKind) -> V2Error {
        V2Error(status: .notFound, message: "\(kind.singular) not found", code: "ERR_NOT_FOUND")
    }
}
