import Foundation
import RapportKit
import RapportMail

/// A requester signed in to the portal: the person, the language they read in, and whether
/// their organization shares its tickets among its people.
public struct PortalSession: Sendable {
    public var idHash: String
    public var personID: String
    public var name: String
    public var language: String?
    /// The person's time zone (IANA), for the times a page shows.
    public var timeZone: String?
    public var organizationID: String?
    public var organizationShares: Bool
    public var csrfToken: String
}

/// One ticket as the portal lists it.
public struct PortalTicket: Sendable {
    public var id: String
    public var number: String
    public var subject: String
    public var status: TicketStatus
    public var createdAt: String
    public var updatedAt: String
    /// False for a colleague's ticket shown because the organization shares them.
    public var mine: Bool
    public var requesterName: String?
}

/// One public message of a ticket as the requester reads it.
public struct PortalMessage: Sendable {
    public var id: String
    public var fromRequester: Bool
    /// The requester's or the agent's name; nil when neither is known any more.
    public var author: String?
    public var body: String
    public var createdAt: String
    /// The message's files (a screenshot sent by mail, an agent's attachment).
    public var files: [Attachment] = []
}

/// The requester portal: people without an account sign in with a one-time link sent to an
/// address Rapport knows, then read and answer their own tickets (and their colleagues',
/// when their organization allows it) and open new ones.
///
/// - **No second access system.** Every ticket and message is written through the record
///   engine, so the rules of mail and the web form hold: a reply reopens a solved ticket
///   and turns a closed one into a linked follow-up, clocks and assignment run as usual.
///   Reads are narrow queries that apply ``PortalAccess`` and return public replies only;
///   an agent's internal note, the assignee, tags and custom fields never reach the portal.
/// - **Secrets.** Links and sessions are random 32-byte secrets of which only SHA-256
///   digests are stored; a link works once, for ``linkLifetime``, and is spent by one
///   conditional update, so two clicks cannot both sign in. The link's mail goes to the
///   address alone and appears on no timeline, so nobody reading the person's record can
///   use it.
/// - **Nothing to learn by asking.** Asking for a link answers the same whether or not the
///   address is known.
public struct RequesterPortal: Sendable {
    public static let linkLifetime: TimeInterval = 30 * 60
    public static let sessionLifetime: TimeInterval = 7 * 24 * 3600

    public enum LinkRequest: Sendable, Equatable {
        /// Sent if the address belongs to someone; the caller says the same either way.
        case accepted
        /// No relay or no public address is set up: no link can reach anyone.
        case notSetUp
    }

    let store: RecordStore
    let now: @Sendable () -> Date

    public init(store: RecordStore, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.now = now
    }

    // MARK: Signing in

    /// Queues a sign-in link to `email` when a live person has that address.
    public func requestLink(email: String) async throws -> LinkRequest {
        guard let address = Email.normalize(email.trimmedWhitespace) else { return .accepted }
        let at = now()
        return try await store.db.transaction { s in
            guard let relay = try await MailSettingsStore.settings(s),
                  let base = try await SatisfactionSurveys.settings(s).publicURL else { return .notSetUp }
            guard let person = try await person(s, address: address) else { return .accepted }
            let secret = SessionStore.random(32)
            try await s.execute("""
                INSERT INTO portal_links (token_hash, person_id, created_at, expires_at)
                VALUES (\(SessionStore.digest(secret)), \(person.id), \(Timestamp.format(at)), \(Timestamp.format(at.addingTimeInterval(Self.linkLifetime))))
                """)
            let company = try await s.query("SELECT legal_name FROM company_settings WHERE id = 1").first?.text("legal_name") ?? relay.fromName ?? "Rapport"
            let mail = PortalLinkMail(language: person.language ?? "en", link: "\(base)/portal/link/\(secret)", minutes: Int(Self.linkLifetime / 60), organizationName: company)
            var draft = MailOutbox.Draft(to: [MailAddress(name: person.name, address: address)], subject: mail.subject, text: mail.text)
            draft.fromName = company
            _ = try await MailOutbox(db: store.db, cipher: nil).enqueue(in: s, draft, actor: .system)
            return .accepted
        }
    }

