import Catalog
import Foundation

/// Paths shared by the catalog tests.
enum Fixtures {
    /// The repository root, found from this file's location.
    static let repository = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let schemas = repository.appending(path: "schemas/pipedrive")
    /// `../shared` beside the repository: present on the team's machines only.
    static let shared = repository.deletingLastPathComponent().appending(path: "shared")

    static let catalog: Catalog = {
        do {
            return try Catalog.load(from: schemas)
        } catch {
            fatalError("the committed catalog must load: \(error)")
        }
    }()

    /// The raw JSON of every tool file, by file name.
    static func toolFiles() -> [(name: String, json: [String: Any])] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: schemas.path)) ?? []
        return names.sorted().filter { $0.hasSuffix(".json") && $0 != "toolkit.json" }.map { name in
            let data = FileManager.default.contents(atPath: schemas.appending(path: name).path) ?? Data()
            return (name, (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:])
        }
    }
}
