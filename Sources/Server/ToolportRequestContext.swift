import Foundation
public import Hummingbird

/// The per-request state of every Toolport route.
public struct ToolportRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Who is calling, once `APIKeyMiddleware` has checked the key; admin until then.
    public var caller: Caller = .admin

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Request bodies above this are refused with 413 (tool arguments, including base64 file uploads).
    public var maxUploadSize: Int { 32 * 1024 * 1024 }
}

extension ToolportRequestContext {
    /// The path parameter `name`, percent-decoded (`PIPEDRIVE%5FADD%5FA%5FDEAL` is `PIPEDRIVE_ADD_A_DEAL`);
    /// left as sent when it is not valid percent-encoding.
    func pathParameter(_ name: String) throws -> String {
        let raw = try parameters.require(name)
        return raw.removingPercentEncoding ?? raw
    }
}
