/// The held-out requests: written blind, by someone who never saw the ranking or `SearchQueries`, and never tuned
/// against. Empty until that set is delivered; `SearchQualityTests.heldOutSetMeetsTheTarget` skips while it is.
enum SearchHeldOutQueries {
    static let all: [SearchQueries.Case] = []
}
