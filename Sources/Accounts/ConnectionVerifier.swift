public import CurlHTTP
public import Execution
import Foundation
import ToolportJSON

/// Asks Pipedrive whose token a new connection holds (`GET /v1/users/me`) before it is stored as ACTIVE.
public struct ConnectionVerifier: Sendable {
    /// What Pipedrive said about a token.
    public enum Outcome: Sendable, Equatable {
        /// The token works; `companyDomain` is the company's subdomain when Pipedrive named a valid one.
        case verified(companyDomain: PipedriveSubdomain?)
        /// Pipedrive refused the token (401 or 403): `reason` quotes its status and message.
        case rejected(String)
        /// No verdict now (network error, timeout, 5xx, 429): the connection is kept, marked unverified.
        case unverified(String)
    }

    let client: any UpstreamClient
    let configuration: AccountsConfiguration

    public init(client: any UpstreamClient, configuration: AccountsConfiguration) {
        self.client = client
        self.configuration = configuration
    }

    /// Sends `GET /v1/users/me` with `secret` to the account's host.
    public func verify(_ secret: Credential.Secret, subdomain: PipedriveSubdomain?) async -> Outcome {
        let base = configuration.apiBaseOverride ?? subdomain?.apiBase ?? configuration.defaultAPIBase
        let header: UpstreamHeader = switch secret {
        case .apiToken(let token): UpstreamHeader("x-api-token", token)
        case .bearer(let token): UpstreamHeader("Authorization", "Bearer \(token)")
        }
        let request = UpstreamRequest(method: "GET", url: base + "/v1/users/me", headers: [header, UpstreamHeader("Accept", "application/json")], timeout: .seconds(15))
        let response: UpstreamResponse
        do {
            response = try await client.execute(request)
        } catch {
            return .unverified("Pipedrive could not be reached to check it: \(error)")
        }
        let body = try? JSONValue(parsing: response.body)
        switch response.status {
        case 200..<300:
            let domain = body?["data"]?["company_domain"]?.stringValue.flatMap { try? PipedriveSubdomain(parsing: $0) }
            return .verified(companyDomain: domain)
        case 401, 403:
            let message = body?["error"]?.stringValue ?? body?["message"]?.stringValue ?? "no reason given"
            return .rejected("Pipedrive answered \(response.status) to GET /v1/users/me: \(message.prefix(200))")
        default:
            return .unverified("Pipedrive answered \(response.status) to GET /v1/users/me")
        }
    }
}