    /// Whether `secret` is a live, unspent link (the page that asks to confirm the sign-in
    /// reads it; only the confirmation spends it, so a mail scanner's visit does not).
    public func linkIsLive(_ secret: String) async throws -> Bool {
        guard Self.wellFormed(secret) else { return false }
        let stamp = Timestamp.format(now())
        return try await store.db.read { s in
            try await !s.query("""
                SELECT l.person_id FROM portal_links l JOIN people p ON p.id = l.person_id AND p.deleted_at IS NULL
                WHERE l.token_hash = \(SessionStore.digest(secret)) AND l.used_at IS NULL AND l.expires_at > \(stamp)
                """).isEmpty
        }
    }

    /// Spends the link and opens a session; nil when the link is not live. Returns the
    /// cookie's secret.
    public func signIn(link secret: String, address: String?) async throws -> (cookie: String, session: PortalSession)? {
        guard Self.wellFormed(secret) else { return nil }
        let at = now(), stamp = Timestamp.format(at)
        let cookie = SessionStore.random(32)
        let spent = try await store.db.transaction { s -> Bool in
            guard let person = try await s.query("""
                UPDATE portal_links SET used_at = \(stamp) WHERE token_hash = \(SessionStore.digest(secret)) AND used_at IS NULL AND expires_at > \(stamp)
                RETURNING person_id
                """).first?.text("person_id") else { return false }
            try await s.execute("""
                INSERT INTO portal_sessions (id_hash, person_id, csrf_token, created_at, expires_at, address)
                VALUES (\(SessionStore.digest(cookie)), \(person), \(SessionStore.random(32)), \(stamp), \(Timestamp.format(at.addingTimeInterval(Self.sessionLifetime))), \(address))
                """)
            return true
        }
        guard spent, let session = try await session(cookie) else { return nil }
        return (cookie, session)
    }

    /// The live session behind a cookie, for a person still on file.
    public func session(_ cookie: String) async throws -> PortalSession? {
        guard Self.wellFormed(cookie) else { return nil }
        let stamp = Timestamp.format(now())
        guard let row = try await store.db.read({ s in
            try await s.query("""
                SELECT s.id_hash, s.csrf_token, p.id, p.display_name, p.language, p.time_zone, p.organization_id, o.portal_shares_tickets
                FROM portal_sessions s JOIN people p ON p.id = s.person_id AND p.deleted_at IS NULL
                LEFT JOIN organizations o ON o.id = p.organization_id AND o.deleted_at IS NULL
                WHERE s.id_hash = \(SessionStore.digest(cookie)) AND s.expires_at > \(stamp)
                """).first
        }), let hash = row.text("id_hash"), let person = row.text("id"), let csrf = row.text("csrf_token") else { return nil }
        return PortalSession(idHash: hash, personID: person, name: row.text("display_name") ?? "", language: row.text("language"),
                             timeZone: row.text("time_zone"), organizationID: row.text("organization_id"), organizationShares: (row.int("portal_shares_tickets") ?? 0) != 0, csrfToken: csrf)
    }

    public func signOut(_ session: PortalSession) async throws {
        try await store.db.transaction { s in try await s.execute("DELETE FROM portal_sessions WHERE id_hash = \(session.idHash)") }
    }

    // MARK: Reading

    /// The tickets the requester may see, most recently changed first.
    public func tickets(_ session: PortalSession, limit: Int = 200) async throws -> [PortalTicket] {
        let rows = try await store.db.read { s in
            try await s.query("""
                SELECT t.id, t.number, t.subject, t.status, t.created_at, t.updated_at, t.requester_id, p.display_name AS requester_name
                FROM tickets t LEFT JOIN people p ON p.id = t.requester_id
                WHERE t.deleted_at IS NULL AND \(visible(session)) ORDER BY t.updated_at DESC, t.id LIMIT \(max(1, min(limit, 500)))
                """)
        }
        return rows.compactMap { ticket($0, session) }
    }

