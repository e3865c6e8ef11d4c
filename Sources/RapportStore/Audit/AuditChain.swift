import Crypto
import Foundation
import RapportKit

/// The audit log's tamper evidence. Each entry's hash covers the previous entry's hash and
/// the entry's own facts, so editing, inserting or removing a row breaks every link after
/// it. The changes themselves enter through a salted digest: erasing a person's data
/// from old entries (a legal duty) removes the changes and the salt but keeps the digest,
/// so the chain still verifies and the digest tells nothing about what was erased.
///
/// Entries are chained after their write commits (see ``AuditSealer``), walked in chain
/// position order, and the walk must end at the head kept outside the log, so removing
/// the newest entries is caught as well as editing, inserting or removing older ones.
public enum AuditChain {
    /// The hash before the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    public struct Entry: Sendable {
        public var seq: Int64
        public var id: String
        public var at: String
        public var actorID: String?
        public var action: String
        public var recordType: String?
        public var recordID: String?
        public var changes: String?
        public var requestID: String?
        public var address: String?
        public var salt: String?
        public var digest: String?
        public var prevHash: String?
        public var hash: String?
        public var redacted: Bool
        /// The place the sealer gave the entry; nil until it is sealed.
        public var chainPos: Int64? = nil
    }

    /// The last sealed position and its hash, kept outside the log.
    struct Head: Sendable {
        var position: Int64
        var hash: String
    }

    static func digest(salt: String, changes: String?) -> String {
        var h = SHA256()
        h.update(data: Data(salt.utf8))
        h.update(data: Data((changes ?? "").utf8))
        return Hex.encode(h.finalize())
    }

    /// Length-prefixed fields, so no choice of values can make two entries hash alike.
    static func hash(prev: String, _ e: Entry, digest: String) -> String {
        var h = SHA256()
        for part in [prev, e.id, e.at, e.actorID ?? "", e.action, e.recordType ?? "", e.recordID ?? "", e.requestID ?? "", e.address ?? "", digest] {
            h.update(data: Data("\(part.utf8.count):".utf8))
            h.update(data: Data(part.utf8))
        }
        return Hex.encode(h.finalize())
    }

    static func newSalt() -> String {
        var generator = SystemRandomNumberGenerator()
        return Hex.encode((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// The outcome of walking the chain.
    public struct Report: Sendable, Equatable {
        public var checked = 0
        /// Entries written before the chain existed (upgraded databases).
        public var unsealed = 0
        public var redacted = 0
        /// The first entry that does not verify, and why.
        public var firstBroken: (seq: Int64, id: String, reason: String)?
        /// What could be said about the head beyond the walk reaching it.
        public var head: HeadStatus = .unchecked

        public enum HeadStatus: Sendable, Equatable {
            /// No key was given: a signature, if there is one, was not checked, and a head
            /// moved back together with the entries after it cannot be told apart.
            case unchecked
            /// The signature verifies under the key; `checkpoint` is the position this
            /// host's checkpoint recorded and the log still holds, nil when none is kept.
            case signed(checkpoint: Int64?)
        }

        public var isIntact: Bool { firstBroken == nil }

        public static func == (a: Report, b: Report) -> Bool {
            a.checked == b.checked && a.unsealed == b.unsealed && a.redacted == b.redacted
                && a.firstBroken?.seq == b.firstBroken?.seq && a.firstBroken?.reason == b.firstBroken?.reason
        }
    }

    /// Checks entries in order; `erasedIDs` are the ids erasure entries say they redacted.
    /// Feed it every sealed entry from the first, in chain position order.
    struct Walker {
        var report = Report()
        var previous: String?
        var lastPosition: Int64 = 0
        var last: (seq: Int64, id: String)?
        var redactedIDs: [(Int64, String)] = []
        var erasedIDs = Set<String>()

        mutating func check(_ e: Entry) {
            guard report.firstBroken == nil else { return }
            guard let stored = e.hash, let digest = e.digest else { return broken(e, "the entry has no hash") }
            report.checked += 1
            let prev = previous ?? genesis
            if (e.prevHash ?? "") != prev {
                return broken(e, "it does not follow the entry before it")
            }
            if e.redacted {
                report.redacted += 1
                redactedIDs.append((e.seq, e.id))
            } else if AuditChain.digest(salt: e.salt ?? "", changes: e.changes) != digest {
                return broken(e, "its changes were altered")
            }
            if hash(prev: prev, e, digest: digest) != stored {
                return broken(e, "its facts were altered")
            }
            if e.action == "erase", let changes = e.changes, let ids = (try? JSONValue.parse(changes))?.objectValue?["redacted_entries"]?.arrayValue {
                for id in ids { if let s = id.stringValue { erasedIDs.insert(s) } }
            }
            previous = stored
            lastPosition = e.chainPos ?? lastPosition + 1
            last = (e.seq, e.id)
        }

        /// `head` is the head read before the walk: the log must reach it exactly.
        mutating func finish(head: Head?) -> Report {
            if report.firstBroken == nil, let (seq, id) = redactedIDs.first(where: { !erasedIDs.contains($0.1) }) {
                report.firstBroken = (seq, id, "it was emptied without a recorded erasure")
            }
            guard report.firstBroken == nil else { return report }
            let (seq, id) = last ?? (0, "")
            guard let head else {
                if last != nil { report.firstBroken = (seq, id, "the chain's head is missing") }
                return report
            }
            if lastPosition < head.position {
                let missing = head.position - lastPosition
                report.firstBroken = (seq, id, "the log ends at chain position \(lastPosition) but its head records \(head.position): the last \(missing) \(missing == 1 ? "entry was" : "entries were") removed")
            } else if lastPosition == head.position, (previous ?? genesis) != head.hash {
                report.firstBroken = (seq, id, "it does not match the chain's head")
            }
            return report
        }

        mutating func broken(_ e: Entry, _ reason: String) {
            report.firstBroken = (e.seq, e.id, reason)
        }
    }

    static let columns = "seq, id, at, actor_id, action, record_type, record_id, changes, request_id, address, salt, digest, prev_hash, hash, redacted, chain_pos"

    static func entry(_ row: Row) -> Entry {
        Entry(
            seq: row.int("seq") ?? 0, id: row.text("id") ?? "", at: row.text("at") ?? "", actorID: row.text("actor_id"),
            action: row.text("action") ?? "", recordType: row.text("record_type"), recordID: row.text("record_id"),
            changes: row.text("changes"), requestID: row.text("request_id"), address: row.text("address"),
            salt: row.text("salt"), digest: row.text("digest"), prevHash: row.text("prev_hash"), hash: row.text("hash"),
            redacted: row.int("redacted") == 1, chainPos: row.int("chain_pos"))
    }

    static func head(_ s: Session) async throws -> Head? {
        guard let row = try await s.query("SELECT chain_pos, hash FROM audit_head WHERE id = 1").first,
              let position = row.int("chain_pos"), let hash = row.text("hash") else { return nil }
        return Head(position: position, hash: hash)
    }

    /// Seals what is pending, then walks the whole log in chain order, in pages, and
    /// checks that it ends at the head.
    public static func verify(_ db: Database) async throws -> Report {
        try await AuditSealer.seal(db)
        let signer = db.auditSigning.signer
        let checkpoint: AuditCheckpoint.Reading = signer.map(AuditHeadCheck.checkpoint) ?? AuditCheckpoint.Reading.absent
        let (signed, firstChained) = try await db.read { s in
            (try await AuditHeadCheck.read(s), try await s.query("SELECT MIN(seq) AS seq FROM audit_log WHERE chain_pos IS NOT NULL").first?.int("seq"))
        }
        let before = signed.map { Head(position: $0.position, hash: $0.hash) }
        var walker = Walker()
        // Entries from before the chain existed have neither digest nor position, and may
        // only precede the first chained entry; one later than that was put in by hand.
        let legacy = try await db.read { s in
            try await s.query("SELECT seq, id FROM audit_log WHERE chain_pos IS NULL AND digest IS NULL ORDER BY seq")
        }
        for row in legacy {
            let seq = row.int("seq") ?? 0
            if let firstChained, seq > firstChained {
                walker.report.firstBroken = (seq, row.text("id") ?? "", "the entry has no hash")
                return walker.report
            }
            walker.report.unsealed += 1
        }
        var after: Int64 = 0
        while true {
            let rows = try await db.read { s in
                try await s.query("SELECT \(raw: columns) FROM audit_log WHERE chain_pos > \(after) ORDER BY chain_pos LIMIT 5000")
            }
            if rows.isEmpty { break }
            for row in rows {
                let e = entry(row)
                after = e.chainPos ?? after
                walker.check(e)
            }
        }
        var report = walker.finish(head: before)
        // The head only moves forward, so read again now it covers every honest entry
        // walked; a sealed entry beyond it was added by hand.
        if report.firstBroken == nil, let now = try await db.read({ s in try await AuditChain.head(s) }), walker.lastPosition > now.position {
            let row = try await db.read { s in
                try await s.query("SELECT seq, id FROM audit_log WHERE chain_pos > \(now.position) ORDER BY chain_pos LIMIT 1").first
            }
            report.firstBroken = (row?.int("seq") ?? 0, row?.text("id") ?? "", "it lies beyond the chain's head")
        }
        guard report.firstBroken == nil, let signer, let signed else { return report }
        let problem = try await db.read { s in
            try await AuditHeadCheck.problem(signed, signer, checkpoint: checkpoint, mayBeUnsigned: false, s)
        }
        if let problem {
            let (seq, id) = walker.last ?? (0, "")
            report.firstBroken = (seq, id, problem.description)
            return report
        }
        var recorded: Int64?
        if case .mark(let mark) = checkpoint { recorded = mark.position }
        report.head = .signed(checkpoint: recorded)
        // A verified head moves this host's checkpoint on, also where no server runs.
        if let path = signer.checkpoint, let chainID = signed.chainID {
            try path.advance(to: AuditCheckpoint.Mark(chainID: chainID, position: signed.position, hash: signed.hash, at: Timestamp.format(Date())), signer)
        }
        return report
    }
}
