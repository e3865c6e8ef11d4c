import Foundation
import Logging
import NIOSSL
import RapportKit
import RapportMail

/// A mailbox as its group's settings show it: the settings, and how reading it went.
public struct TeamMailbox: Sendable, Equatable {
    public var teamID: String
    public var settings: MailboxSettings
    public var lastCheckedAt: String?
    public var lastError: String?
    /// Messages taken from it so far.
    public var taken: Int

    public var json: JSONObject {
        var out = settings.json
        out["last_checked_at"] = lastCheckedAt.map(JSONValue.string) ?? .null
        out["last_error"] = lastError.map(JSONValue.string) ?? .null
        out["taken"] = .number(String(taken))
        return out
    }
}

/// Groups' IMAP mailboxes: their settings (admins; audited without the password) and the
/// job that reads them.
public struct TeamMailboxes: Sendable {
    let store: RecordStore
    var db: Database { store.db }

    public init(store: RecordStore) { self.store = store }

    static let columns = "team_id, host, port, security, username, password_sealed, folder, enabled, last_checked_at, last_error, taken"

    static func mailbox(_ r: Row) -> TeamMailbox? {
        guard let team = r.text("team_id"), let host = r.text("host"), let username = r.text("username") else { return nil }
        let settings = MailboxSettings(host: host, port: Int(r.int("port") ?? 0), security: MailRelaySettings.Security(rawValue: r.text("security") ?? "") ?? .tls,
                                       username: username, folder: r.text("folder") ?? "INBOX", enabled: (r.int("enabled") ?? 0) != 0,
                                       hasPassword: r.text("password_sealed") != nil)
        return TeamMailbox(teamID: team, settings: settings, lastCheckedAt: r.text("last_checked_at"), lastError: r.text("last_error"), taken: Int(r.int("taken") ?? 0))
    }

    public func mailbox(team: String) async throws -> TeamMailbox? {
        try await db.read { s in try await s.query("SELECT \(raw: Self.columns) FROM team_mailboxes WHERE team_id = \(team)").first.flatMap(Self.mailbox) }
    }

    public func all() async throws -> [TeamMailbox] {
        try await db.read { s in try await s.query("SELECT \(raw: Self.columns) FROM team_mailboxes ORDER BY team_id").compactMap(Self.mailbox) }
    }

    /// Admins only. Every wrong field is named in one 422 and nothing is stored; another
    /// server, account or folder starts reading from its first message again (the intake
    /// keeps what was taken before from coming in twice).
    @discardableResult
    public func replace(team: String, _ body: JSONObject, actor: Actor) async throws -> TeamMailbox {
        if let viewer = actor.viewer, !viewer.role.isAdmin { throw RecordError.forbidden("Only admins connect mailboxes.") }
        return try await db.transaction { s in
            guard try await !s.query("SELECT id FROM teams WHERE id = \(team)").isEmpty else { throw RecordError.notFound(type: "teams", id: team) }
            let lock = s.dialect == .postgres ? " FOR UPDATE" : ""
            let stored = try await s.query("SELECT \(raw: Self.columns) FROM team_mailboxes WHERE team_id = \(team)\(raw: lock)").first
            let before = stored.flatMap(Self.mailbox)
            let (settings, change) = try MailboxSettings.parse(body, storedPassword: before?.settings.hasPassword ?? false).get()
            var sealed = stored?.text("password_sealed")
            switch change {
            case .keep: break
            case .clear: sealed = nil
            case .set(let password):
                guard let cipher = store.cipher else {
                    throw RecordError.invalid([FieldError(field: "password", code: "needs_key",
                                                          message: "Storing a mailbox password needs the field key: start Rapport with RAPPORT_SECRET_KEY_FILE.")])
                }
                sealed = try cipher.seal(.string(password), type: "team_mailboxes", id: team, field: "password").stringValue
            }
            var diff = AuditLog.diff(before: before?.settings.json ?? JSONObject(), after: settings.json, fields: MailboxSettings.fieldNames.filter { $0 != "password" }.map { FieldSpec($0, .text(maxLength: 300)) })
            if case .set = change { diff["password"] = .object(JSONObject([("changed", .bool(true))])) }
            guard diff.count > 0 else { return before ?? TeamMailbox(teamID: team, settings: settings, taken: 0) }
            let now = Timestamp.format(Date())
            let restart = before.map { !$0.settings.readsSameMailbox(as: settings) } ?? true
            try await s.execute("""
                INSERT INTO team_mailboxes (team_id, host, port, security, username, password_sealed, folder, enabled, updated_at)
                VALUES (\(team), \(settings.host), \(settings.port), \(settings.security.rawValue), \(settings.username), \(sealed), \(settings.folder),
                \(settings.enabled ? 1 : 0), \(now))
                ON CONFLICT (team_id) DO UPDATE SET host = excluded.host, port = excluded.port, security = excluded.security, username = excluded.username,
                password_sealed = excluded.password_sealed, folder = excluded.folder, enabled = excluded.enabled, updated_at = excluded.updated_at,
                last_error = NULL
                """)
            if restart { try await s.execute("UPDATE team_mailboxes SET uid_validity = NULL, last_uid = 0 WHERE team_id = \(team)") }
            try await AuditLog.append(s, actor: actor, action: "team.mailbox", type: "teams", id: team, changes: .object(diff), at: now)
            return try await s.query("SELECT \(raw: Self.columns) FROM team_mailboxes WHERE team_id = \(team)").first.flatMap(Self.mailbox)
                ?? TeamMailbox(teamID: team, settings: settings, taken: 0)
        }
    }

