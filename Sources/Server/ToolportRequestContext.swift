public import Hummingbird

/// The per-request state of every Toolport route.
public struct ToolportRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Request bodies above this are refused with 413 (tool arguments, including base64 file uploads).
    public var maxUploadSize: Int { 32 * 1024 * 1024 }
}
