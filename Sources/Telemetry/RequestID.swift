public import Instrumentation
public import Logging

/// The id of one API request: the client's `x-request-id` when well-formed, else one Toolport makes.
/// It is echoed in every answer, carried by log lines, the execution log and error envelopes.
public enum RequestID {
    /// The longest id accepted from a client.
    public static let maximumLength = 128

    /// `incoming` when it is 1–128 characters of `A-Z a-z 0-9 . _ -`; nil otherwise.
    public static func accepting(_ incoming: String?) -> String? {
        guard let incoming, (1...maximumLength).contains(incoming.utf8.count) else { return nil }
        let wellFormed = incoming.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                true
            default: false
            }
        }
        return wellFormed ? incoming : nil
    }

    /// The id of a request that arrived with `incoming`: kept when well-formed, else a new one.
    public static func resolve(_ incoming: String?) -> String {
        accepting(incoming) ?? generate()
    }

    /// `req_` and 24 lower-case hex digits (96 random bits).
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let digits = Array("0123456789abcdef".utf8)
        var bytes = Array("req_".utf8)
        bytes.reserveCapacity(28)
        for _ in 0..<2 {
            var bits = generator.next()
            for _ in 0..<12 {
                bytes.append(digits[Int(bits & 0xf)])
                bits >>= 4
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The request id in a `ServiceContext`, the task-local context the server sets for each request.
public enum RequestIDKey: ServiceContextKey {
    public typealias Value = String
    public static var nameOverride: String? { "request_id" }
}

extension ServiceContext {
    /// The id of the API request this task serves, if any.
    public var requestID: String? {
        get { self[RequestIDKey.self] }
        set { self[RequestIDKey.self] = newValue }
    }
}

extension RequestID {
    /// Adds `request_id` to every log line written while serving a request (for `LoggingSystem.bootstrap`).
    public static let loggingMetadata = Logger.MetadataProvider {
        guard let requestID = ServiceContext.current?.requestID else { return [:] }
        return ["request_id": .string(requestID)]
    }
}
