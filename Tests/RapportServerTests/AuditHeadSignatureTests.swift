import Foundation
import RapportKit
import RapportServer
@testable import RapportStore
import Testing

/// The audit head's signature and this host's checkpoint: what someone who can write the
/// database but does not hold the key can no longer hide.
@Suite struct AuditHeadSignatureTests {
    static let key = FieldCipher(keyBytes: Array(repeating: 7, count: 32))
    static let otherKey = FieldCipher(keyBytes: Array(repeating: 9, count: 32))

    /// A head row as a backup holds it.
    struct SavedHead {
        var position: Int64
        var hash: String
        var signature: String?
    }

    func saveHead(_ db: Database) async throws -> SavedHead {
        try await db.read { s in
            let head = try await AuditHeadCheck.read(s)!
            return SavedHead(position: head.position, hash: head.hash, signature: head.signature)
        }
    }

    /// Deletes every entry after the saved head and puts the saved head row back: what a
    /// database writer without the key can do with an old backup.
    func rewind(_ db: Database, to saved: SavedHead) async throws {
        try await db.transaction { s in
            try await s.execute("DELETE FROM audit_log WHERE chain_pos > \(saved.position)")
            try await s.execute("UPDATE audit_head SET chain_pos = \(saved.position), hash = \(saved.hash) WHERE id = 1")
            try await s.execute("UPDATE audit_seal SET signature = \(saved.signature) WHERE id = 1")
        }
    }

    func pending(_ db: Database) async throws -> Int64 {
        try await db.read { s in try await s.query("SELECT COUNT(*) AS n FROM audit_log WHERE chain_pos IS NULL AND digest IS NOT NULL").first?.int("n") ?? -1 }
    }

