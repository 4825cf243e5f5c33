import Storage
import Testing

/// What a storage failure may say outside the server's own log.
struct StorageErrorTests {
    @Test func theSummaryLeavesOutTheDatabasesOwnText() {
        let error = StorageError.queryFailed(operation: "read a connected account", reason: "SQLite error 1: near \"SELECT secrets\"")
        #expect(error.summary == "database error while trying to read a connected account")
        #expect(error.description.contains("SELECT secrets"))
        #expect(StorageError.cannotOpen(path: "/data/t.sqlite", reason: "disk I/O error").summary == "cannot open the database at /data/t.sqlite")
    }
}
