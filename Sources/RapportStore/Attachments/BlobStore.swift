import Crypto
import Foundation
import RapportKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of attachments, outside the database: one file per distinct content, named by
/// its SHA-256 under two levels of fan-out (`ab/cd/abcd…`), so a directory never holds
/// more than a few thousand entries and equal files are stored once.
///
/// A file is written to `tmp/` first, flushed to disk, and renamed into place: a reader
/// never sees half a file, and a crash leaves at most a stray file in `tmp/`. Several
/// instances on PostgreSQL point this at one shared volume.
public struct BlobStore: Sendable {
    public let root: String

    public init(root: String) {
        self.root = root
    }

    /// Where files go when no directory is named: beside an SQLite database
    /// (`rapport.db.files`), else `rapport-files` in the working directory.
    public static func defaultRoot(for db: Database) -> String {
        if let file = db.filePath { return file + ".files" }
        return FileManager.default.currentDirectoryPath + "/rapport-files"
    }

    /// True for the 64 lower-case hex digits of a SHA-256, the only names ever joined to
    /// ``root``.
    public static func isChecksum(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    public func path(of sha256: String) -> String? {
        guard Self.isChecksum(sha256) else { return nil }
        let u = Array(sha256)
        return "\(root)/\(String(u[0..<2]))/\(String(u[2..<4]))/\(sha256)"
    }

    public func exists(_ sha256: String) -> Bool {
        path(of: sha256).map { FileManager.default.fileExists(atPath: $0) } ?? false
    }

    /// A new temporary file to stream an upload into.
    public func writer(limit: Int) throws -> BlobWriter {
        let tmp = root + "/tmp"
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return try BlobWriter(path: tmp + "/" + RecordID.make() + ".part", limit: limit)
    }

    /// Moves a finished upload to its checksum's place, unless that content is already
    /// there (then the upload is dropped), and makes the rename durable.
    func install(_ upload: BlobWriter.Finished) throws {
        guard let target = path(of: upload.sha256) else { throw BlobError.io("bad checksum") }
        if FileManager.default.fileExists(atPath: target) {
            unlink(upload.path)
            return
        }
        let dir = URL(fileURLWithPath: target).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        guard rename(upload.path, target) == 0 else { throw BlobError.io("rename failed: errno \(errno)") }
        Self.syncDirectory(dir)
    }

    /// Removes a blob no live attachment needs any more.
    func remove(_ sha256: String) {
        guard let target = path(of: sha256) else { return }
        if unlink(target) == 0 { Self.syncDirectory(URL(fileURLWithPath: target).deletingLastPathComponent().path) }
    }

    public func read(_ sha256: String) -> Data? {
        path(of: sha256).flatMap { FileManager.default.contents(atPath: $0) }
    }

    static func syncDirectory(_ dir: String) {
        let fd = open(dir, O_RDONLY)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }
}

public enum BlobError: Error, Sendable, Equatable {
    /// The upload passed the size limit; nothing was kept.
    case tooLarge(limit: Int)
    case io(String)
}

/// One upload on its way to disk: bytes are hashed, sniffed and counted as they arrive,
/// and writing stops at the limit, so no more than the limit is ever held or stored.
public final class BlobWriter {
    public struct Finished: Sendable {
        public var path: String
        public var sha256: String
        public var size: Int64
        public var sniffer: ContentSniffer
    }

    let path: String
    let limit: Int
    private var fd: Int32
    private var hasher = SHA256()
    public private(set) var sniffer = ContentSniffer()
    public private(set) var size = 0

    init(path: String, limit: Int) throws {
        self.path = path
        self.limit = limit
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw BlobError.io("cannot create a temporary file: errno \(errno)") }
    }

    deinit {
        if fd >= 0 {
            close(fd)
            unlink(path)
        }
    }

    /// Appends bytes; past the limit the file is removed and ``BlobError/tooLarge(limit:)``
    /// thrown.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard fd >= 0 else { throw BlobError.io("closed") }
        guard size + bytes.count <= limit else {
            discard()
            throw BlobError.tooLarge(limit: limit)
        }
        size += bytes.count
        hasher.update(bufferPointer: bytes)
        sniffer.feed(bytes)
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                discard()
                throw BlobError.io("write failed: errno \(errno)")
            }
            offset += n
        }
    }

    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Flushes the file to disk and closes it; it is moved into place by the store.
    public func finish() throws -> Finished {
        guard fd >= 0 else { throw BlobError.io("closed") }
        guard fsync(fd) == 0 else {
            discard()
            throw BlobError.io("fsync failed: errno \(errno)")
        }
        close(fd)
        fd = -1
        let digest = Hex.encode(Array(hasher.finalize()))
        return Finished(path: path, sha256: digest, size: Int64(size), sniffer: sniffer)
    }

    /// Drops what was written.
    public func discard() {
        if fd >= 0 {
            close(fd)
            fd = -1
        }
        unlink(path)
    }
}
