import Files
import Testing

/// A key is `uploads/<id>` or `downloads/<id>` with 32 lowercase hex digits, and nothing else: it becomes a path.
struct FileKeyTests {
    static let id = "0123456789abcdef0123456789abcdef"

    @Test(arguments: [
        ("uploads/\(id)", FileKey.Kind.upload),
        ("downloads/\(id)", .download),
    ])
    func parsesTheKeysToolportHandsOut(_ text: String, _ kind: FileKey.Kind) throws {
        let key = try #require(FileKey(text))
        #expect(key.kind == kind)
        #expect(key.id == Self.id)
        #expect(key.description == text)
    }

    @Test(arguments: [
        "", "uploads", "uploads/", "uploads/\(id)/", "/uploads/\(id)", "other/\(id)", "UPLOADS/\(id)",
        "uploads/\(id.uppercased())", "uploads/\(id.dropLast())", "uploads/\(id)0", "uploads/../../etc/passwd",
        "uploads/0123456789abcdef0123456789abcdeg", "uploads/\(id.dropLast(2))/.", "uploads/%2e%2e",
    ])
    func refusesEverythingElse(_ text: String) {
        #expect(FileKey(text) == nil)
    }

    @Test func randomKeysAreValidAndDistinct() {
        let keys = (0..<200).map { _ in FileKey.random(.upload) }
        #expect(Set(keys).count == keys.count)
        for key in keys { #expect(FileKey(key.description) == key) }
    }
}