    /// Admins only; audited. Mail already taken stays.
    public func remove(team: String, actor: Actor) async throws {
        if let viewer = actor.viewer, !viewer.role.isAdmin { throw RecordError.forbidden("Only admins connect mailboxes.") }
        try await db.transaction { s in
            let removed = try await s.query("DELETE FROM team_mailboxes WHERE team_id = \(team) RETURNING team_id")
            guard !removed.isEmpty else { throw RecordError.notFound(type: "team_mailboxes", id: team) }
            try await AuditLog.append(s, actor: actor, action: "team.mailbox", type: "teams", id: team,
                                      changes: .object(JSONObject([("removed", .bool(true))])), at: Timestamp.format(Date()))
        }
    }

    // MARK: Reading

    /// Reads every enabled mailbox once: new messages in UID order through the intake, the
    /// mark moved after each one, so a stop between two messages loses and repeats nothing
    /// (a repeat is a duplicate to the intake). A mailbox that fails keeps its mark and
    /// says why on its group's settings; the others are read all the same.
    /// `heartbeat` runs after each message: the job renews its lease there, and stops
    /// (by throwing) once another instance has taken the job over.
    func readAll(intake: TicketMailIntake, trustRoots: [NIOSSLCertificate], logger: Logger, now: Date, batches: Int = 4,
                 heartbeat: () async throws -> Void = {}) async throws {
        let rows = try await db.read { s in
            try await s.query("""
                SELECT m.team_id, m.host, m.port, m.security, m.username, m.password_sealed, m.folder, m.uid_validity, m.last_uid, t.support_address
                FROM team_mailboxes m JOIN teams t ON t.id = m.team_id WHERE m.enabled = 1 ORDER BY m.team_id
                """)
        }
        for r in rows {
            guard let team = r.text("team_id"), let host = r.text("host"), let username = r.text("username") else { continue }
            let password = r.text("password_sealed").flatMap { store.cipher?.open(.string($0), type: "team_mailboxes", id: team, field: "password").stringValue } ?? ""
            let security: SMTPConfiguration.Security = switch MailRelaySettings.Security(rawValue: r.text("security") ?? "") ?? .tls {
            case .starttls: .startTLS
            case .tls: .implicitTLS
            case .none: .none
            }
            let client = IMAPClient(configuration: IMAPConfiguration(host: host, port: Int(r.int("port") ?? 993), security: security, username: username,
                                                                     password: password, folder: r.text("folder") ?? "INBOX", additionalTrustRoots: trustRoots))
            var validity = r.int("uid_validity").map { UInt32(truncatingIfNeeded: $0) }
            var last = UInt32(truncatingIfNeeded: r.int("last_uid") ?? 0)
            let delivered = r.text("support_address").map { Array("Delivered-To: \($0)\r\n".utf8) } ?? []
            var error: String?
            do {
                for _ in 0..<batches {
                    let batch = try await client.fetch(after: last, uidValidity: validity, maxBytes: TicketMailIntake.maxBytes)
                    if validity != batch.uidValidity { last = 0 }
                    validity = batch.uidValidity
                    for message in batch.messages {
                        if !message.bytes.isEmpty { _ = try await intake.receive(delivered + message.bytes) }
                        last = message.uid
                        try await mark(team: team, validity: validity, last: last, took: message.bytes.isEmpty ? 0 : 1)
                        try await heartbeat()
                    }
                    if batch.messages.isEmpty { try await mark(team: team, validity: validity, last: last, took: 0) }
                    if !batch.more { break }
                }
            } catch let e as IMAPError {
                error = e.description
            }
            let at = Timestamp.format(now)
            try await db.transaction { s in
                try await s.execute("UPDATE team_mailboxes SET last_checked_at = \(at), last_error = \(error.map { String($0.prefix(300)) }) WHERE team_id = \(team)")
            }
            if let error { logger.warning("A mailbox could not be read", metadata: ["team": "\(team)", "error": "\(error)"]) }
        }
    }

    /// Moves the mark; never back within one `UIDVALIDITY`, so a run that lost its lease
    /// and finishes late cannot undo a newer one's progress.
    private func mark(team: String, validity: UInt32?, last: UInt32, took: Int) async throws {
        try await db.transaction { s in
            try await s.execute("""
                UPDATE team_mailboxes SET last_uid = CASE WHEN uid_validity = \(validity.map { Int64($0) }) AND last_uid > \(Int64(last)) THEN last_uid ELSE \(Int64(last)) END,
                uid_validity = \(validity.map { Int64($0) }), taken = taken + \(took) WHERE team_id = \(team)
                """)
        }
    }
}

/// Every minute: reads the groups' mailboxes (``TeamMailboxes``). One instance at a time
/// holds the job's lease, so two instances never read one mailbox at once.
public struct MailboxFetchJob: JobHandler {
    public static let kind = "mail.fetch"
    let store: RecordStore
    let blobs: BlobStore?
    let trustRoots: [NIOSSLCertificate]

    public init(store: RecordStore, blobs: BlobStore?, trustRootFiles: [String] = []) throws {
        self.store = store
        self.blobs = blobs
        trustRoots = try trustRootFiles.flatMap { try NIOSSLCertificate.fromPEMFile($0) }
    }

    public func run(_ job: JobContext) async throws {
        let intake = TicketMailIntake(store: store, blobs: blobs)
        var taken = 0
        try await TeamMailboxes(store: store).readAll(intake: intake, trustRoots: trustRoots, logger: job.logger,
                                                      now: Date(timeIntervalSince1970: Double(job.now) / 1000)) {
            taken += 1
            try await job.progress(taken)
        }
    }
}
