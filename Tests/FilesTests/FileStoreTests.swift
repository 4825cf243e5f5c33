import Foundation
import Files
import Testing

/// Files are written whole, once, within their limit; read back by key; and swept after the retention period.
struct FileStoreTests {
    static func temporaryStore() throws -> FileStore {
        try FileStore(directory: FileManager.default.temporaryDirectory.appending(path: "toolport-files-\(UUID().uuidString)"))
    }

    @Test func writesInPiecesAndReadsBack() throws {
        let store = try Self.temporaryStore()
        let key = FileKey.random(.upload)
        let writer = try store.beginWrite(key, limit: 10)
        #expect(throws: FileStoreError.notFound(key)) { try store.read(key) }
        try writer.append(Data("hello ".utf8))
        try writer.append(Data("you".utf8))
        #expect(throws: FileStoreError.notFound(key)) { try store.read(key) }
        #expect(try writer.commit() == 9)
        #expect(try store.read(key) == Data("hello you".utf8))
        let attributes = try FileManager.default.attributesOfItem(atPath: store.directory.appending(path: "uploads/\(key.id)").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func anUploadIsWrittenOnce() throws {
        let store = try Self.temporaryStore()
        let key = FileKey.random(.upload)
        let first = try store.beginWrite(key, limit: 100)
        let second = try store.beginWrite(key, limit: 100)
        try first.append(Data("first".utf8))
        try second.append(Data("second".utf8))
        _ = try first.commit()
        #expect(throws: FileStoreError.alreadyUploaded(key)) { try second.commit() }
        #expect(throws: FileStoreError.alreadyUploaded(key)) { try store.beginWrite(key, limit: 100) }
        #expect(try store.read(key) == Data("first".utf8))
    }

    @Test func goingPastTheLimitKeepsNothing() throws {
        let store = try Self.temporaryStore()
        let key = FileKey.random(.upload)
        let writer = try store.beginWrite(key, limit: 4)
        try writer.append(Data("four".utf8))
        #expect(throws: FileStoreError.tooLarge(limit: 4)) { try writer.append(Data("!".utf8)) }
        #expect(throws: FileStoreError.notFound(key)) { try store.read(key) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.directory.appending(path: "uploads").path).isEmpty)
    }

    @Test func aDroppedWriterLeavesNothingBehind() throws {
        let store = try Self.temporaryStore()
        do {
            let writer = try store.beginWrite(FileKey.random(.upload), limit: 100)
            try writer.append(Data("partial".utf8))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.directory.appending(path: "uploads").path).isEmpty)
    }

    @Test func sweepRemovesOnlyOldFiles() throws {
        let store = try Self.temporaryStore()
        let old = FileKey.random(.download)
        let fresh = FileKey.random(.upload)
        try store.write(Data("old".utf8), to: old)
        try store.write(Data("fresh".utf8), to: fresh)
        let past = Date().addingTimeInterval(-7200)
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: store.directory.appending(path: "downloads/\(old.id)").path)
        #expect(store.removeFiles(olderThan: Date().addingTimeInterval(-3600)) == 1)
        #expect(throws: FileStoreError.notFound(old)) { try store.read(old) }
        #expect(try store.read(fresh) == Data("fresh".utf8))
    }

    @Test func theExchangeReadsOnlyUploadKeys() throws {
        let store = try Self.temporaryStore()
        let exchange = FileExchange(store: store, signer: FileURLSigner(keyData: Data(repeating: 3, count: 32)), publicURL: "https://tp.example.com/")
        let upload = exchange.newUpload(now: Date(timeIntervalSince1970: 1_000))
        #expect(upload.url.hasPrefix("https://tp.example.com/files/\(upload.key)?expires=1900&signature="))
        #expect(upload.expiresAt == Date(timeIntervalSince1970: 1_900))
        #expect(throws: FileExchangeError.store(.notFound(upload.key))) { try exchange.upload(named: upload.key.description) }
        try store.write(Data("bytes".utf8), to: upload.key)
        #expect(try exchange.upload(named: upload.key.description) == Data("bytes".utf8))

        let download = try exchange.publishDownload(Data("out".utf8), now: Date())
        #expect(download.key.kind == .download)
        #expect(throws: FileExchangeError.notAnUploadKey(download.key.description)) { try exchange.upload(named: download.key.description) }
        #expect(throws: FileExchangeError.notAnUploadKey("../etc/passwd")) { try exchange.upload(named: "../etc/passwd") }
    }
}
