import ArgumentParser
import Catalog
import Foundation
import Server
import ToolportJSON

/// `toolport tools list|show`: read the catalog offline, straight from `schemas/`.
struct ToolsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tools",
        abstract: "Inspect the tool catalog offline.",
        subcommands: [List.self, Show.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tools, optionally ranked by a search.")

        @Option(help: "Rank tools by relevance to this text.") var search: String?
        @Flag(help: "Print a JSON array of {slug, name, description} instead of a table.") var json = false
        @OptionGroup var schemas: SchemaOptions

        func run() throws {
            let catalog = try schemas.loadCatalog()
            let tools = search.map { catalog.search($0).map { catalog.tools[$0] } } ?? catalog.tools
            if json {
                let items = JSONValue.array(tools.map { ["slug": .string($0.slug), "name": .string($0.name), "description": .string($0.description)] })
                print(String(decoding: items.encoded(), as: UTF8.self))
                return
            }
            let width = tools.map(\.slug.count).max() ?? 0
            for tool in tools {
                print(tool.slug.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + tool.name)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print one tool as the API serves it.")

        @Argument(help: "The tool's slug or alias (any case).") var slug: String
        @OptionGroup var schemas: SchemaOptions

        func run() throws {
            let catalog = try schemas.loadCatalog()
            guard let tool = catalog.tool(named: slug) else {
                throw ValidationError("no tool \(slug); try `toolport tools list --search \"\(slug)\"`")
            }
            var object = EncodedCatalog.wireObject(for: tool, toolkit: catalog.toolkit).objectValue ?? [:]
            object["http"] = (try? JSONValue(parsing: JSONEncoder().encode(tool.http))) ?? .null
            print(String(decoding: try JSONSerialization.data(
                withJSONObject: JSONSerialization.jsonObject(with: JSONValue.object(object).encoded()),
                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]), as: UTF8.self))
        }
    }
}
