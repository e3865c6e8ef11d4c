import Foundation
import RapportKit

/// Whether the audit chain's head can be trusted: its signature, and where it stands
/// against this host's checkpoint. The sealer asks before it moves the head (it never
/// signs on top of a head it cannot vouch for) and `rapport audit verify` after its walk.
enum AuditHeadCheck {
    /// The head with its signature, read in one statement so they belong together.
    struct SignedHead: Sendable {
        var position: Int64
        var hash: String
        var chainID: String?
        var signature: String?
    }

    static func read(_ s: Session) async throws -> SignedHead? {
        guard let row = try await s.query("""
            SELECT h.chain_pos, h.hash, a.chain_id, a.signature FROM audit_head h LEFT JOIN audit_seal a ON a.id = 1 WHERE h.id = 1
            """).first, let position = row.int("chain_pos"), let hash = row.text("hash") else { return nil }
        return SignedHead(position: position, hash: hash, chainID: row.text("chain_id"), signature: row.text("signature"))
    }

    enum Problem: Error, Equatable, CustomStringConvertible {
        case noChainID
        case badSignature
        case unsigned
        case stripped(AuditCheckpoint.Mark, path: String)
        case behind(AuditCheckpoint.Mark, head: Int64, path: String)
        case rewritten(AuditCheckpoint.Mark, path: String)
        case otherChain(AuditCheckpoint.Mark, chainID: String, path: String)
        case unusableCheckpoint(String, path: String)

        var description: String {
            switch self {
            case .noChainID:
                return "the chain's id is missing, so its head cannot be signed"
            case .badSignature:
                return "the chain's head does not match its signature: the head was edited, or signed with another key than the one given"
            case .unsigned:
                return "the chain's head is not signed although a key was given"
            case .stripped(let mark, let path):
                return "the chain's head is not signed, but the checkpoint \(path) recorded a signed head at position \(mark.position) on \(mark.at): its signature was removed"
            case .behind(let mark, let head, let path):
                let missing = mark.position - head
                return "the chain's head is at position \(head) but the checkpoint \(path) recorded position \(mark.position) on \(mark.at): the head was moved back and the last \(missing) \(missing == 1 ? "entry" : "entries") removed"
            case .rewritten(let mark, let path):
                return "the entry at chain position \(mark.position) is not the one the checkpoint \(path) recorded on \(mark.at): the log was rewound and written again from an earlier point"
            case .otherChain(let mark, let chainID, let path):
                return "the checkpoint \(path) belongs to another audit chain (\(mark.chainID)) than this database's (\(chainID)): another database uses the same key file, or this one was replaced"
            case .unusableCheckpoint(let why, let path):
                return "the checkpoint \(path) cannot be used: \(why)"
            }
        }
    }

    /// The checkpoint as read before the head, so a checkpoint written by a sealer that
    /// committed meanwhile can never be ahead of the head read after it.
    static func checkpoint(_ signer: AuditHeadSigner) -> AuditCheckpoint.Reading {
        signer.checkpoint?.read(signer) ?? AuditCheckpoint.Reading.absent
    }

    /// The first reason not to trust `head`, or nil. `mayBeUnsigned` lets the sealer take
    /// over a head nobody signed yet (a database from before signatures).
    static func problem(
        _ head: SignedHead, _ signer: AuditHeadSigner, checkpoint: AuditCheckpoint.Reading, mayBeUnsigned: Bool, _ s: Session
    ) async throws -> Problem? {
        guard let chainID = head.chainID else { return .noChainID }
        let path = signer.checkpoint?.path ?? ""
        var mark: AuditCheckpoint.Mark?
        switch checkpoint {
        case .absent: break
        case .unusable(let why): return .unusableCheckpoint(why, path: path)
        case .mark(let m):
            guard m.chainID == chainID else { return .otherChain(m, chainID: chainID, path: path) }
            mark = m
        }
        if head.signature == nil {
            if let mark { return .stripped(mark, path: path) }
            if !mayBeUnsigned { return .unsigned }
        } else if !signer.verify(head.signature, chainID: chainID, position: head.position, hash: head.hash) {
            return .badSignature
        }
        guard let mark else { return nil }
        if head.position < mark.position { return .behind(mark, head: head.position, path: path) }
        let hash = head.position == mark.position
            ? head.hash
            : try await s.query("SELECT hash FROM audit_log WHERE chain_pos = \(mark.position)").first?.text("hash")
        if hash != mark.hash { return .rewritten(mark, path: path) }
        return nil
    }
}
