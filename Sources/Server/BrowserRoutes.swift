public import Accounts
import Foundation
public import Hummingbird
import NIOCore

/// The public (no API key) routes a browser visits: the OAuth callback and hosted connect pages.
public struct BrowserRoutes: Sendable {
    let connections: ConnectedAccountService
    let links: ConnectLinkService
    let callbackPath: String

    public init(connections: ConnectedAccountService, links: ConnectLinkService, callbackPath: String) {
        self.connections = connections
        self.links = links
        self.callbackPath = callbackPath
    }

    public func add(to router: Router<ToolportRequestContext>) {
        router.get(RouterPath(callbackPath)) { request, _ in await self.callback(request) }
        router.get("connect/{token}") { _, context in await self.page(links.open(token: try context.pathParameter("token"))) }
        router.post("connect/{token}") { request, context in try await self.submit(request, context: context, token: context.pathParameter("token")) }
    }

    func callback(_ request: Request) async -> Response {
        let query = request.uri.queryParameters
        let outcome = await connections.completeOAuth(
            code: query.nonEmpty("code"), state: query.nonEmpty("state"), error: query.nonEmpty("error"),
            errorDescription: query.nonEmpty("error_description")
        )
        switch outcome {
        case .redirect(let url): return HTMLPage.redirect(url)
        case .page(let title, let message, let success): return HTMLPage.message(title: title, text: message, success: success)
        }
    }

    /// The most a connect form submission may weigh.
    static let formLimit = 64 * 1024

    func submit(_ request: Request, context: ToolportRequestContext, token: String) async throws -> Response {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: Self.formLimit)
        } catch is NIOTooManyBytesError {
            throw APIError(.payloadTooLarge, "The connect form is larger than the \(Self.formLimit / 1024) KiB it can be.")
        }
        let fields = Self.formFields(String(buffer: buffer))
        return page(await links.submit(
            token: token, csrfToken: fields["csrf_token"] ?? "", apiToken: fields["api_token"] ?? "", subdomain: fields["subdomain"] ?? ""
        ))
    }

    func page(_ page: ConnectLinkService.Page) -> Response {
        switch page {
        case .redirect(let url):
            return HTMLPage.redirect(url)
        case .message(let title, let text, let success):
            return HTMLPage.message(title: title, text: text, success: success)
        case .tokenForm(let scheme, let csrfToken, let error):
            let label = scheme == .apiKey ? "Pipedrive API token" : "Bearer token"
            let hint = scheme == .apiKey ? "Find it in Pipedrive under Settings → Personal preferences → API." : "An OAuth access token for your Pipedrive account."
            let body = """
                <h1>Connect Pipedrive</h1>
                \(error.map { "<p class=\"error\">\(HTMLPage.escaped($0))</p>" } ?? "")
                <form method="post">
                <input type="hidden" name="csrf_token" value="\(HTMLPage.escaped(csrfToken))">
                <label for="api_token">\(label)</label>
                <input id="api_token" name="api_token" type="password" autocomplete="off" required>
                <p class="hint">\(HTMLPage.escaped(hint))</p>
                <label for="subdomain">Company subdomain (optional)</label>
                <input id="subdomain" name="subdomain" placeholder="acme" autocomplete="off">
                <p class="hint">The <b>acme</b> in acme.pipedrive.com.</p>
                <button type="submit">Connect</button>
                </form>
                """
            return HTMLPage.response(status: error == nil ? .ok : .badRequest, title: "Connect Pipedrive", body: body)
        }
    }

    static func formFields(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0) }
            if let name = parts.first { fields[name] = parts.count > 1 ? parts[1] : "" }
        }
        return fields
    }
}
