import Foundation

/// The two time formats Pipedrive v1 answers with.
enum Timestamp {
    /// `2024-02-11 09:30:00`, UTC, as deals, persons and most v1 objects carry.
    static func v1(_ date: Date) -> String {
        String(iso(date).prefix(19)).replacingOccurrences(of: "T", with: " ")
    }

    /// `2024-02-11T09:30:00.000Z`, as leads carry.
    static func iso(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }
}
