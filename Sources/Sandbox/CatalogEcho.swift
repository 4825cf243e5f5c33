import Catalog
import Foundation
import HTTPTypes
import Hummingbird
import ToolportJSON

/// The well-formed answer to a catalog operation whose state the sandbox does not keep.
enum CatalogEcho {
    /// Binary tools answer bytes; a GET of a collection (its path ends in a literal) answers an empty page;
    /// anything else answers an object echoing the path ids and, for writes, the body fields.
    /// A POST to a collection gets a fresh `id`. An ``EchoShape`` reshapes the answers whose spec differs.
    static func response(to match: OperationTable.Match, request: RecordedRequest, fields: [String: JSONValue], store: inout CRMStore) -> Response {
        let http = match.operation.binding
        if http.response == .binary {
            return PipedriveResponse.bytes(Data("Pipedrive sandbox file content\n".utf8), contentType: "application/octet-stream")
        }
        let template = match.operation.segments.map { segment in
            switch segment {
            case .literal(let text): text
            case .placeholder(let name): "{\(name)}"
            }
        }
        let shape = EchoShape.of(method: http.method, template: template, api: .v1)
        let endsInPlaceholder: Bool =
            if case .placeholder = match.operation.segments.last { true } else { false }
        if http.method == "GET" && !endsInPlaceholder && shape == nil {
            return PipedriveResponse.list([], page: Pagination(query: request.query))
        }
        var data = http.method == "GET" || http.method == "DELETE" ? [:] : fields
        for (name, value) in match.pathValues {
            data[name] = Int(value).map(JSONValue.integer) ?? .string(value)
        }
        if http.method == "POST" && match.pathValues.isEmpty && data["id"] == nil {
            data["id"] = .integer(store.makeEchoID())
        }
        return PipedriveResponse.success(shape?.answer(echo: data, store: store) ?? .object(data))
    }
}
