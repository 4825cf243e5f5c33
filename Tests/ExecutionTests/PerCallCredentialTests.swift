import Accounts
import CurlHTTP
import Execution
import Testing
import ToolportJSON

/// `custom_auth_params` and `custom_connection_data` read into a credential for one call.
struct PerCallCredentialTests {
    static let upstreams = ExecutionConfiguration().upstreamAllowList()

    static func header(_ name: String, _ value: String) -> JSONValue { ["name": .string(name), "value": .string(value), "in": "header"] }

    @Test(arguments: [
        (["parameters": [header("x-api-token", "tok")]], Credential.Secret.apiToken("tok"), nil),
        (["parameters": [header("Authorization", "Bearer bt")]], .bearer("bt"), nil),
        (["parameters": [["name": "api_token", "value": "qt", "in": "query"]]], .apiToken("qt"), nil),
        (["base_url": "https://acme.pipedrive.com", "parameters": [header("X-API-TOKEN", "tok")]], .apiToken("tok"), "https://acme.pipedrive.com"),
        (["base_url": "https://api.pipedrive.com/v1", "parameters": [header("x-api-token", "tok")]], .apiToken("tok"), "https://api.pipedrive.com"),
        (["base_url": "https://acme.pipedrive.com/api/v2/", "parameters": [header("x-api-token", "tok")], "body": [:]], .apiToken("tok"),
         "https://acme.pipedrive.com"),
    ] as [(JSONValue, Credential.Secret, String?)])
    func authParamsNameOneToken(params: JSONValue, secret: Credential.Secret, base: String?) throws {
        let credential = try PerCallCredential.credential(authParams: params, userID: "u1", upstreams: Self.upstreams)
        #expect(credential == Credential(accountID: nil, userID: "u1", secret: secret, apiBase: base))
    }

    @Test(arguments: [
        (JSONValue.string("s3cr3t"), "custom_auth_params"),
        (["parameters": []], "custom_auth_params.parameters"),
        (["parameters": [header("x-api-token", "s3cr3t"), header("Authorization", "Bearer s3cr3t")]], "custom_auth_params.parameters"),
        (["parameters": [header("x-custom", "v")]], "custom_auth_params.parameters[0].name"),
        (["parameters": [header("Authorization", "Basic s3cr3t")]], "custom_auth_params.parameters[0].value"),
        (["parameters": [["name": "x-api-token", "value": "s3cr3t"]]], "custom_auth_params.parameters[0]"),
        (["parameters": [header("x-api-token", "s3cr3t")], "body": ["token": "x"]], "custom_auth_params.body"),
        (["base_url": "https://evil.example.com", "parameters": [header("x-api-token", "s3cr3t")]], "custom_auth_params.base_url"),
        (["base_url": "http://api.pipedrive.com", "parameters": [header("x-api-token", "s3cr3t")]], "custom_auth_params.base_url"),
        (["base_url": "https://api.pipedrive.com/v1/deals", "parameters": [header("x-api-token", "s3cr3t")]], "custom_auth_params.base_url"),
        (["base_url": "https://user@api.pipedrive.com", "parameters": [header("x-api-token", "s3cr3t")]], "custom_auth_params.base_url"),
    ] as [(JSONValue, String)])
    func authParamsWithoutExactlyOnePipedriveTokenAreRefused(params: JSONValue, field: String) {
        #expect {
            try PerCallCredential.credential(authParams: params, userID: nil, upstreams: Self.upstreams)
        } throws: { error in
            guard case .invalid(let message, let fields) = error as? AccountsError else { return false }
            return fields == [field] && !message.contains("s3cr3t")
        }
    }

    @Test(arguments: [
        (["authScheme": "API_KEY", "toolkitSlug": "pipedrive", "val": ["generic_api_key": "tok", "subdomain": "acme"]],
         Credential.Secret.apiToken("tok"), "https://acme.pipedrive.com"),
        (["authScheme": "BEARER_TOKEN", "toolkitSlug": "PIPEDRIVE", "val": ["token": "bt"]], .bearer("bt"), nil),
        (["authScheme": "OAUTH2", "toolkitSlug": "pipedrive", "val": ["access_token": "at", "api_domain": "https://acme.pipedrive.com"]],
         .bearer("at"), "https://acme.pipedrive.com"),
    ] as [(JSONValue, Credential.Secret, String?)])
    func connectionDataIsReadAsAConnectionState(data: JSONValue, secret: Credential.Secret, base: String?) throws {
        let credential = try PerCallCredential.credential(connectionData: data, userID: nil, upstreams: Self.upstreams)
        #expect(credential == Credential(accountID: nil, userID: "", secret: secret, apiBase: base))
    }

    @Test(arguments: [
        (["authScheme": "API_KEY", "toolkitSlug": "gmail", "val": ["generic_api_key": "tok"]], "custom_connection_data.toolkitSlug"),
        (["authScheme": "BASIC", "toolkitSlug": "pipedrive", "val": ["username": "u", "password": "p"]], "custom_connection_data.authScheme"),
        (["authScheme": "BEARER_TOKEN", "toolkitSlug": "pipedrive", "val": [:]], "custom_connection_data.val.token"),
        (["authScheme": "API_KEY", "toolkitSlug": "pipedrive", "val": ["generic_api_key": "tok", "subdomain": "evil.example.com"]],
         "custom_connection_data.val.subdomain"),
        (["authScheme": "OAUTH2", "toolkitSlug": "pipedrive", "val": ["access_token": "at", "api_domain": "https://evil.example.com"]],
         "custom_connection_data.val.api_domain"),
    ] as [(JSONValue, String)])
    func connectionDataOutsidePipedriveIsRefused(data: JSONValue, field: String) {
        #expect {
            try PerCallCredential.credential(connectionData: data, userID: nil, upstreams: Self.upstreams)
        } throws: { error in
            guard case .invalid(_, let fields) = error as? AccountsError else { return false }
            return fields == [field]
        }
    }
}