    /// One ticket and its public messages, oldest first; nil when the requester may not
    /// see it (or it does not exist: the two are not told apart).
    public func conversation(_ ticketID: String, _ session: PortalSession) async throws -> (ticket: PortalTicket, messages: [PortalMessage])? {
        guard RecordID.isValid(ticketID) else { return nil }
        return try await store.db.read { s in
            guard let row = try await s.query("""
                SELECT t.id, t.number, t.subject, t.status, t.created_at, t.updated_at, t.requester_id, p.display_name AS requester_name
                FROM tickets t LEFT JOIN people p ON p.id = t.requester_id
                WHERE t.id = \(ticketID) AND t.deleted_at IS NULL AND \(visible(session))
                """).first, let ticket = ticket(row, session) else { return nil }
            let rows = try await s.query("""
                SELECT m.id, m.body, m.created_at, m.author_person_id, p.display_name AS person_name, u.name AS agent_name
                FROM ticket_messages m LEFT JOIN people p ON p.id = m.author_person_id AND p.deleted_at IS NULL
                LEFT JOIN users u ON u.id = m.created_by
                WHERE m.ticket_id = \(ticketID) AND m.deleted_at IS NULL AND m.kind = \(TicketMessages.Kind.publicReply.rawValue)
                ORDER BY m.created_at, m.seq LIMIT 1000
                """)
            let ids = rows.compactMap { $0.text("id") }
            let files = Dictionary(grouping: try await AttachmentStore.live(s, type: TicketMessages.type.name, ids: ids), by: \.recordID)
            let messages = rows.compactMap { r -> PortalMessage? in
                guard let id = r.text("id"), let at = r.text("created_at") else { return nil }
                let fromRequester = r.text("author_person_id") != nil
                return PortalMessage(id: id, fromRequester: fromRequester, author: fromRequester ? r.text("person_name") : r.text("agent_name"),
                                     body: r.text("body") ?? "", createdAt: at, files: files[id] ?? [])
            }
            return (ticket, messages)
        }
    }

    /// A file of a public message on a ticket the requester may see; nil for anything
    /// else (a note's file, another requester's, a removed one: not told apart).
    public func file(_ attachmentID: String, _ session: PortalSession) async throws -> Attachment? {
        guard RecordID.isValid(attachmentID) else { return nil }
        return try await store.db.read { s in
            try await s.query("""
                SELECT \(raw: Attachment.columns(of: "a")) FROM attachments a
                JOIN ticket_messages m ON m.id = a.record_id AND m.deleted_at IS NULL AND m.kind = \(TicketMessages.Kind.publicReply.rawValue)
                JOIN tickets t ON t.id = m.ticket_id AND t.deleted_at IS NULL
                WHERE a.id = \(attachmentID) AND a.record_type = \(TicketMessages.type.name) AND a.deleted_at IS NULL AND \(visible(session))
                """).first.map(Attachment.init(row:))
        }
    }

    /// The groups a new request may be sent to: those that face customers.
    public func groups() async throws -> [WebFormIntake.Group] {
        try await store.db.read { s in
            try await s.query("SELECT id, name, support_address FROM teams WHERE support_address IS NOT NULL ORDER BY name, id").compactMap { r in
                guard let id = r.text("id"), let name = r.text("name"), let address = r.text("support_address") else { return nil }
                return WebFormIntake.Group(id: id, name: name, supportAddress: address)
            }
        }
    }

    // MARK: Writing

