public import Foundation

/// Files on local disk, one per key: `<directory>/uploads/<id>` and `<directory>/downloads/<id>`, written whole
/// (to a temporary file, then linked into place) so a reader never sees part of one. Directories are 0700, files
/// 0600. Several replicas share files only through a shared directory (see docs/deployment.md).
public struct FileStore: Sendable {
    public let directory: URL

    /// The store in `directory`, creating it and its two folders when missing.
    /// - Throws: `FileStoreError.unavailable` when they cannot be created.
    public init(directory: URL) throws(FileStoreError) {
        self.directory = directory
        for kind in FileKey.Kind.allCases {
            do {
                try FileManager.default.createDirectory(
                    at: directory.appending(path: kind.rawValue), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]
                )
            } catch {
                throw .unavailable(operation: "create the file directory \(directory.path)", reason: Self.reason(error))
            }
        }
    }

    /// The bytes of `key`.
    /// - Throws: `FileStoreError.notFound`, or `.unavailable` when the disk refuses.
    public func read(_ key: FileKey) throws(FileStoreError) -> Data {
        let url = location(of: key)
        do {
            return try Data(contentsOf: url)
        } catch {
            guard FileManager.default.fileExists(atPath: url.path) else { throw .notFound(key) }
            throw .unavailable(operation: "read \(key)", reason: Self.reason(error))
        }
    }

    /// Writes `data` as the new file `key`.
    /// - Throws: `FileStoreError.alreadyUploaded` when `key` exists, `.unavailable` when the disk refuses.
    public func write(_ data: Data, to key: FileKey) throws(FileStoreError) {
        let writer = try beginWrite(key, limit: data.count)
        try writer.append(data)
        _ = try writer.commit()
    }

    /// A writer for the new file `key` that refuses to go past `limit` bytes; nothing is visible before
    /// ``FileWriter/commit()``.
    /// - Throws: `FileStoreError.alreadyUploaded` when `key` exists, `.unavailable` when the disk refuses.
    public func beginWrite(_ key: FileKey, limit: Int) throws(FileStoreError) -> FileWriter {
        let destination = location(of: key)
        guard !FileManager.default.fileExists(atPath: destination.path) else { throw .alreadyUploaded(key) }
        let temporary = destination.deletingLastPathComponent().appending(path: ".\(key.id).\(UUID().uuidString).partial")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil, attributes: [.posixPermissions: 0o600]),
            let handle = FileHandle(forWritingAtPath: temporary.path)
        else {
            throw .unavailable(operation: "write \(key)", reason: "cannot create a file in \(temporary.deletingLastPathComponent().path)")
        }
        return FileWriter(key: key, handle: handle, temporary: temporary, destination: destination, limit: limit)
    }

    /// Removes every file (and abandoned partial write) last modified before `cutoff`; returns how many went.
    public func removeFiles(olderThan cutoff: Date) -> Int {
        var removed = 0
        for kind in FileKey.Kind.allCases {
            let folder = directory.appending(path: kind.rawValue)
            let entries = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.contentModificationDateKey])) ?? []
            for entry in entries {
                guard let modified = try? entry.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate, modified < cutoff
                else { continue }
                if (try? FileManager.default.removeItem(at: entry)) != nil { removed += 1 }
            }
        }
        return removed
    }

    func location(of key: FileKey) -> URL {
        directory.appending(path: key.kind.rawValue).appending(path: key.id)
    }

    static func reason(_ error: any Error) -> String {
        (error as NSError).localizedDescription
    }
}

/// One file being written: appended to a temporary file, then linked to its key by ``commit()``; discarded if it
/// goes past its limit, fails, or is dropped before the commit.
public final class FileWriter {
    public let key: FileKey
    private let handle: FileHandle
    private let temporary: URL
    private let destination: URL
    private let limit: Int
    private var written = 0
    private var finished = false

    init(key: FileKey, handle: FileHandle, temporary: URL, destination: URL, limit: Int) {
        self.key = key
        self.handle = handle
        self.temporary = temporary
        self.destination = destination
        self.limit = limit
    }

    deinit {
        discard()
    }

    /// Appends `bytes`.
    /// - Throws: `FileStoreError.tooLarge` past the limit (the file is discarded), `.unavailable` when the disk refuses.
    public func append(_ bytes: Data) throws(FileStoreError) {
        written += bytes.count
        guard written <= limit else {
            discard()
            throw .tooLarge(limit: limit)
        }
        do {
            try handle.write(contentsOf: bytes)
        } catch {
            discard()
            throw .unavailable(operation: "write \(key)", reason: FileStore.reason(error))
        }
    }

    /// Makes the file visible under its key; returns its size.
    /// - Throws: `FileStoreError.alreadyUploaded` when another writer committed the key first, `.unavailable`
    ///   when the disk refuses.
    public func commit() throws(FileStoreError) -> Int {
        defer { discard() }
        do {
            try handle.synchronize()
            try handle.close()
            finished = true
            // A hard link fails when the name exists: of two writers of one key, only the first commits.
            try FileManager.default.linkItem(at: temporary, to: destination)
        } catch {
            if FileManager.default.fileExists(atPath: destination.path) { throw .alreadyUploaded(key) }
            throw .unavailable(operation: "store \(key)", reason: FileStore.reason(error))
        }
        return written
    }

    /// Removes the temporary file; the key stays unwritten unless ``commit()`` already linked it.
    public func discard() {
        if !finished {
            try? handle.close()
            finished = true
        }
        try? FileManager.default.removeItem(at: temporary)
    }
}
