import Catalog
import ToolportJSON

extension OperationTable.Match {
    /// The wire name of the first required parameter the request lacks, or `nil` when all are there.
    ///
    /// A query parameter must be in the query, a header among the headers, a body parameter at its
    /// path in `fields` (not null), and a file parameter must be a multipart part with a file name.
    func missingParameter(in request: RecordedRequest, fields: [String: JSONValue]) -> String? {
        let tool = operation.tool
        let required = Set(tool.inputParameters["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        for binding in operation.binding.parameters where required.contains(binding.name) {
            let wire = binding.wire.first ?? binding.name
            let present: Bool
            switch binding.location {
            case .path: present = pathValues[wire].map { !$0.isEmpty } ?? false
            case .query: present = request.query[wire] != nil
            case .header: present = request.headers[wire.lowercased()] != nil
            case .file: present = request.multipartParts.contains { $0.name == wire && $0.filename != nil }
            case .body:
                var value = JSONValue.object(fields)
                for key in binding.wire { value = value[key] ?? .null }
                present = value != .null
            }
            if !present { return binding.wire.joined(separator: ".") }
        }
        return nil
    }
}
