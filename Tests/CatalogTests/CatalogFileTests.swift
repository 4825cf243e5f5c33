import Catalog
import ToolportTestSupport
import Foundation
import Testing
import ToolportJSON
import Validation

/// The committed tool files: their number, keys, and agreement between schema and HTTP binding.
struct CatalogFileTests {
    @Test func catalogHoldsAll269ToolsAndItsToolkit() throws {
        #expect(Fixtures.toolFiles().count == 269)
        #expect(Fixtures.catalog.tools.count == 269)
        #expect(Fixtures.catalog.toolkit.slug == "pipedrive")
        #expect(Set(Fixtures.catalog.toolkit.authSchemes.map(\.mode)) == ["OAUTH2", "API_KEY", "BEARER_TOKEN"])
    }

    @Test func everyToolFileHasTheKeysOtherToolingReads() {
        let keys = ["slug", "aliases", "name", "description", "input_parameters", "output_parameters", "http", "tags", "is_deprecated", "version"]
        for (name, json) in Fixtures.toolFiles() {
            for key in keys {
                #expect(json[key] != nil, "\(name) lacks \(key)")
            }
            #expect(name == "\(json["slug"] as? String ?? "").json")
        }
    }

    @Test func outputParametersAreTheComposioEnvelope() {
        for tool in Fixtures.catalog.tools {
            #expect(tool.outputParameters["type"] == "object", "\(tool.slug)")
            #expect(tool.outputParameters["required"] == ["data", "successful"], "\(tool.slug)")
            #expect(Set(tool.outputParameters["properties"]?.objectValue?.keys.map { $0 } ?? []) == ["data", "error", "successful"], "\(tool.slug)")
        }
    }

