import Execution
import Testing

/// A company subdomain is one DNS label; what a person types for it is reduced to that label, and
/// anything that could steer a URL elsewhere is refused.
struct PipedriveSubdomainTests {
    @Test(arguments: [
        ("acme", "acme"), ("ACME", "acme"), ("  acme\n", "acme"), ("acme-corp", "acme-corp"), ("a1", "a1"), ("7", "7"),
        ("acme.pipedrive.com", "acme"), ("https://acme.pipedrive.com", "acme"), ("https://Acme.Pipedrive.com/", "acme"),
        (String(repeating: "a", count: 63), String(repeating: "a", count: 63)),
    ])
    func readsWhatPeopleType(input: String, label: String) throws {
        #expect(try PipedriveSubdomain(parsing: input).label == label)
    }

    @Test(arguments: [
        "", "evil.example#", "evil.example/", "evil.example?", "user@evil", "acme:8443", "127.0.0.1:8801/x?", "127.0.0.1",
        "acme.evil", "acme.pipedrive.com.evil.example", "a.b", "-acme", "acme-", "ac_me", "ac me", "acme%2eevil",
        "%61cme", "аcme" /* Cyrillic а */, "ａcme" /* fullwidth */, "\u{212A}elvin" /* Kelvin sign folds to k */, "acme\u{0}",
        "[::1]", "http://acme.pipedrive.com", "https://acme.pipedrive.com/v1", "https://acme.pipedrive.com:443",
        String(repeating: "a", count: 64),
    ])
    func refusesEverythingElse(input: String) {
        #expect(throws: SubdomainError.self, "\(input.debugDescription)") { try PipedriveSubdomain(parsing: input) }
    }
}
