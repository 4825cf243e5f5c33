import Catalog
@testable import Server
import Storage
import Testing

/// The pure decisions behind scoped keys: glob matching, read-only tools, users, and admin-only routes.
struct AccessTests {
    @Test(arguments: [
        ("PIPEDRIVE_GET_*", "PIPEDRIVE_GET_ALL_DEALS", true), ("PIPEDRIVE_GET_*", "PIPEDRIVE_ADD_A_DEAL", false),
        ("pipedrive_get_*", "PIPEDRIVE_GET_ALL_DEALS", true), ("PIPEDRIVE_ADD_A_DEAL", "PIPEDRIVE_ADD_A_DEAL", true),
        ("PIPEDRIVE_ADD_A_DEAL", "PIPEDRIVE_ADD_A_DEAL_FIELD", false), ("*", "PIPEDRIVE_DELETE_A_DEAL", true),
        ("*_DEAL", "PIPEDRIVE_DELETE_A_DEAL", true), ("*_DEAL", "PIPEDRIVE_DELETE_A_DEAL_FIELD", false),
        ("PIPEDRIVE_*_DEAL*", "PIPEDRIVE_UPDATE_A_DEAL_FIELD", true), ("PIPEDRIVE_*_DEAL*", "PIPEDRIVE_GET_ALL_LEADS", false),
        ("A*A", "A", false), ("AB*B", "AB", false),
    ])
    func globsMatchSlugs(pattern: String, slug: String, matches: Bool) {
        #expect(ToolPermission.matches(pattern, slug) == matches)
    }

    @Test(arguments: [
        (ToolPermission.everything, "DELETE", nil), (ToolPermission(readOnly: true), "GET", nil), (ToolPermission(readOnly: true), "HEAD", nil),
        (ToolPermission(readOnly: true), "POST", "this API key is read-only and a POST through the proxy may change data in Pipedrive"),
        (ToolPermission(patterns: ["PIPEDRIVE_GET_*"]), "GET",
         "this API key may run only PIPEDRIVE_GET_*, and the proxy reaches any Pipedrive endpoint; use a key without a tool list"),
    ] as [(ToolPermission, String, String?)])
    func onlyKeysWithoutAToolListMayProxy(permission: ToolPermission, method: String, refusal: String?) {
        #expect(permission.proxyRefusal(method: method) == refusal)
    }

    @Test func readOnlyPermitsOnlyGETTools() {
        let catalog = TestServer.catalog.catalog
        let readOnly = ToolPermission(readOnly: true)
        for tool in catalog.tools {
            #expect(readOnly.permits(tool, api: .current) == (tool.binding(for: .current).method == "GET"), "\(tool.slug)")
        }
    }

    @Test(arguments: [
        (APIKeyScope.admin, nil, true), (APIKeyScope.admin, "anyone", true),
        (APIKeyScope(userIDs: ["alice"]), "alice", true), (APIKeyScope(userIDs: ["alice"]), "bob", false),
        (APIKeyScope(userIDs: ["alice"]), nil, false), (APIKeyScope(tools: ["X"]), "bob", true),
    ] as [(APIKeyScope, String?, Bool)])
    func scopedKeysActOnlyForTheirUsers(scope: APIKeyScope, user: String?, allowed: Bool) {
        #expect((Caller(keyID: "key_1", scope: scope).refusal(actingAs: user) == nil) == allowed)
    }

    @Test(arguments: [
        ("/api/v3.1/auth_configs", true), ("/api/v3/auth_configs/ac_1", true), ("/api/v3.1/connected_accounts/link", true),
        ("/api/v3.1/connected_accounts/ca_1/status", true), ("/api/toolport/keys", true), ("/api/toolport/keys/key_1", true),
        ("/api/v3.1/tools", false), ("/api/v3.1/tools/execute/PIPEDRIVE_ADD_A_DEAL", false), ("/api/v3.1/logs/log_1", false),
        ("/api/toolport/tools/export", false), ("/mcp", false),
        ("/api/v3.1/trigger_instances/PIPEDRIVE_NEW_DEAL_TRIGGER/upsert", true), ("/api/v3.1/trigger_instances/active", true),
        ("/api/v3/webhook_subscriptions", true), ("/api/toolport/trigger_deliveries", true), ("/api/v3.1/triggers_types", false),
    ])
    func adminOnlyRoutes(path: String, adminOnly: Bool) {
        #expect(AccessPolicy.isAdminOnly(path: path) == adminOnly)
    }
}
