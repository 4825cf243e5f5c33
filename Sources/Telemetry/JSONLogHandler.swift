public import Foundation
public import Logging
import ToolportJSON

/// A swift-log handler writing one JSON object per line (`--log-format json`):
/// `{"time", "level", "label", "message", "source", …metadata}`, metadata nested as it was given.
/// A metadata key that would overwrite one of the fixed members is written under `metadata.<key>`.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String
    private let write: @Sendable (Data) -> Void

    /// - Parameter write: receives each line, newline included (standard error by default).
    public init(label: String, metadataProvider: Logger.MetadataProvider? = nil, write: @escaping @Sendable (Data) -> Void = JSONLogHandler.standardError) {
        self.label = label
        self.metadataProvider = metadataProvider
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        var line = Data(Self.line(event: event, label: label, metadata: merged, time: Date()).encoded())
        line.append(UInt8(ascii: "\n"))
        write(line)
    }

    /// The JSON object of one log event.
    static func line(event: LogEvent, label: String, metadata: Logger.Metadata, time: Date) -> JSONValue {
        var members: [String: JSONValue] = [
            "time": .string(time.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))),
            "level": .string(event.level.rawValue),
            "label": .string(label),
            "message": .string(event.message.description),
            "source": .string(event.source),
        ]
        for (key, value) in metadata {
            members[members[key] == nil ? key : "metadata.\(key)"] = json(value)
        }
        return .object(members)
    }

    private static func json(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case .string(let text): .string(text)
        case .stringConvertible(let convertible): .string(convertible.description)
        case .array(let items): .array(items.map(json))
        case .dictionary(let members): .object(members.mapValues(json))
        }
    }

    /// Writes `line` to standard error in one call, so concurrent lines do not interleave.
    public static let standardError: @Sendable (Data) -> Void = { line in
        FileHandle.standardError.write(line)
    }
}