    /// Opens a `portal` ticket with its first message (in `groupID`, else the only group
    /// that faces customers); returns the ticket's id. Wrong
    /// fields are one `RecordError.invalid` and nothing is written.
    public func open(subject: String, body: String, groupID: String?, _ session: PortalSession, address: String?,
                     files: [PendingFile] = [], blobs: BlobStore? = nil) async throws -> String {
        let pending = try blobs.map { try TicketMessageFiles.checked(files, blobs: $0) }
        var errors = RequestText.errors(subject: subject, body: body)
        let groups = try await groups()
        if let groupID, !groups.contains(where: { $0.id == groupID }) {
            errors.append(FieldError(field: "group_id", code: "invalid_choice", message: "Choose one of the teams listed."))
        }
        guard errors.isEmpty else { throw RecordError.invalid(errors) }
        // With one group facing customers there is nothing to choose: it is theirs.
        let groupID = groupID ?? (groups.count == 1 ? groups[0].id : nil)
        let actor = Actor(userID: nil, address: address)
        return try await store.db.transaction { s in
            let tickets = try await store.type(named: Tickets.type.name, in: s)
            let messages = try await store.type(named: TicketMessages.type.name, in: s)
            var changes = JSONObject([
                ("subject", .string(subject.trimmedWhitespace)), ("requester_id", .string(session.personID)), ("channel", .string("portal")),
            ])
            if let groupID { changes["group_id"] = .string(groupID) }
            let ticket = try await store.create(in: s, tickets, changes: changes, actor: actor)
            if let pending { s.marks?.remember(TicketMessageFiles.memo, pending) }
            _ = try await store.create(in: s, messages, changes: JSONObject([
                ("ticket_id", .string(ticket.id)), ("kind", .string(TicketMessages.Kind.publicReply.rawValue)),
                ("author_person_id", .string(session.personID)), ("body", .string(body.trimmedWhitespace)),
            ]), actor: actor)
            return ticket.id
        }
    }

    /// Adds the requester's reply; returns the ticket it landed on (a follow-up when the
    /// ticket was closed), or nil when the requester may not see the ticket.
    public func reply(to ticketID: String, body: String, _ session: PortalSession, address: String?,
                      files: [PendingFile] = [], blobs: BlobStore? = nil) async throws -> String? {
        let pending = try blobs.map { try TicketMessageFiles.checked(files, blobs: $0) }
        let errors = RequestText.errors(subject: nil, body: body)
        guard errors.isEmpty else { throw RecordError.invalid(errors) }
        guard RecordID.isValid(ticketID), try await store.db.read({ s in
            try await !s.query("SELECT t.id FROM tickets t WHERE t.id = \(ticketID) AND t.deleted_at IS NULL AND \(visible(session))").isEmpty
        }) else { return nil }
        let actor = Actor(userID: nil, address: address)
        return try await store.db.transaction { s in
            let messages = try await store.type(named: TicketMessages.type.name, in: s)
            if let pending { s.marks?.remember(TicketMessageFiles.memo, pending) }
            let saved = try await store.create(in: s, messages, changes: JSONObject([
                ("ticket_id", .string(ticketID)), ("kind", .string(TicketMessages.Kind.publicReply.rawValue)),
                ("author_person_id", .string(session.personID)), ("body", .string(body.trimmedWhitespace)),
            ]), actor: actor)
            return saved.fields["ticket_id"]?.stringValue ?? ticketID
        }
    }

    // MARK: Pieces

    /// ``PortalAccess/canSee`` as a condition on `tickets t`.
    private func visible(_ session: PortalSession) -> SQL {
        if session.organizationShares, let org = session.organizationID {
            return "(t.requester_id = \(session.personID) OR t.organization_id = \(org))"
        }
        return "t.requester_id = \(session.personID)"
    }

    private func ticket(_ r: Row, _ session: PortalSession) -> PortalTicket? {
        guard let id = r.text("id"), let status = r.text("status").flatMap(TicketStatus.init(rawValue:)) else { return nil }
        return PortalTicket(id: id, number: r.text("number") ?? "", subject: r.text("subject") ?? "", status: status,
                            createdAt: r.text("created_at") ?? "", updatedAt: r.text("updated_at") ?? "",
                            mine: r.text("requester_id") == session.personID, requesterName: r.text("requester_name"))
    }

    private func person(_ s: Session, address: String) async throws -> (id: String, name: String?, language: String?)? {
        let people = try await store.type(named: People.type.name, in: s)
        guard let key = people.uniqueKeyValues(JSONObject([("emails", .array([.object(JSONObject([("address", .string(address))]))]))])).first,
              let row = try await s.query("""
                SELECT p.id, p.display_name, p.language FROM record_keys k JOIN people p ON p.id = k.record_id AND p.deleted_at IS NULL
                WHERE k.record_type = 'people' AND k.key = \(key)
                """).first, let id = row.text("id") else { return nil }
        return (id, row.text("display_name"), row.text("language"))
    }

    static func wellFormed(_ secret: String) -> Bool { secret.utf8.count == 64 && Hex.decode(secret) != nil }
}
