public import ToolportJSON

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

    /// Where 40-hex custom-field arguments go.
    public enum CustomFieldPlacement: String, Sendable, Codable {
        /// Top-level body keys (v1).
        case body
        /// Nested under the body's `custom_fields` object (v2).
        case customFields = "custom_fields"
    }

    /// How a list endpoint pages.
    public enum Paging: String, Sendable, Codable {
        /// `cursor`/`limit`: a non-zero `start` is refused and the answer carries `next_cursor` (v2).
        case cursor
    }

    /// How a v1 `sort` argument ("field ASC, other DESC") is sent.
    public enum SortStyle: String, Sendable, Codable {
        /// As `sort_by` and `sort_direction` for its first field (v2).
        case v2
    }

    /// An input parameter this endpoint has no place for, and why.
    public struct DroppedParameter: Sendable, Hashable, Codable {
        public var name: String
        public var reason: String

        public init(name: String, reason: String) {
            self.name = name
            self.reason = reason
        }
    }

    public var method: String
    public var server: Server
    /// The path from the host root with `{name}` placeholders, e.g. `/api/v1/deals/{id}`.
    public var path: String
    public var body: BodyEncoding?
    public var response: ResponseKind
    public var customFields: CustomFieldPlacement?
    public var parameters: [ParameterBinding]
    /// The Pipedrive operation this binding calls, when it differs from the tool's (`getDeals` of v2).
    public var operationID: String?
    /// Input parameters this endpoint cannot take; the executor refuses them with the reason.
    public var dropped: [DroppedParameter]?
    public var paging: Paging?
    public var sort: SortStyle?
    /// The `sort_by` values a `sort: v2` binding accepts.
    public var sortFields: [String]?

    enum CodingKeys: String, CodingKey {
        case method, server, path, body, response, parameters, dropped, paging, sort
        case customFields = "custom_fields"
        case operationID = "operation_id"
        case sortFields = "sort_fields"
    }

    /// Input parameters this binding handles without a `parameters` entry: dropped ones, and `start`
    /// and `sort` when paging or sorting is translated.
    public func unboundParameters(among properties: Set<String>) -> Set<String> {
        var names = Set((dropped ?? []).map(\.name))
        if paging == .cursor, properties.contains("start") { names.insert("start") }
        if sort == .v2, properties.contains("sort") { names.insert("sort") }
        return names
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

    /// A conversion of the argument to the type this endpoint is strict about (v2).
    public enum Coercion: String, Sendable, Codable {
        /// 0/1 numbers and "true"/"false" strings become booleans.
        case boolean
        /// `YYYY-MM-DD` and `YYYY-MM-DD HH:MM:SS` become RFC 3339 date-times (UTC).
        case rfc3339
        /// Whole numbers and numeric strings become integers.
        case integer
        /// Numbers become strings.
        case string
    }

    /// The argument's name in `input_parameters`.
    public var name: String
    public var location: Location
    /// The name on the wire: one element for path, query, header and file; the nesting path for body fields.
    public var wire: [String]
    public var style: QueryStyle?
    public var coerce: Coercion?
    public var convert: Conversion?
    /// Argument values the endpoint spells differently: `[given, sent]` pairs; a `sent` null leaves the
    /// parameter out, and a `given` null is what is sent when the argument is absent.
    public var values: [[JSONValue]]?
    /// Keys renamed inside the objects of an array argument (`primary_flag` → `primary`).
    public var itemKeys: [String: String]?

    /// A change of shape the endpoint needs beyond a type coercion.
    public enum Conversion: String, Sendable, Codable {
        /// A numeric string becomes a number (a v1 string amount for a v2 number field).
        case number
        /// A single value becomes a one-element array (`label` → `label_ids`).
        case array
    }

    enum CodingKeys: String, CodingKey {
        case name, wire, style, coerce, convert, values
        case location = "in"
        case itemKeys = "item_keys"
    }

    public init(name: String, location: Location, wire: [String], style: QueryStyle? = nil, coerce: Coercion? = nil) {
        self.name = name
        self.location = location
        self.wire = wire
        self.style = style
        self.coerce = coerce
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        location = try container.decode(Location.self, forKey: .location)
        style = try container.decodeIfPresent(QueryStyle.self, forKey: .style)
        coerce = try container.decodeIfPresent(Coercion.self, forKey: .coerce)
        convert = try container.decodeIfPresent(Conversion.self, forKey: .convert)
        values = try container.decodeIfPresent([[JSONValue]].self, forKey: .values)
        itemKeys = try container.decodeIfPresent([String: String].self, forKey: .itemKeys)
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
        try container.encodeIfPresent(coerce, forKey: .coerce)
        try container.encodeIfPresent(convert, forKey: .convert)
        try container.encodeIfPresent(values, forKey: .values)
        try container.encodeIfPresent(itemKeys, forKey: .itemKeys)
        if location == .body {
            try container.encode(wire, forKey: .wire)
        } else {
            try container.encode(wire.first ?? name, forKey: .wire)
        }
    }
}
