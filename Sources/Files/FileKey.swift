/// The name of a file Toolport keeps: `uploads/<id>` for bytes a client uploaded (the `s3key` a tool's file
/// argument names), `downloads/<id>` for bytes a download tool fetched. `<id>` is 32 lowercase hex digits
/// (128 random bits), so a key is also hard to guess.
public struct FileKey: Sendable, Hashable, CustomStringConvertible {
    /// Where a file came from; also the first segment of its key and its folder in the store.
    public enum Kind: String, Sendable, CaseIterable {
        case upload = "uploads"
        case download = "downloads"
    }

    public let kind: Kind
    public let id: String

    /// The key `text` names, or nil when it is not `uploads/<id>` or `downloads/<id>`.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let kind = Kind(rawValue: String(parts[0])) else { return nil }
        self.init(kind: kind, id: parts[1])
    }

    /// The key of `kind` with `id`, or nil when `id` is not 32 lowercase hex digits.
    public init?(kind: Kind, id: some StringProtocol) {
        guard id.utf8.count == 32, id.utf8.allSatisfy(Self.isLowercaseHexDigit) else { return nil }
        self.kind = kind
        self.id = String(id)
    }

    /// A new key of `kind` with 128 random bits.
    public static func random(_ kind: Kind) -> FileKey {
        var generator = SystemRandomNumberGenerator()
        let hex = (0..<2).map { _ in
            let text = String(generator.next(), radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }
        // Two 16-digit halves of lowercase hex digits: always a valid id.
        return FileKey(kind: kind, id: hex.joined())!
    }

    public var description: String { "\(kind.rawValue)/\(id)" }

    private static func isLowercaseHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}
