public import Catalog
public import CurlHTTP
public import Storage
public import Telemetry

/// Every account service over one storage engine, sharing one token refresher.
public struct AccountServices: Sendable {
    public let authConfigs: AuthConfigService
    public let connections: ConnectedAccountService
    public let links: ConnectLinkService
    /// What the executor uses to pick accounts and refresh their tokens.
    public let credentials: AccountCredentialProvider
    public let configuration: AccountsConfiguration
    /// Checks tokens with Pipedrive (`GET /v1/users/me`).
    public let verifier: ConnectionVerifier

    /// - Parameters:
    ///   - box: the key secrets are sealed with.
    ///   - client: used for Pipedrive's token endpoint and to check new token connections.
    /// - Parameter metrics: where token refreshes are counted (`toolport_token_refreshes_total`).
    public init(
        database: some ToolportStorage, box: SecretBox, toolkit: Toolkit, client: any UpstreamClient, configuration: AccountsConfiguration,
        metrics: ToolportMetrics? = nil
    ) {
        let cache = CredentialCache(lifetime: configuration.credentialCacheLifetime)
        let configStore = InvalidatingAuthConfigStore(base: database.authConfigs(box), cache: cache)
        let accountStore = InvalidatingConnectedAccountStore(base: database.connectedAccounts(box), cache: cache)
        let tokens = OAuthTokenClient(client: client, oauthBase: configuration.oauthBase)
        let verifier = ConnectionVerifier(client: client, configuration: configuration)
        let refresher = TokenRefresher(
            authConfigs: configStore, accounts: accountStore, tokens: tokens, upstreams: configuration.upstreams, metrics: metrics
        )
        let connections = ConnectedAccountService(
            authConfigs: configStore, accounts: accountStore, states: database.oauthStates, tokens: tokens, refresher: refresher,
            verifier: verifier, configuration: configuration
        )
        self.authConfigs = AuthConfigService(toolkit: toolkit, store: configStore, configuration: configuration)
        self.connections = connections
        self.links = ConnectLinkService(links: database.connectLinks, connections: connections, configuration: configuration)
        self.credentials = AccountCredentialProvider(
            authConfigs: configStore, accounts: accountStore, refresher: refresher, configuration: configuration, cache: cache
        )
        self.configuration = configuration
        self.verifier = verifier
    }
}
