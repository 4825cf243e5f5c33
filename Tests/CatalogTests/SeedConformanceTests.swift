import Catalog
import Foundation
import Testing
import ToolportJSON

/// The catalog against the seed it was generated from (`../shared/seed`), when that is present.
///
/// `../shared` exists only on the team's machines; without it these checks skip and say so loudly.
struct SeedConformanceTests {
    struct SeedTool {
        var name: String
        var parameters: [(name: String, type: String, required: Bool)]
    }

    /// Seed types the catalog deliberately differs from, with the reason.
    static let typeExceptions: [String: String] = [
        "Add file.lead_id": "the seed says object; Pipedrive takes the lead's UUID string",
    ]

    static let seedURL = Fixtures.shared.appending(path: "seed/000_85c9686304cac50e.txt")
    static let slugsURL = Fixtures.shared.appending(path: "reference/composio/seed-slugs.json")

    static func seedTools() -> [SeedTool]? {
        guard let text = try? String(contentsOf: seedURL, encoding: .utf8) else {
            print("⚠️  SKIPPED: seed conformance needs \(seedURL.path), which is absent on this machine.")
            return nil
        }
        let body = text.components(separatedBy: "\nTool List\n").last ?? ""
        return body.components(separatedBy: "Tool Name: ").dropFirst().map { chunk in
            let name = chunk.prefix { $0 != "\n" }
            let parameterText = chunk.components(separatedBy: "\nAction Parameters\n").last?
                .components(separatedBy: "\nAction Response\n").first ?? ""
            let lines = parameterText.split(separator: "\n").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            let parameters = stride(from: 0, to: lines.count - 1, by: 2).map { index in
                let typeLine = lines[index + 1].components(separatedBy: "Defaults to").first ?? ""
                return (lines[index], typeLine.replacingOccurrences(of: "Required", with: ""), typeLine.hasSuffix("Required"))
            }
            return SeedTool(name: String(name), parameters: parameters)
        }
    }

    @Test func everySeedToolIsInTheCatalogByName() throws {
        guard let seed = Self.seedTools() else { return }
        #expect(seed.count == 269)
        let names = Set(Fixtures.catalog.tools.map(\.name))
        for tool in seed {
            #expect(names.contains(tool.name), "missing seed tool \(tool.name)")
        }
    }

    @Test func everySeedParameterKeepsItsTypeAndRequiredFlag() throws {
        guard let seed = Self.seedTools() else { return }
        let byName = Dictionary(uniqueKeysWithValues: Fixtures.catalog.tools.map { ($0.name, $0) })
        for seedTool in seed {
            let tool = try #require(byName[seedTool.name])
            let properties = tool.inputParameters["properties"]?.objectValue ?? [:]
            let required = Set(tool.inputParameters["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            for parameter in seedTool.parameters {
                let property = try #require(properties[parameter.name], "\(seedTool.name): no parameter \(parameter.name)")
                let types = Set([property["type"]?.stringValue].compactMap { $0 } + (property["type"]?.arrayValue?.compactMap(\.stringValue) ?? []))
                if Self.typeExceptions["\(seedTool.name).\(parameter.name)"] == nil {
                    // `number` in the spec widens the seed's `integer` (every integer is accepted).
                    let compatible = types.contains(parameter.type) || (parameter.type == "integer" && types.contains("number"))
                    #expect(compatible, "\(seedTool.name).\(parameter.name): seed \(parameter.type), catalog \(types)")
                }
                #expect(required.contains(parameter.name) == parameter.required, "\(seedTool.name).\(parameter.name) required flag")
            }
        }
    }

    @Test func slugsAreComposiosAndAliasesCoverTheNameDerivedSlug() throws {
        guard let data = FileManager.default.contents(atPath: Self.slugsURL.path),
            let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let entries = root["tools"] as? [[String: Any]]
        else {
            print("⚠️  SKIPPED: slug conformance needs \(Self.slugsURL.path), which is absent on this machine.")
            return
        }
        let byName = Dictionary(uniqueKeysWithValues: Fixtures.catalog.tools.map { ($0.name, $0) })
        for entry in entries {
            let name = try #require(entry["seed_name"] as? String)
            let tool = try #require(byName[name], "no tool named \(name)")
            #expect(tool.slug == entry["composio_slug"] as? String)
            if let derived = entry["name_derived_slug"] as? String, derived != tool.slug {
                #expect(tool.aliases.contains(derived), "\(tool.slug) lacks alias \(derived)")
                #expect(Fixtures.catalog.tool(named: derived)?.slug == tool.slug)
            }
        }
    }
}
