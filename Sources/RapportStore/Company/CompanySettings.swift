import Foundation
import RapportKit

/// Reads and replaces the one company settings row. A write is audited with what changed;
/// a read inside a record write uses that write's session, so a quote created while an
/// admin changes the country sees one or the other, never a half.
public struct CompanySettings: Sendable {
    public let db: Database

    public init(db: Database) {
        self.db = db
    }

    public func profile() async throws -> CompanyProfile {
        try await db.read { s in try await Self.profile(s) }
    }

    /// The stored profile, empty until an admin saves one.
    public static func profile(_ s: Session) async throws -> CompanyProfile {
        guard let row = try await s.query("SELECT legal_name, country, address, tax_number, currency FROM company_settings WHERE id = 1").first else {
            return CompanyProfile()
        }
        return CompanyProfile(legalName: row.text("legal_name"), country: row.text("country"), address: row.text("address"),
                              taxNumber: row.text("tax_number"), currency: row.text("currency"))
    }

    /// The rounding a quote or order takes when its write names none: the seller's
    /// country's, read in the write's own transaction.
    static func defaultRounding(_ s: Session) async throws -> TaxRounding {
        let country = try await s.query("SELECT country FROM company_settings WHERE id = 1").first?.text("country")
        return TaxRounding.defaultFor(sellerCountry: country)
    }

    /// Replaces the profile; an unchanged save writes nothing and records nothing.
    @discardableResult
    public func replace(with profile: CompanyProfile, actor: Actor) async throws -> CompanyProfile {
        try await db.transaction { s in
            // The row exists from the first save on; creating it here, before the lock, lets
            // two first saves queue on the same row instead of one failing on its key.
            try await s.execute("INSERT INTO company_settings (id, version, updated_at) VALUES (1, 0, \(Timestamp.format(Date()))) ON CONFLICT (id) DO NOTHING")
            let lock = s.dialect == .postgres ? " FOR UPDATE" : ""
            _ = try await s.query("SELECT id FROM company_settings WHERE id = 1\(raw: lock)")
            let before = try await Self.profile(s)
            let diff = AuditLog.diff(before: before.json, after: profile.json, fields: CompanyProfile.fields)
            guard diff.count > 0 else { return before }
            let now = Timestamp.format(Date())
            try await s.execute("""
                UPDATE company_settings SET legal_name = \(profile.legalName), country = \(profile.country), address = \(profile.address),
                tax_number = \(profile.taxNumber), currency = \(profile.currency), version = version + 1, updated_at = \(now), updated_by = \(actor.userID) WHERE id = 1
                """)
            try await AuditLog.append(s, actor: actor, action: "settings.company", type: "company_settings", id: "1", changes: .object(diff), at: now)
            return profile
        }
    }
}
