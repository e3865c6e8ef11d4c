import Foundation
import RapportKit

/// CSV files uploaded to the import page, held between its steps (mapping, dry run,
/// import) and no longer: the import removes its file, and files left by an abandoned
/// import are swept an hour after their upload. Each file is named by its uploader and a
/// random token, so nobody else's token opens it, and its contents are never logged.
///
/// - Important: The files live in this instance's temporary directory. Several instances
///   behind one address need sticky sessions for the import page (the API's import, which
///   takes the file in one request, needs none).
struct ImportUploads: Sendable {
    /// What the page accepts; larger files go through `rapport import` on the server.
    static let maxBytes = 10 << 20
    static let keepFor: TimeInterval = 3600

    let directory: URL

    init(directory: URL = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-imports", isDirectory: true)) {
        self.directory = directory
    }

    /// Stores `bytes` for `userID` and returns the token that names them.
    func save(_ bytes: ArraySlice<UInt8>, userID: String, now: Date) throws -> String {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        sweep(now: now)
        var generator = SystemRandomNumberGenerator()
        let token = Hex.encode((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
        guard let url = url(token: token, userID: userID) else { throw CocoaError(.fileWriteInvalidFileName) }
        guard FileManager.default.createFile(atPath: url.path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw CocoaError(.fileWriteUnknown)
        }
        return token
    }

    /// The file behind `token`, if `userID` uploaded it and it is still kept.
    func read(token: String, userID: String) -> [UInt8]? {
        guard let url = url(token: token, userID: userID), let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return Array(data)
    }

    func remove(token: String, userID: String) {
        guard let url = url(token: token, userID: userID) else { return }
        try? FileManager.default.removeItem(at: url)
    }

    /// Removes files older than ``keepFor``: imports that were never finished.
    func sweep(now: Date) {
        let keys: [URLResourceKey] = [.contentModificationDateKey]
        guard let files = try? FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: keys) else { return }
        for file in files {
            let modified = (try? file.resourceValues(forKeys: Set(keys)))?.contentModificationDate ?? .distantPast
            if now.timeIntervalSince(modified) > Self.keepFor { try? FileManager.default.removeItem(at: file) }
        }
    }

    /// Tokens are 32 hex digits and user ids record ids: nothing else names a file.
    func url(token: String, userID: String) -> URL? {
        guard token.utf8.count == 32, token.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }),
              !userID.isEmpty, userID.utf8.allSatisfy({ (48...57).contains($0) || (97...122).contains($0) || $0 == 45 }) else { return nil }
        return directory.appendingPathComponent("\(userID)-\(token).csv")
    }
}
