import Foundation
import RapportKit

/// Why the field key does not fit the database.
public struct FieldKeyError: Error, CustomStringConvertible {
    public var description: String
}

extension RecordStore {
    /// Checks the field key against the database before anything reads or writes a
    /// sensitive value: the first key used is recorded by its check value; later, a
    /// different key, or none where one was recorded or sensitive fields exist, is refused.
    /// `rapport serve` and `rapport import` call it before they start.
    public func verifyFieldKey() async throws {
        let sensitive = try await customFieldDefinitions(type: nil).filter { $0.sensitive && catalog[$0.recordType] != nil }
        let hasSensitive = !sensitive.isEmpty
        try await db.transaction { s in
            let stored = try await s.query("SELECT key_id, check_value FROM key_checks WHERE purpose = 'field'").first
            guard let cipher = self.cipher else {
                if let id = stored?.text("key_id") {
                    throw FieldKeyError(description: "This database's sensitive fields are encrypted with the key \(id): set RAPPORT_SECRET_KEY_FILE to that key file.")
                }
                if hasSensitive {
                    throw FieldKeyError(description: "This database has sensitive custom fields, which are encrypted: set RAPPORT_SECRET_KEY_FILE to the key file they were written with.")
                }
                return
            }
            if let stored {
                guard stored.text("check_value") == cipher.checkValue else {
                    throw FieldKeyError(description: "RAPPORT_SECRET_KEY_FILE holds the key \(cipher.keyID), but this database's sensitive fields are encrypted with the key \(stored.text("key_id") ?? "?"). Start with the key they were written with.")
                }
                return
            }
            // A database from before key checks: the key must open what is already sealed.
            if hasSensitive, try await !Self.opensExistingValues(s, cipher, sensitive) {
                throw FieldKeyError(description: "RAPPORT_SECRET_KEY_FILE holds the key \(cipher.keyID), which does not open this database's sensitive values. Start with the key they were written with.")
            }
            try await s.execute("INSERT INTO key_checks (purpose, key_id, check_value, created_at) VALUES ('field', \(cipher.keyID), \(cipher.checkValue), \(Timestamp.format(Date())))")
        }
    }

    /// Whether `cipher` opens a sample of the values already sealed for `definitions`.
    static func opensExistingValues(_ s: Session, _ cipher: FieldCipher, _ definitions: [CustomFieldDefinition]) async throws -> Bool {
        for definition in definitions {
            let rows = try await s.query("SELECT id, custom FROM \(raw: definition.recordType) WHERE custom IS NOT NULL ORDER BY seq DESC LIMIT 20")
            for row in rows {
                guard let id = row.text("id"), let custom = row.text("custom"), let o = (try? JSONValue.parse(custom))?.objectValue,
                      let value = o[definition.name], let text = value.stringValue, text.hasPrefix("enc:") else { continue }
                if cipher.open(value, type: definition.recordType, id: id, field: definition.name).isNull { return false }
            }
        }
        return true
    }
}
