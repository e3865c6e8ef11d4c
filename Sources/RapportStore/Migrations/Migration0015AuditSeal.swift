/// The signature over the audit chain's head and the chain's own id, in a row beside
/// `audit_head` (not in it, so the head's table stays as migration 8 made it).
///
/// The chain id is random per database and is part of what is signed, so a checkpoint
/// kept outside the database (see ``AuditCheckpoint``) names the chain it belongs to,
/// and a head signed for another database under the same key does not verify here.
/// The signature stays empty until a process holding the key seals the head.
enum Migration0015AuditSeal {
    private static func statements(sqlite: Bool) -> [String] {
        let text = sqlite ? "TEXT" : "TEXT COLLATE \"C\""
        let random = sqlite ? "lower(hex(randomblob(16)))" : "md5(random()::text || clock_timestamp()::text)"
        return [
            "CREATE TABLE audit_seal (id INTEGER PRIMARY KEY CHECK (id = 1), chain_id \(text) NOT NULL, signature \(text), signed_at \(text))",
            "INSERT INTO audit_seal (id, chain_id) VALUES (1, \(random))",
        ]
    }

    static let migration = Migration(version: 15, name: "audit head signature", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
}
