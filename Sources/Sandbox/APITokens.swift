/// The personal API tokens the sandbox accepts: the configured one and those added over the control
/// API, minus those revoked (to show how a client copes with a token that stops working).
struct APITokens: Sendable {
    private var accepted: Set<String>
    private var revoked: Set<String> = []

    init(primary: String) {
        accepted = [primary]
    }

    func accepts(_ token: String) -> Bool {
        accepted.contains(token) && !revoked.contains(token)
    }

    mutating func add(_ token: String) {
        accepted.insert(token)
        revoked.remove(token)
    }

    mutating func revoke(_ token: String) {
        revoked.insert(token)
    }
}
