import ArgumentParser
import Files
import Foundation
import PostgresStorage
import Storage

/// `--files-dir` and the options that go with it: where uploads (Composio's upload flow) and downloads are kept.
struct FileOptions: ParsableArguments {
    @Option(
        name: .customLong("files-dir"),
        help: "Where uploaded and downloaded files are kept (default: <db>.files beside a SQLite database; ./toolport-files with PostgreSQL, where every replica must be given the same shared directory)."
    )
    var explicitDirectory: String?
    @Option(name: .customLong("max-file-mb"), help: "The largest file an upload URL accepts, in megabytes.") var maxFileMB = 32
    @Option(name: .customLong("file-retention-hours"), help: "Hours uploaded and downloaded files are kept.") var fileRetentionHours = 24

    func validate() throws {
        guard maxFileMB >= 1 else { throw ValidationError("--max-file-mb must be at least 1") }
        guard fileRetentionHours >= 1 else { throw ValidationError("--file-retention-hours must be at least 1") }
    }

    /// `--files-dir`, else `<db>.files` beside a SQLite file, else `./toolport-files`.
    func directory(for db: String) -> String {
        explicitDirectory ?? (PostgresStorageConfiguration.isPostgresURL(db) ? "./toolport-files" : db + ".files")
    }

    /// The file exchange on `directory(for:)`, its URLs signed with a key derived from `box` and built on `publicURL`.
    /// - Throws: `FileStoreError` when the directory cannot be created.
    func exchange(db: String, box: SecretBox, publicURL: String) throws -> FileExchange {
        FileExchange(
            store: try FileStore(directory: URL(filePath: directory(for: db))),
            signer: FileURLSigner(keyData: box.derivedKey(purpose: FileURLSigner.keyPurpose)), publicURL: publicURL,
            configuration: .init(maxFileSize: maxFileMB * 1024 * 1024)
        )
    }

    var retention: Duration { .seconds(fileRetentionHours * 3600) }
}
