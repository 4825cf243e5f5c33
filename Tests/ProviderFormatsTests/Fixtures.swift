import Catalog
import Foundation

/// The committed catalog, shared by the provider-format tests.
enum Fixtures {
    static let schemas = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "schemas/pipedrive")

    static let catalog: Catalog = {
        do {
            return try Catalog.load(from: schemas)
        } catch {
            fatalError("the committed catalog must load: \(error)")
        }
    }()

    /// Every tool's slug, for `@Test(arguments:)`.
    static let slugs = catalog.tools.map(\.slug)

    /// The tool named `slug`; the tests only name tools the catalog has.
    static func tool(_ slug: String) -> Tool {
        guard let tool = catalog.tool(named: slug) else { fatalError("no tool \(slug) in the catalog") }
        return tool
    }
}
