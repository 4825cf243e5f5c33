import Catalog
import NIOCore
import ProviderFormats
import Synchronization
import ToolportJSON

/// The catalog's tools as Composio `<Tool>` objects in one schema profile, encoded once.
struct EncodedProfile: Sendable {
    let profile: SchemaProfile
    /// `shaped[i]` is `catalog.tools[i]`'s description and `input_parameters` in this profile, `nil` where it
    /// cannot be shaped for it.
    let shaped: [ShapedTool?]
    /// `tools[i]` is `shaped[i]` encoded as a whole Composio `<Tool>` object.
    let tools: [ByteBuffer?]
    /// Why each tool left out is, by position in `catalog.tools`.
    let leftOut: [Int: SchemaShapingError]

    init(catalog: Catalog, profile: SchemaProfile, api: PipedriveAPI) {
        var shapedTools: [ShapedTool?] = []
        var tools: [ByteBuffer?] = []
        var leftOut: [Int: SchemaShapingError] = [:]
        for (position, tool) in catalog.tools.enumerated() {
            do throws(SchemaShapingError) {
                let shaped = try profile.shape(tool)
                shapedTools.append(shaped)
                tools.append(ByteBuffer(bytes: EncodedCatalog.wireObject(for: tool, toolkit: catalog.toolkit, api: api, shaped: shaped).encoded()))
            } catch {
                shapedTools.append(nil)
                tools.append(nil)
                leftOut[position] = error
            }
        }
        self.profile = profile
        self.shaped = shapedTools
        self.tools = tools
        self.leftOut = leftOut
    }
}

/// Each schema profile's `EncodedProfile`, built the first time the profile is asked for and kept for the
/// application's life (the catalog never changes while the server runs).
final class EncodedProfiles: Sendable {
    private let catalog: Catalog
    private let api: PipedriveAPI
    private let built: Mutex<[SchemaProfile: EncodedProfile]>

    init(catalog: Catalog, api: PipedriveAPI) {
        self.catalog = catalog
        self.api = api
        self.built = Mutex([.canonical: EncodedProfile(catalog: catalog, profile: .canonical, api: api)])
    }

    subscript(profile: SchemaProfile) -> EncodedProfile {
        built.withLock { built in
            if let encoded = built[profile] { return encoded }
            let encoded = EncodedProfile(catalog: catalog, profile: profile, api: api)
            built[profile] = encoded
            return encoded
        }
    }
}
