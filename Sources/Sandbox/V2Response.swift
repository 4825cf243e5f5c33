import Foundation
import HTTPTypes
import Hummingbird
import ToolportJSON

/// Pipedrive's v2 error envelope `{"success": false, "error": …, "code": …}`.
enum V2Response {
    /// `{"success": false, "error": message, "code": code}`.
    static func error(_ error: V2Error) -> Response {
        PipedriveResponse.json(["success": false, "error": .string(error.message), "code": .string(error.code)], status: error.status)
    }
}

/// The time formats of v2 and their conversion to and from the `YYYY-MM-DD HH:MM:SS` the v1 records keep.
enum V2Time {
    /// A date-time in RFC 3339 (`2026-11-30T10:00:00Z`, `…+02:00`, fractional seconds allowed); `nil` for anything else.
    static func parse(_ text: String) -> Date? {
        guard text.count >= 20, text.dropFirst(10).first == "T" || text.dropFirst(10).first == "t" else { return nil }
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    /// Whether `text` is a calendar date `YYYY-MM-DD`.
    static func isDate(_ text: String) -> Bool {
        guard text.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil else { return false }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.date(from: text) != nil
    }

    /// Whether `text` is a time of day `HH:MM` or `HH:MM:SS`.
    static func isTime(_ text: String) -> Bool {
        guard let match = text.wholeMatch(of: /(\d{2}):(\d{2})(?::(\d{2}))?/), let hours = Int(match.1), let minutes = Int(match.2) else { return false }
        return hours < 24 && minutes < 60 && (match.3.flatMap { Int($0) } ?? 0) < 60
    }

    /// A v1 time `2026-11-30 10:00:00` as RFC 3339 `2026-11-30T10:00:00Z`; other texts (already RFC 3339, dates) unchanged.
    static func rfc3339(fromV1 text: String) -> String {
        guard text.wholeMatch(of: /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/) != nil else { return text }
        return text.replacingOccurrences(of: " ", with: "T") + "Z"
    }

    /// The v1 spelling (`YYYY-MM-DD HH:MM:SS`, UTC) of an RFC 3339 date-time; the text unchanged when it does not parse.
    static func v1(fromRFC3339 text: String) -> String {
        parse(text).map(Timestamp.v1) ?? text
    }
}
