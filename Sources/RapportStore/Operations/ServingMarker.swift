import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file next to an SQLite database naming the process that serves it, so `rapport
/// restore` can refuse to replace a file a running server has open. A marker left by a
/// process that has died does not count.
public struct ServingMarker: Sendable {
    public let path: String

    public static func path(for database: String) -> String { database + ".serving" }

    /// Writes the marker for this process.
    public static func claim(_ database: String) throws -> ServingMarker {
        let marker = ServingMarker(path: path(for: database))
        try Data("\(getpid())\n".utf8).write(to: URL(fileURLWithPath: marker.path), options: .atomic)
        return marker
    }

    public func release() {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The process that marked `database` as served and is still alive, if any.
    public static func server(of database: String) -> Int32? {
        guard let text = try? String(contentsOfFile: path(for: database), encoding: .utf8),
              let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)), pid > 0 else { return nil }
        return kill(pid, 0) == 0 || errno == EPERM ? pid : nil
    }
}
