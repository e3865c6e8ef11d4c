import Foundation
import RapportKit

/// Two-step secrets are stored only sealed with the field key.
///
/// Installations on PostgreSQL without a key stored them in plain text before; those
/// still open (a value without the `enc:` prefix is read as it is), and the first start
/// with a key seals them (``sealStored(db:cipher:)``), so giving Rapport a key is all an
/// operator has to do.
public enum TwoFactorSecrets {
    static func seal(_ secret: String, userID: String, _ cipher: FieldCipher) throws -> String {
        guard let sealed = try cipher.seal(.string(secret), type: "users", id: userID, field: "totp_secret").stringValue else {
            throw FieldCipherError.sealFailed
        }
        return sealed
    }

    /// Seals every two-step secret still stored in plain text; returns how many. Each
    /// update applies only if the value is still the one read, so a secret changed
    /// meanwhile is left to its own write.
    @discardableResult
    public static func sealStored(db: Database, cipher: FieldCipher) async throws -> Int {
        let plain = try await db.read { s in
            try await s.query("SELECT id, totp_secret FROM users WHERE totp_secret IS NOT NULL AND totp_secret NOT LIKE 'enc:%'")
        }
        var sealed = 0
        for row in plain {
            guard let id = row.text("id"), let secret = row.text("totp_secret") else { continue }
            let value = try seal(secret, userID: id, cipher)
            let changed = try await db.transaction { s in
                try await s.query("UPDATE users SET totp_secret = \(value) WHERE id = \(id) AND totp_secret = \(secret) RETURNING id")
            }
            sealed += changed.count
        }
        return sealed
    }
}

/// Turning on two-step verification was refused because the server has no field key.
public struct TwoFactorNeedsKey: Error, CustomStringConvertible {
    public init() {}

    public var description: String {
        "Two-step verification needs a key to seal its secrets: start Rapport with RAPPORT_SECRET_KEY_FILE naming a key file (make one with `rapport key create FILE`)."
    }
}
