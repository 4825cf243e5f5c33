import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The master key file beside the database: created once, and readable only by its owner from the
/// first byte on.
enum MasterKeyFile {
    /// The text of the file at `path`. When there is no file yet, creates it with `open(2)`
    /// (`O_CREAT | O_EXCL`, mode 0600) holding `makeKey()` and a newline.
    /// - Throws: `StorageError.invalidMasterKey` when the file can be neither created nor read.
    static func readOrCreate(at path: String, makeKey: () -> String) throws(StorageError) -> String {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            let text = makeKey() + "\n"
            try store(text, descriptor: descriptor, path: path)
            return text
        }
        let code = errno
        guard code == EEXIST else {
            throw .invalidMasterKey(reason: "cannot create the key file \(path): \(String(cString: strerror(code)))")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalidMasterKey(reason: "cannot read the key file \(path)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Writes `text` to the new file and syncs it; on failure removes the file so no partial key is left.
    private static func store(_ text: String, descriptor: Int32, path: String) throws(StorageError) {
        defer { close(descriptor) }
        // The umask may have cleared bits of 0600: set exactly owner read and write.
        var failed = fchmod(descriptor, 0o600) != 0
        var remaining = Array(text.utf8)[...]
        while !failed, !remaining.isEmpty {
            let written = remaining.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written > 0 {
                remaining = remaining.dropFirst(written)
            } else if written < 0, errno == EINTR {
                continue
            } else {
                failed = true
            }
        }
        if !failed { failed = fsync(descriptor) != 0 }
        if failed {
            let reason = String(cString: strerror(errno))
            unlink(path)
            throw .invalidMasterKey(reason: "cannot write the key file \(path): \(reason)")
        }
    }
}
