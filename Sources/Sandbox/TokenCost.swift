/// What one API request spends from Pipedrive's daily token budget, by the kind of operation
/// (developers.pipedrive.com, "Rate limiting": a single entity GET 2 tokens, a list 20, a write 10, a search 40).
/// v1 and v2 are charged alike; a DELETE counts as a write.
struct TokenCost: Sendable, Equatable {
    var tokens: Int
    /// Search requests have their own, lower burst limit.
    var isSearch: Bool

    /// The cost of `method` on the path segments below the version prefix.
    init(method: String, segments: [String]) {
        let isSearch = segments.contains("search") || segments.first == "itemSearch"
        self.isSearch = isSearch
        tokens =
            switch method {
            case "GET" where isSearch: 40
            case "GET" where segments.last.map(Self.namesOneRecord) ?? false: 2
            case "GET": 20
            default: 10
            }
    }

    /// Whether a path's last segment names one record: a number, a UUID (leads), or `me`.
    private static func namesOneRecord(_ segment: String) -> Bool {
        segment == "me" || (!segment.isEmpty && segment.allSatisfy(\.isNumber))
            || (segment.count == 36 && segment.allSatisfy { $0.isHexDigit || $0 == "-" })
    }
}
