import Foundation
import Hummingbird
import ToolportJSON

extension Request {
    /// The body as a JSON object (empty when there is no body); 400 naming the problem otherwise.
    func jsonObject(context: ToolportRequestContext) async throws -> [String: JSONValue] {
        let buffer = try await body.collect(upTo: context.maxUploadSize)
        if buffer.readableBytes == 0 { return [:] }
        let value: JSONValue
        do {
            value = try JSONValue(parsing: Data(buffer.readableBytesView))
        } catch {
            throw APIError(.badRequest, "The request body is not valid JSON.")
        }
        guard case .object(let members) = value else {
            throw APIError(.badRequest, "The request body must be a JSON object, got \(value.briefDescription).")
        }
        return members
    }
}

extension Dictionary where Key == String, Value == JSONValue {
    /// The string at `key`; nil when absent, null or empty; 400 when it is not a string.
    func optionalString(_ key: String, in context: String = "") throws(APIError) -> String? {
        switch self[key] {
        case nil, .null: return nil
        case .string(let value): return value.isEmpty ? nil : value
        case let other?: throw APIError(.badRequest, "\(context)\(key) must be a string, got \(other.briefDescription)")
        }
    }
}
