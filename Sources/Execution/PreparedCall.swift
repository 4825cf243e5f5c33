import Catalog
import CurlHTTP
import ToolportJSON

/// A request signed with a credential, which a token refresh can sign again: what the executor sends and
/// retries (a tool call or a proxy call).
protocol SignedCall: Sendable {
    var request: UpstreamRequest { get }
    var credential: Credential { get }
    /// The Pipedrive server the request goes to (the retry policy treats the OAuth server's 401 apart).
    var server: HTTPBinding.Server { get }
    /// Signs the call with `renewed` (a refreshed token): the request is built again, never resent with the old token.
    /// - Throws: `ExecutionError` when the request cannot be built with the new credential; the call keeps the old one.
    mutating func renew(with renewed: Credential) throws(ExecutionError)
}

/// One tool call made ready to send: the binding, the validated arguments, the credential and the request
/// built from them, computed once and kept across attempts.
struct PreparedCall: SignedCall {
    let tool: Tool
    let binding: HTTPBinding
    /// Normalised and validated.
    let arguments: [String: JSONValue]
    /// The file arguments' files, read once.
    let files: [String: UploadFile]
    private(set) var credential: Credential
    private(set) var built: BuiltRequest
    private let builder: RequestBuilder

    /// - Throws: `ExecutionError` when the arguments cannot be put into a request.
    init(
        tool: Tool, arguments: [String: JSONValue], files: [String: UploadFile], credential: Credential, configuration: ExecutionConfiguration
    ) throws(ExecutionError) {
        let builder = RequestBuilder(configuration: configuration)
        let binding = tool.binding(for: configuration.api)
        self.tool = tool
        self.binding = binding
        self.arguments = arguments
        self.files = files
        self.credential = credential
        self.builder = builder
        self.built = try builder.request(for: tool, binding: binding, arguments: arguments, files: files, credential: credential)
    }

    var request: UpstreamRequest { built.request }
    var server: HTTPBinding.Server { binding.server }

    mutating func renew(with renewed: Credential) throws(ExecutionError) {
        built = try builder.request(for: tool, binding: binding, arguments: arguments, files: files, credential: renewed)
        credential = renewed
    }
}
