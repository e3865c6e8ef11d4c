import Foundation
import RapportKit

/// The newest signed audit head this host has seen, kept in a file outside the database
/// (beside the key file), with its own MAC.
///
/// A signed head proves it was made with the key, not that it is the newest: an older
/// head row, signed in its day and copied back from a backup after the entries beyond it
/// were deleted, verifies. The checkpoint catches that: the database's head must not be
/// behind it, and the entry at its position must still have the hash it recorded. It
/// only moves forward, and only after the sealer's transaction commits, so it never
/// records a head the database could roll back.
///
/// - Important: the checkpoint knows only what this host sealed or verified. Entries
///   sealed after its last write (by another instance on another host, or in the moment
///   before a crash) can still be removed together with a head rewound to match.
public struct AuditCheckpoint: Sendable {
    public let path: String

    public struct Mark: Sendable, Equatable {
        public var chainID: String
        public var position: Int64
        public var hash: String
        /// When it was written; for the operator, not signed.
        public var at: String
    }

    public enum Reading: Sendable, Equatable {
        case absent
        case mark(Mark)
        /// The file exists but its MAC does not verify under this key, or it cannot be read.
        case unusable(String)
    }

    static let magic = "rapport-audit-checkpoint v1"

    func read(_ signer: AuditHeadSigner) -> Reading {
        guard FileManager.default.fileExists(atPath: path) else { return .absent }
        guard let data = FileManager.default.contents(atPath: path) else { return .unusable("it cannot be read") }
        let fields = String(decoding: data, as: UTF8.self).trimmedWhitespace.split(separator: " ").map(String.init)
        guard fields.count == 7, "\(fields[0]) \(fields[1])" == Self.magic, let position = Int64(fields[3]) else {
            return .unusable("it is not a Rapport audit checkpoint")
        }
        let mark = Mark(chainID: fields[2], position: position, hash: fields[4], at: fields[5])
        guard signer.mac("checkpoint", chainID: mark.chainID, position: mark.position, hash: mark.hash) == fields[6] else {
            return .unusable("its MAC does not verify under this key")
        }
        return .mark(mark)
    }

    /// Records `mark` unless the file already holds a later position of the same chain;
    /// written to a temporary file and renamed, so a reader never sees half a checkpoint.
    func advance(to mark: Mark, _ signer: AuditHeadSigner) throws {
        if case .mark(let held) = read(signer), held.chainID == mark.chainID, held.position >= mark.position { return }
        let mac = signer.mac("checkpoint", chainID: mark.chainID, position: mark.position, hash: mark.hash)
        let line = "\(Self.magic) \(mark.chainID) \(mark.position) \(mark.hash) \(mark.at) \(mac)\n"
        let temporary = path + ".\(ProcessInfo.processInfo.processIdentifier).\(UInt32.random(in: 0...UInt32.max)).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(line.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw DatabaseError.configuration("Cannot write the audit checkpoint \(temporary).")
        }
        if rename(temporary, path) != 0 {
            try? FileManager.default.removeItem(atPath: temporary)
            throw DatabaseError.configuration("Cannot move the audit checkpoint into place at \(path).")
        }
    }
}
