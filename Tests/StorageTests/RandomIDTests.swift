import Foundation
import Storage
import Testing

/// Identifiers and tokens are random enough to be unguessable and safe in URLs.
struct RandomIDTests {
    @Test func idsCarryThePrefixAndAtLeast80RandomBits() {
        let alphabet = Set("abcdefghijklmnopqrstuvwxyz0123456789")
        let ids = (0..<1000).map { _ in RandomID.make(prefix: "ca_") }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.hasPrefix("ca_"))
            let random = id.dropFirst(3)
            #expect(random.count == 16)
            #expect(random.allSatisfy(alphabet.contains))
            #expect(Double(random.count) * log2(Double(alphabet.count)) >= 80)
        }
    }

    @Test func tokensAreURLSafeBase64WithoutPadding() {
        let urlSafe = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        let tokens = (0..<1000).map { _ in RandomID.token() }
        #expect(Set(tokens).count == tokens.count)
        #expect(tokens.allSatisfy { $0.count == 43 && $0.allSatisfy(urlSafe.contains) })
        #expect(RandomID.token(bytes: 16).count == 22)
    }
}
