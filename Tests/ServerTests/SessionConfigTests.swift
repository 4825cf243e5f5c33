import Catalog
import Testing
import ToolportJSON
@testable import Server

/// The session configuration rules: requests in Composio's request shape become the answer's shape, updates
/// replace or reset keys, and the enabled tools follow the toolkits, tools and tags filters.
struct SessionConfigTests {
    static let catalog = TestServer.catalog.catalog

    static func enabled(_ request: [String: JSONValue]) throws -> Set<String> {
        let config = try SessionConfig.make(userID: "u", request: request, catalog: catalog)
        return Set(SessionConfig.enabledTools(config, catalog: catalog, api: .current).map { catalog.tools[$0].slug })
    }

    @Test func aBareRequestGetsComposiosDefaults() throws {
        let config = try SessionConfig.make(userID: "u1", request: ["manage_connections": ["enable": true]], catalog: Self.catalog)
        #expect(config == [
            "user_id": "u1", "preload": ["tools": []], "search": [:], "execute": [:], "instant": false, "manage_connections": ["enabled": true],
        ])
        #expect(SessionMetaTool.enabled(by: config) == [.searchTools, .getToolSchemas, .multiExecute, .manageConnections])
    }

    static let narrowings: [([String: JSONValue], Int)] = [
        (["toolkits": ["enable": ["pipedrive"]]], 269),
        (["toolkits": ["disable": ["pipedrive"]]], 0),
        (["toolkits": ["disable": ["gmail"]]], 269),
        (["tools": ["pipedrive": ["enable": ["PIPEDRIVE_GET_DEAL", "PIPEDRIVE_ADD_A_DEAL"]]]], 2),
        (["tools": ["pipedrive": ["PIPEDRIVE_GET_DEAL"]]], 1),
        (["tools": ["pipedrive": ["disable": ["PIPEDRIVE_GET_DEAL"]]]], 268),
    ]

    @Test(arguments: narrowings)
    func toolkitsAndToolsNarrowTheSession(request: [String: JSONValue], count: Int) throws {
        #expect(try Self.enabled(request).count == count)
    }

    @Test func tagsFilterByTheToolsHints() throws {
        let readOnly = try Self.enabled(["tags": ["enable": ["readOnlyHint"]]])
        #expect(readOnly.contains("PIPEDRIVE_GET_DEAL") && !readOnly.contains("PIPEDRIVE_ADD_A_DEAL"))
        let noDeletes = try Self.enabled(["tags": ["disable": ["destructiveHint"]]])
        #expect(!noDeletes.contains("PIPEDRIVE_DELETE_DEAL") && noDeletes.contains("PIPEDRIVE_ADD_A_DEAL"))
        let creates = try Self.enabled(["tools": ["pipedrive": ["tags": ["createHint"]]]])
        #expect(creates.contains("PIPEDRIVE_ADD_A_DEAL") && !creates.contains("PIPEDRIVE_UPDATE_A_DEAL"))
    }

    static let refusals: [([String: JSONValue], String)] = [
        (["toolkits": ["gmail"]], #"toolkits: Toolport serves only the pipedrive toolkit, got "gmail""#),
        (["tools": ["pipedrive": ["PIPEDRIVE_NOPE"]]], "tools.pipedrive.enabled: no such tool: PIPEDRIVE_NOPE"),
        (["tags": ["enable": ["fastHint"]]], #"tags: unknown tag "fastHint"; tags are createHint, destructiveHint, idempotentHint, openWorldHint, readOnlyHint, updateHint"#),
        (["preload": ["tools": ["NOPE"]]], "preload.tools: no such tool: NOPE"),
        (["hooks": []], "hooks are not supported: Toolport does not evaluate Composio's execution hooks"),
        (
            ["colour": "red"],
            "colour is not a session setting; the settings are auth_configs, connected_accounts, execute, experimental, instant, manage_connections, multi_account, preload, proxy_execute, search, tags, toolkits, tools, workbench"
        ),
    ]

    @Test(arguments: refusals)
    func whatCannotBeServedIsRefusedByName(request: [String: JSONValue], message: String) {
        do {
            _ = try SessionConfig.make(userID: "u", request: request, catalog: Self.catalog)
            Issue.record("\(request) was accepted")
        } catch {
            #expect(error.message == message)
        }
    }

    @Test func anUpdateReplacesKeysAndNullResetsThem() throws {
        let created = try SessionConfig.make(userID: "u", request: ["tags": ["enable": ["readOnlyHint"]], "search": ["enable": false]], catalog: Self.catalog)
        #expect(SessionMetaTool.enabled(by: created).contains(.searchTools) == false)
        let updated = try SessionConfig.applying(["tags": .null, "search": .null, "proxy_execute": true], to: created, catalog: Self.catalog)
        #expect(updated["tags"] == nil)
        #expect(updated["search"] == [:])
        #expect(updated["proxy_execute"] == ["enable": true])
        #expect(updated["user_id"] == "u")
    }

    @Test func preloadAllListsEveryEnabledTool() throws {
        let config = try SessionConfig.make(userID: "u", request: ["preload": ["tools": "all"], "tools": ["pipedrive": ["PIPEDRIVE_GET_DEAL"]]], catalog: Self.catalog)
        let enabled = SessionConfig.enabledTools(config, catalog: Self.catalog, api: .current)
        #expect(SessionConfig.preloadedTools(config, enabled: enabled, catalog: Self.catalog).map { Self.catalog.tools[$0].slug } == ["PIPEDRIVE_GET_DEAL"])
    }

    @Test(arguments: [
        ("127.0.0.1:8000", "http://127.0.0.1:8000/mcp?session_id=trs_1"),
        ("localhost:9", "http://localhost:9/mcp?session_id=trs_1"),
        ("[::1]:8000", "http://[::1]:8000/mcp?session_id=trs_1"),
        ("evil.example/path", "http://toolport.example:8000/mcp?session_id=trs_1"),
        ("user@host", "http://toolport.example:8000/mcp?session_id=trs_1"),
        ("", "http://toolport.example:8000/mcp?session_id=trs_1"),
    ])
    func theMCPURLIsOnTheOriginTheClientCalled(host: String, url: String) {
        #expect(SessionMCPURL.url(sessionID: "trs_1", host: host, publicURL: "http://toolport.example:8000/") == url)
    }

    @Test(arguments: [
        ("SHOUT", nil as String?, "LOCAL_SHOUT"), ("grep", "dev", "LOCAL_DEV_GREP"), (String(repeating: "a", count: 80), nil, "LOCAL_" + String(repeating: "A", count: 54)),
    ])
    func customToolsGetTheirLocalSlug(slug: String, toolkit: String?, final: String) {
        #expect(CustomTools.finalSlug(slug, toolkit: toolkit) == final)
    }
}
