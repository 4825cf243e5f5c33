import Catalog
import Foundation
import Testing

/// Loading refuses a broken catalog with a message that names the file.
struct CatalogLoadingTests {
    /// A copy of the committed catalog in a temporary directory, changed by `edit`.
    func loadCopy(edit: (URL) throws -> Void) throws -> CatalogError? {
        let directory = FileManager.default.temporaryDirectory.appending(path: "toolport-catalog-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Fixtures.schemas, to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        try edit(directory)
        do {
            _ = try Catalog.load(from: directory)
            return nil
        } catch {
            return error
        }
    }

    @Test func aFileThatIsNotJSONIsNamed() throws {
        let error = try loadCopy { directory in
            try Data("{ not json".utf8).write(to: directory.appending(path: "PIPEDRIVE_ADD_A_DEAL.json"))
        }
        #expect(error?.description.contains("PIPEDRIVE_ADD_A_DEAL.json") == true)
    }

    @Test func anUnboundPathPlaceholderIsNamed() throws {
        let error = try loadCopy { directory in
            let url = directory.appending(path: "PIPEDRIVE_GET_DEAL.json")
            let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "/api/v1/deals/{id}", with: "/api/v1/deals/{deal}")
            try Data(text.utf8).write(to: url)
        }
        #expect(error?.description.contains("PIPEDRIVE_GET_DEAL.json") == true)
        #expect(error?.description.contains("{deal}") == true)
    }

    @Test func anInvalidSchemaIsNamed() throws {
        let error = try loadCopy { directory in
            let url = directory.appending(path: "PIPEDRIVE_ADD_A_NOTE.json")
            let text = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "\"type\": \"integer\"", with: "\"type\": \"int\"")
            try Data(text.utf8).write(to: url)
        }
        #expect(error?.description.contains("PIPEDRIVE_ADD_A_NOTE.json") == true)
    }

    @Test func aMissingDirectoryIsReported() {
        #expect(throws: CatalogError.directoryNotFound(path: "/no/such/dir")) {
            try Catalog.load(from: URL(filePath: "/no/such/dir"))
        }
    }
}
