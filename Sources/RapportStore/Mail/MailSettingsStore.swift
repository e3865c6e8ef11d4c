import Foundation
import RapportKit

/// Reads and replaces the relay settings row. The password is sealed with the field key
/// before it reaches the database and opened only by the send job: no read here returns
/// it, and the audit entry of a save says only that it changed.
public struct MailSettingsStore: Sendable {
    public let db: Database
    let cipher: FieldCipher?

    public init(db: Database, cipher: FieldCipher?) {
        self.db = db
        self.cipher = cipher
    }

    public func settings() async throws -> MailRelaySettings? {
        try await db.read { s in try await Self.settings(s) }
    }

    static let columns = "host, port, security, username, password_sealed, from_name, from_address"

    public static func settings(_ s: Session) async throws -> MailRelaySettings? {
        guard let row = try await s.query("SELECT \(raw: columns) FROM mail_settings WHERE id = 1").first else { return nil }
        return settings(row)
    }

    static func settings(_ row: Row) -> MailRelaySettings {
        MailRelaySettings(host: row.text("host") ?? "", port: Int(row.int("port") ?? 0),
                          security: MailRelaySettings.Security(rawValue: row.text("security") ?? "") ?? .starttls,
                          username: row.text("username"), fromName: row.text("from_name"), fromAddress: row.text("from_address") ?? "",
                          hasPassword: row.text("password_sealed") != nil)
    }

    /// The settings and the opened password, for the job that connects to the relay.
    func credentials(_ s: Session) async throws -> (MailRelaySettings, String?)? {
        guard let row = try await s.query("SELECT \(raw: Self.columns) FROM mail_settings WHERE id = 1").first else { return nil }
        let password = row.text("password_sealed").flatMap { cipher?.open(.string($0), type: "mail_settings", id: "1", field: "password").stringValue }
        return (Self.settings(row), password)
    }

    /// Parses and stores a full replacement; every wrong field is named in one error and
    /// nothing is stored. A password needs the field key: without one it is refused.
    @discardableResult
    public func replace(_ body: JSONObject, actor: Actor) async throws -> MailRelaySettings {
        try await db.transaction { s in
            let lock = s.dialect == .postgres ? " FOR UPDATE" : ""
            let stored = try await s.query("SELECT \(raw: Self.columns) FROM mail_settings WHERE id = 1\(raw: lock)").first
            let before = stored.map(Self.settings)
            let (settings, change) = try MailRelaySettings.parse(body, storedPassword: before?.hasPassword ?? false).get()
            var sealed = stored?.text("password_sealed")
            switch change {
            case .keep: break
            case .clear: sealed = nil
            case .set(let password):
                guard let cipher else {
                    throw RecordError.invalid([FieldError(field: "password", code: "needs_key",
                                                          message: "Storing a relay password needs the field key: start Rapport with RAPPORT_SECRET_KEY_FILE.")])
                }
                sealed = try cipher.seal(.string(password), type: "mail_settings", id: "1", field: "password").stringValue
            }
            var diff = AuditLog.diff(before: before?.json ?? JSONObject(), after: settings.json, fields: Self.auditedFields)
            if case .set = change { diff["password"] = .object(JSONObject([("changed", .bool(true))])) }
            if case .clear = change, before?.hasPassword == true { diff["password"] = .object(JSONObject([("cleared", .bool(true))])) }
            guard diff.count > 0 else { return settings }
            let now = Timestamp.format(Date())
            if stored == nil {
                try await s.execute("""
                    INSERT INTO mail_settings (id, host, port, security, username, password_sealed, from_name, from_address, version, updated_at, updated_by)
                    VALUES (1, \(settings.host), \(settings.port), \(settings.security.rawValue), \(settings.username), \(sealed), \(settings.fromName),
                    \(settings.fromAddress), 1, \(now), \(actor.userID))
                    """)
            } else {
                try await s.execute("""
                    UPDATE mail_settings SET host = \(settings.host), port = \(settings.port), security = \(settings.security.rawValue),
                    username = \(settings.username), password_sealed = \(sealed), from_name = \(settings.fromName), from_address = \(settings.fromAddress),
                    version = version + 1, updated_at = \(now), updated_by = \(actor.userID) WHERE id = 1
                    """)
            }
            try await AuditLog.append(s, actor: actor, action: "settings.mail", type: "mail_settings", id: "1", changes: .object(diff), at: now)
            return settings
        }
    }

    /// The audited fields: everything shown back, never the password itself.
    static let auditedFields: [FieldSpec] = [
        FieldSpec("host", .text(maxLength: 253)), FieldSpec("port", .number), FieldSpec("security", .text(maxLength: 20)),
        FieldSpec("username", .text(maxLength: 200)), FieldSpec("has_password", .boolean), FieldSpec("from_name", .text(maxLength: 200)),
        FieldSpec("from_address", .text(maxLength: 254)),
    ]
}
