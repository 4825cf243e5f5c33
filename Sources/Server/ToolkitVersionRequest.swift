import Foundation
import Hummingbird

/// The `toolkit_versions` the Composio SDK sends on every tool read: `latest`, one version for every
/// toolkit, or a bracket map (`toolkit_versions[pipedrive]=20260915_00`).
struct ToolkitVersionRequest {
    /// The version asked for `toolkit`, or `nil` for latest.
    let requested: String?

    init(query: Parameters, toolkit: String) {
        let mapKey = "toolkit_versions[\(toolkit)]"
        let mapped = query.first { (String($0.key).removingPercentEncoding ?? String($0.key)).lowercased() == mapKey }.map { String($0.value) }
        let global = query.nonEmpty("toolkit_versions")
        let value = mapped ?? global
        requested = (value == nil || value?.lowercased() == "latest") ? nil : value
    }

    /// - Throws: `APIError(.versionNotFound)` when a version other than latest or an available one is asked for.
    func check(available: [String], toolkit: String) throws(APIError) {
        guard let requested, !available.contains(requested) else { return }
        throw APIError(
            .versionNotFound,
            "Toolkit \(toolkit) has no version \(requested); available: latest, \(available.joined(separator: ", "))",
            suggestedFix: "Use toolkit_versions=latest or one of the available versions."
        )
    }
}
