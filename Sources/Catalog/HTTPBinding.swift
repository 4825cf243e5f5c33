/// How a tool's arguments become one Pipedrive HTTP request: the `http` key of a tool file.
public struct HTTPBinding: Sendable, Hashable, Codable {
    /// The host family a request goes to.
    public enum Server: String, Sendable, Codable {
        /// The company API host (`https://{company}.pipedrive.com`, or the OAuth token's `api_domain`).
        case api
        /// `https://oauth.pipedrive.com`.
        case oauth
    }

    /// How the request body is encoded.
    public enum BodyEncoding: String, Sendable, Codable {
        case json
        case form
        case multipart
    }

    /// What Pipedrive answers with.
    public enum ResponseKind: String, Sendable, Codable {
        case json
        case binary
        case html
    }

    /// Where 40-hex custom-field arguments go (`body` for v1: top-level body keys).
    public enum CustomFieldPlacement: String, Sendable, Codable {
        case body
    }

    public var method: String
    public var server: Server
    /// The path from the host root with `{name}` placeholders, e.g. `/api/v1/deals/{id}`.
    public var path: String
    public var body: BodyEncoding?
    public var response: ResponseKind
    public var customFields: CustomFieldPlacement?
    public var parameters: [ParameterBinding]

    enum CodingKeys: String, CodingKey {
        case method, server, path, body, response, parameters
        case customFields = "custom_fields"
    }

    /// The `{name}` placeholders of `path`, in order.
    public var pathPlaceholders: [String] {
        var names: [String] = []
        var rest = path[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}

/// Where one tool argument goes in the request.
public struct ParameterBinding: Sendable, Hashable, Codable {
    public enum Location: String, Sendable, Codable {
        case path
        case query
        case header
        /// A body field; `wire` is its path inside the body (`["value", "amount"]` nests).
        case body
        /// A multipart file part, given as `{name, mimetype, content}` with base64 content.
        case file
    }

    /// How an array is written into a query string.
    public enum QueryStyle: String, Sendable, Codable {
        /// `ids=1,2,3`, as Pipedrive expects.
        case comma
    }

    /// The argument's name in `input_parameters`.
    public var name: String
    public var location: Location
    /// The name on the wire: one element for path, query, header and file; the nesting path for body fields.
    public var wire: [String]
    public var style: QueryStyle?

    enum CodingKeys: String, CodingKey {
        case name, wire, style
        case location = "in"
    }

    public init(name: String, location: Location, wire: [String], style: QueryStyle? = nil) {
        self.name = name
        self.location = location
        self.wire = wire
        self.style = style
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        location = try container.decode(Location.self, forKey: .location)
        style = try container.decodeIfPresent(QueryStyle.self, forKey: .style)
        if let single = try? container.decode(String.self, forKey: .wire) {
            wire = [single]
        } else {
            wire = try container.decode([String].self, forKey: .wire)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(location, forKey: .location)
        try container.encodeIfPresent(style, forKey: .style)
        if location == .body {
            try container.encode(wire, forKey: .wire)
        } else {
            try container.encode(wire.first ?? name, forKey: .wire)
        }
    }
}
