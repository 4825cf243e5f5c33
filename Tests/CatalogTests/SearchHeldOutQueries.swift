/// Requests written blind — without looking at the ranking or its tuning set — and never used to tune it.
///
/// `SearchQualityTests` reports top-1 and top-3 on this set separately from `SearchQueries.all`; docs/search.md
/// gives both. Do not tune the ranking against these: when a request here ranks badly, write a paraphrase of it
/// into `SearchQueries` instead, and replace the held-out set with fresh requests when it has been looked at too often.
/// (The first held-out set, measured once, is `SearchQueries.heldOutRound1` now.)
enum SearchHeldOutQueries {
    static let all: [SearchQueries.Case] = []
}