    func checkpointFile() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("rapport-checkpoint-\(UUID().uuidString)").path
    }

    @Test(arguments: Backend.available)
    func theHeadIsSignedWithTheKey(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            for i in 0..<3 { _ = try await api.create("tags", #"{"name":"h\#(i)"}"#) }
            let report = try await AuditChain.verify(api.db)
            #expect(report.isIntact, "\(String(describing: report.firstBroken))")
            #expect(report.head == .signed(checkpoint: nil))
            let head = try await api.db.read { s in try await AuditHeadCheck.read(s) }!
            let signer = AuditHeadSigner(fieldKey: Self.key)
            #expect(signer.verify(head.signature, chainID: head.chainID ?? "", position: head.position, hash: head.hash))
            // The signing key is derived, not the field key itself.
            #expect(head.signature != FieldCipher(keyBytes: Array(repeating: 7, count: 32)).checkValue)
        }
    }

    @Test(arguments: Backend.available)
    func aHeadEditedWithoutTheKeyIsNamed(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            for i in 0..<4 { _ = try await api.create("tags", #"{"name":"e\#(i)"}"#) }
            // Truncate the tail and move the head back to the new last entry by hand.
            let kept = try await api.db.read { s in
                try await s.query("SELECT seq, id, chain_pos, hash FROM audit_log ORDER BY chain_pos DESC LIMIT 1 OFFSET 2").first!
            }
            try await api.db.transaction { s in
                try await s.execute("DELETE FROM audit_log WHERE chain_pos > \(kept.int("chain_pos")!)")
                try await s.execute("UPDATE audit_head SET chain_pos = \(kept.int("chain_pos")!), hash = \(kept.text("hash")!) WHERE id = 1")
            }
            let report = try await AuditChain.verify(api.db)
            #expect(report.firstBroken?.id == kept.text("id"))
            #expect(report.firstBroken?.reason == AuditHeadCheck.Problem.badSignature.description)
            // Nothing new is signed on top of it: the next entry waits, unsealed.
            _ = try await api.create("tags", #"{"name":"after"}"#)
            #expect(try await pending(api.db) >= 1)
        }
    }

    @Test(arguments: Backend.available)
    func aForgedSignatureIsNamed(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            _ = try await api.create("tags", #"{"name":"forged"}"#)
            try await api.db.transaction { s in
                try await s.execute("UPDATE audit_seal SET signature = \(String(repeating: "ab", count: 32)) WHERE id = 1")
            }
            #expect(try await AuditChain.verify(api.db).firstBroken?.reason == AuditHeadCheck.Problem.badSignature.description)
        }
    }

    @Test(arguments: Backend.available)
    func aWrongKeyIsNamedAndSealsNothing(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            for i in 0..<2 { _ = try await api.create("tags", #"{"name":"w\#(i)"}"#) }
            api.db.auditSigning.signer = AuditHeadSigner(fieldKey: Self.otherKey)
            let report = try await AuditChain.verify(api.db)
            #expect(report.firstBroken?.reason == AuditHeadCheck.Problem.badSignature.description)
            try await AuditTrail(db: api.db).record("note", actor: .system)
            #expect(try await pending(api.db) == 1)
            // The right key seals what waited, and the chain verifies.
            api.db.auditSigning.signer = AuditHeadSigner(fieldKey: Self.key)
            let healed = try await AuditChain.verify(api.db)
            #expect(healed.isIntact && healed.head == .signed(checkpoint: nil), "\(String(describing: healed.firstBroken))")
            #expect(try await pending(api.db) == 0)
        }
    }

    @Test(arguments: Backend.available)
    func withoutAKeyTheHeadIsReportedUnsignedAndLaterSigned(_ backend: Backend) async throws {
        try await withAPI(backend, configuration: ServerConfigurationForTests.withoutKey) { api in
            for i in 0..<3 { _ = try await api.create("tags", #"{"name":"n\#(i)"}"#) }
            let report = try await AuditChain.verify(api.db)
            #expect(report.isIntact && report.checked > 0)
            #expect(report.head == .unchecked)
            #expect(try await saveHead(api.db).signature == nil)
            // A key given later (an upgraded installation) signs the head at the next seal.
            api.db.auditSigning.signer = AuditHeadSigner(fieldKey: Self.key)
            let signed = try await AuditChain.verify(api.db)
            #expect(signed.isIntact && signed.head == .signed(checkpoint: nil), "\(String(describing: signed.firstBroken))")
            #expect(try await saveHead(api.db).signature != nil)
            // From then on a process without the key neither checks nor moves the head.
            api.db.auditSigning.signer = nil
            try await AuditTrail(db: api.db).record("note", actor: .system)
            #expect(try await pending(api.db) == 1)
            #expect(try await AuditChain.verify(api.db).head == .unchecked)
        }
    }

    /// The case a signature alone cannot catch: an older head row, validly signed, copied
    /// back after the newer entries were deleted. The checkpoint outside the database does.
    @Test(arguments: Backend.available)
    func aHeadRewoundFromABackupIsCaughtByTheCheckpoint(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let file = checkpointFile()
            defer { try? FileManager.default.removeItem(atPath: file) }
            let withCheckpoint = AuditHeadSigner(fieldKey: Self.key, checkpointPath: file)
            api.db.auditSigning.signer = withCheckpoint
            _ = try await api.create("tags", #"{"name":"r0"}"#)
            let backup = try await saveHead(api.db)
            for i in 1..<4 { _ = try await api.create("tags", #"{"name":"r\#(i)"}"#) }
            let newest = try await saveHead(api.db)
            guard case .mark(let mark) = withCheckpoint.checkpoint!.read(withCheckpoint) else {
                Issue.record("no checkpoint was written")
                return
            }
            #expect(mark.position == newest.position && mark.hash == newest.hash)
            try await rewind(api.db, to: backup)

            // Inside the database the rewound log is consistent: without the checkpoint
            // it verifies. This is the limit the README states.
            api.db.auditSigning.signer = AuditHeadSigner(fieldKey: Self.key)
            let blind = try await AuditChain.verify(api.db)
            #expect(blind.isIntact && blind.head == .signed(checkpoint: nil))

            api.db.auditSigning.signer = withCheckpoint
            let report = try await AuditChain.verify(api.db)
            let missing = newest.position - backup.position
            #expect(report.firstBroken?.reason.contains("the head was moved back and the last \(missing) entries removed") == true, "\(String(describing: report.firstBroken))")
            // The sealer does not sign new entries onto the rewound head.
            _ = try await api.create("tags", #"{"name":"after"}"#)
            #expect(try await pending(api.db) >= 1)
        }
    }

    /// A rewound log written on by an instance that keeps no checkpoint (another host)
    /// reaches past the checkpoint again, but the entry at its position is not the one it
    /// recorded.
    @Test(arguments: Backend.available)
    func aLogRewrittenPastTheCheckpointIsNamed(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let file = checkpointFile()
            defer { try? FileManager.default.removeItem(atPath: file) }
            let withCheckpoint = AuditHeadSigner(fieldKey: Self.key, checkpointPath: file)
            api.db.auditSigning.signer = withCheckpoint
            _ = try await api.create("tags", #"{"name":"w0"}"#)
            let backup = try await saveHead(api.db)
            for i in 1..<3 { _ = try await api.create("tags", #"{"name":"w\#(i)"}"#) }
            try await rewind(api.db, to: backup)
            api.db.auditSigning.signer = AuditHeadSigner(fieldKey: Self.key)
            for i in 0..<4 { _ = try await api.create("tags", #"{"name":"x\#(i)"}"#) }
            api.db.auditSigning.signer = withCheckpoint
            let report = try await AuditChain.verify(api.db)
            #expect(report.firstBroken?.reason.contains("is not the one the checkpoint") == true, "\(String(describing: report.firstBroken))")
        }
    }

    @Test(arguments: Backend.available)
    func aStrippedSignatureIsNamedByTheCheckpoint(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let file = checkpointFile()
            defer { try? FileManager.default.removeItem(atPath: file) }
            let withCheckpoint = AuditHeadSigner(fieldKey: Self.key, checkpointPath: file)
            api.db.auditSigning.signer = withCheckpoint
            _ = try await api.create("tags", #"{"name":"s0"}"#)
            let verified = try await AuditChain.verify(api.db)
            #expect(verified.head == .signed(checkpoint: try await saveHead(api.db).position))
            try await api.db.transaction { s in try await s.execute("UPDATE audit_seal SET signature = NULL WHERE id = 1") }
            let report = try await AuditChain.verify(api.db)
            #expect(report.firstBroken?.reason.contains("its signature was removed") == true, "\(String(describing: report.firstBroken))")
            // A checkpoint edited by hand does not verify under the key.
            try Data("rapport-audit-checkpoint v1 x 1 00 2026 ff\n".utf8).write(to: URL(fileURLWithPath: file))
            #expect(try await AuditChain.verify(api.db).firstBroken?.reason.contains("its MAC does not verify") == true)
        }
    }
}

enum ServerConfigurationForTests {
    /// As PostgreSQL without `RAPPORT_SECRET_KEY_FILE`.
    static let withoutKey = ServerConfiguration(passwordCost: 4)
}