    @Test func everyPathPlaceholderIsARequiredPathParameter() {
        for tool in Fixtures.catalog.tools {
            let required = Set(tool.inputParameters["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
            for placeholder in tool.http.pathPlaceholders {
                let binding = tool.http.parameters.first { $0.location == .path && $0.wire == [placeholder] }
                #expect(binding != nil, "\(tool.slug): {\(placeholder)} unbound")
                #expect(binding.map { required.contains($0.name) } == true, "\(tool.slug): {\(placeholder)} not required")
            }
        }
    }

    @Test func everyParameterHasALocationAndADescription() {
        for tool in Fixtures.catalog.tools {
            let properties = tool.inputParameters["properties"]?.objectValue ?? [:]
            for binding in [tool.http, tool.httpV1_2024].compactMap({ $0 }) {
                let placed = Set(binding.parameters.map(\.name)).union(binding.unboundParameters(among: Set(properties.keys)))
                #expect(Set(properties.keys) == placed, "\(tool.slug)")
            }
            for (name, property) in properties {
                let description = property["description"]?.stringValue ?? ""
                #expect(description.count > 0, "\(tool.slug).\(name)")
            }
        }
    }

    @Test func apiToolsLiveUnderAPIv1AndOAuthToolsOnTheOAuthHost() {
        for tool in Fixtures.catalog.tools {
            switch tool.http.server {
            case .api:
                #expect(tool.http.path.hasPrefix(tool.apiStatus == .v2 ? "/api/v2/" : "/api/v1/"), "\(tool.slug)")
                #expect(tool.httpV1_2024.map { $0.path.hasPrefix("/api/v1/") } ?? true, "\(tool.slug)")
            case .oauth: #expect(tool.http.path.hasPrefix("/oauth/"), "\(tool.slug)")
            }
        }
        #expect(Fixtures.catalog.tool(named: "PIPEDRIVE_REFRESH_TOKENS")?.http.server == .oauth)
    }

    @Test func bindingsMatchPipedriveOperations() throws {
        let deal = try #require(Fixtures.catalog.tool(named: "PIPEDRIVE_ADD_A_DEAL"))
        #expect(deal.apiStatus == .v2)
        #expect(deal.http.method == "POST" && deal.http.path == "/api/v2/deals" && deal.http.body == .json)
        #expect(deal.http.customFields == .customFields)
        #expect(deal.http.parameters.first { $0.name == "user_id" }?.wire == ["owner_id"])
        let dealV1 = try #require(deal.httpV1_2024)
        #expect(dealV1.path == "/api/v1/deals" && dealV1.customFields == .body)
        let update = try #require(Fixtures.catalog.tool(named: "PIPEDRIVE_UPDATE_A_DEAL"))
        #expect(update.http.method == "PATCH" && update.httpV1_2024?.method == "PUT")
        let list = try #require(Fixtures.catalog.tool(named: "PIPEDRIVE_GET_ALL_DEALS"))
        #expect(list.http.paging == .cursor && list.http.sort == .v2)
        let bulk = try #require(Fixtures.catalog.tool(named: "PIPEDRIVE_DELETE_DEALS_BULK"))
        #expect(bulk.apiStatus == .v1NoCounterpart && bulk.isDeprecated)
        let lead = try #require(Fixtures.catalog.tool(named: "PIPEDRIVE_ADD_LEAD"))
        #expect(lead.http.parameters.first { $0.name == "value__amount" }?.wire == ["value", "amount"])
        let file = try #require(Fixtures.catalog.tool(named: "PIPEDRIVE_ADD_FILE"))
        #expect(file.http.body == .multipart)
        #expect(file.http.parameters.first { $0.name == "file" }?.location == .file)
        let download = try #require(Fixtures.catalog.tool(named: "PIPEDRIVE_DOWNLOAD_FILE"))
        #expect(download.http.response == .binary)
        let conversation = try #require(Fixtures.catalog.tool(named: "PIPEDRIVE_DELETE_CONVERSATION"))
        #expect(conversation.http.path == "/api/v1/channels/{channel-id}/conversations/{conversation-id}")
        #expect(conversation.http.parameters.first { $0.name == "channel__id" }?.wire == ["channel-id"])
        let products = try #require(Fixtures.catalog.tool(named: "PIPEDRIVE_GET_ALL_PRODUCTS"))
        #expect(products.http.parameters.first { $0.name == "ids" }?.style == .comma)
    }

    @Test func toolsThatWriteEntitiesAcceptCustomFieldKeys() throws {
        let hexKey = String(repeating: "ab12", count: 10)
        for slug in ["PIPEDRIVE_ADD_A_DEAL", "PIPEDRIVE_UPDATE_A_DEAL", "PIPEDRIVE_ADD_A_PERSON", "PIPEDRIVE_UPDATE_A_PERSON",
                     "PIPEDRIVE_ADD_AN_ORGANIZATION", "PIPEDRIVE_ADD_PRODUCT", "PIPEDRIVE_ADD_LEAD", "PIPEDRIVE_ADD_PROJECT"] {
            let tool = try #require(Fixtures.catalog.tool(named: slug), "\(slug)")
            var arguments = ArgumentSampler.validArguments(for: tool.inputParameters)
            arguments[hexKey] = "custom value"
            #expect(tool.inputSchema.validate(.object(arguments)).isEmpty, "\(slug)")
            #expect(tool.description.contains("40-character hex key"), "\(slug)")
        }
        let notes = try #require(Fixtures.catalog.tool(named: "PIPEDRIVE_ADD_A_NOTE"))
        var arguments = ArgumentSampler.validArguments(for: notes.inputParameters)
        arguments[hexKey] = "x"
        #expect(!notes.inputSchema.validate(.object(arguments)).isEmpty)
    }

    @Test func lookupsAcceptSlugsAndAliasesInAnyCase() {
        #expect(Fixtures.catalog.tool(named: "pipedrive_add_lead")?.name == "Add a lead")
        #expect(Fixtures.catalog.tool(named: "PIPEDRIVE_ADD_A_LEAD")?.slug == "PIPEDRIVE_ADD_LEAD")
        #expect(Fixtures.catalog.tool(named: "PIPEDRIVE_NO_SUCH_TOOL") == nil)
    }

    @Test func descriptionsKeepPipedriveSpelling() throws {
        let deal = try #require(Fixtures.catalog.tool(named: "PIPEDRIVE_ADD_A_DEAL"))
        #expect(deal.description.hasPrefix("Add a new deal to Pipedrive"))
        #expect(deal.description.contains("dealFields"))
        let activity = try #require(Fixtures.catalog.tool(named: "PIPEDRIVE_ADD_AN_ACTIVITY"))
        #expect(activity.description.contains("`more_activities_scheduled_in_context`"))
    }
}
