import Foundation
import Logging
import RapportKit
import Synchronization

/// How `rapport serve` writes log lines: `logfmt` (`key=value`, for people and grep) or
/// `json` (one object per line, for log shippers).
public enum LogFormat: String, Sendable, CaseIterable {
    case logfmt, json
}

/// A log handler writing one line per event to standard error in a ``LogFormat``, with
/// the time, level, logger label, message and every metadata key.
public struct LineLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String
    let format: LogFormat
    let write: @Sendable (String) -> Void

    public init(label: String, format: LogFormat, write: @escaping @Sendable (String) -> Void = LineLogHandler.standardError) {
        self.label = label
        self.format = format
        self.write = write
    }

    private static let lock = Mutex(())

    public static let standardError: @Sendable (String) -> Void = { line in
        lock.withLock { _ in FileHandle.standardError.write(Data((line + "\n").utf8)) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields: [(String, String)] = [("ts", Self.now()), ("level", event.level.rawValue), ("logger", label), ("msg", event.message.description)]
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        for key in merged.keys.sorted() { fields.append((key, "\(merged[key]!)")) }
        write(Self.render(fields, format))
    }

    static func now() -> String { Timestamp.format(Date()) }

    /// One line of `fields` in `format`.
    public static func render(_ fields: [(String, String)], _ format: LogFormat) -> String {
        switch format {
        case .logfmt:
            return fields.map { key, value in
                let plain = !value.isEmpty && value.unicodeScalars.allSatisfy { $0.value > 0x20 && $0 != "\"" && $0 != "=" && $0 != "\\" && $0.value != 0x7F }
                return key + "=" + (plain ? value : quoted(value))
            }.joined(separator: " ")
        case .json:
            return "{" + fields.map { quoted($0.0) + ":" + quoted($0.1) }.joined(separator: ",") + "}"
        }
    }

    /// A JSON string literal, which is also a valid quoted logfmt value.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}
