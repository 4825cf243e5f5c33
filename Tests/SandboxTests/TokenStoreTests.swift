import Testing

@testable import Sandbox

/// An issued access token is live for exactly its lifetime, on explicit instants (no sleeping, so a busy machine
/// cannot make the first use late).
struct TokenStoreTests {
    @Test(arguments: [(0, true), (999, true), (1000, false), (5000, false)])
    func anAccessTokenLivesForItsLifetime(millisecondsLater: Int, live: Bool) throws {
        var store = TokenStore()
        let issued = ContinuousClock.now
        let code = store.makeCode(redirectURI: "http://localhost/callback")
        let redeemed = store.redeem(code: code, redirectURI: "http://localhost/callback", lifetime: .seconds(1), now: issued)
        let grant = try #require(redeemed)
        #expect(store.isLive(accessToken: grant.accessToken, now: issued.advanced(by: .milliseconds(millisecondsLater))) == live)
    }
}
