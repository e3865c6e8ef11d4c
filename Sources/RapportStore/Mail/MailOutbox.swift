import Foundation
import RapportKit
import RapportMail

/// Mail Rapport sends: a message is written to `mail_messages`, with its exact bytes, in
/// the same transaction as the record write that asks for it, together with one
/// `mail.send` job (idempotency key: the message's `Message-ID`), and ``MailSendJob``
/// hands it to the relay.
///
/// ## Exactly once, and where it stops
/// - A message is never dropped: it and its job commit with the write that asked for it,
///   and a job whose instance stops is taken over when its lease runs out.
/// - Two runners never send one message at once: the job is held under a renewed lease,
///   and the message row is claimed (`send_claim`) before the relay is called, so only the
///   claim's holder records the outcome.
/// - The one window SMTP leaves open: an instance that stops after the relay's final
///   `250` and before it commits `sent` leaves the row in `sending`. The next holder of the
///   job sends it again, once, **with the same bytes and the same `Message-ID`** (written at
///   enqueue), and notes that it did in `last_error`. Rapport prefers this to losing a
///   message a user was told is on its way; receiving systems that de-duplicate by
///   `Message-ID` (Gmail, most archives) show it once, and the window is only the time of one
///   database commit.
public struct MailOutbox: Sendable {
    public let db: Database
    public let jobs: JobStore
    public let settings: MailSettingsStore
    /// How many times a transient failure (4xx, no connection, a timeout) is tried.
    public static let maxAttempts = 8
    /// The largest message the outbox writes; relays commonly accept 10 to 35 MB.
    public static let maxBytes = 10 << 20

    public init(db: Database, cipher: FieldCipher?, clock: any JobClock = SystemJobClock()) {
        self.db = db
        self.jobs = JobStore(db: db, clock: clock)
        self.settings = MailSettingsStore(db: db, cipher: cipher)
    }

    /// A message to send and the records it belongs to.
    public struct Draft: Sendable {
        public var to: [MailAddress]
        public var cc: [MailAddress]
        public var subject: String
        public var text: String
        public var html: String?
        /// `(record type, record id)` pairs whose timelines show the message.
        public var links: [(type: String, id: String)]
        /// The name shown with the relay's address; the relay's own name when nil.
        public var fromName: String?
        public var replyTo: MailAddress?
        /// The message this answers and the thread before it, so the reply threads in the
        /// recipient's mail client and its answer threads back here.
        public var inReplyTo: String?
        public var references: [String] = []
        /// Fields such as `List-Unsubscribe` or `Auto-Submitted`, ASCII only.
        public var headers: [(String, String)] = []
        public var attachments: [OutgoingMessage.Attachment] = []

        public init(to: [MailAddress], cc: [MailAddress] = [], subject: String, text: String, html: String? = nil, links: [(type: String, id: String)] = []) {
            self.to = to
            self.cc = cc
            self.subject = subject
            self.text = text
            self.html = html
            self.links = links
        }
    }

    public func enqueue(_ draft: Draft, actor: Actor) async throws -> MailRecord {
        try await db.transaction { s in try await enqueue(in: s, draft, actor: actor) }
    }

    /// Writes the message and its send job inside the caller's transaction: both exist
    /// exactly when the caller's change commits. Throws 422 naming the field for a bad
    /// recipient, subject or body, and 409 while no relay is set up.
    public func enqueue(in s: Session, _ draft: Draft, actor: Actor) async throws -> MailRecord {
        var errors: [FieldError] = []
        let recipients = draft.to + draft.cc
        if draft.to.isEmpty { errors.append(FieldError(field: "to", code: "required", message: "At least one recipient.")) }
        if recipients.count > 50 { errors.append(FieldError(field: "to", code: "too_many", message: "At most 50 recipients.")) }
        for (field, list) in [("to", draft.to), ("cc", draft.cc)] {
            for mailbox in list where !mailbox.isSendable || Email.normalize(mailbox.address) == nil {
                errors.append(FieldError(field: field, code: "invalid_email", message: "'\(mailbox.address)' is not a valid email address."))
            }
        }
        let subject = draft.subject.trimmedWhitespace
        if subject.isEmpty { errors.append(FieldError(field: "subject", code: "required", message: "A subject is required.")) }
        if subject.count > 500 { errors.append(FieldError(field: "subject", code: "too_long", message: "At most 500 characters.")) }
        if subject.unicodeScalars.contains(where: { $0.value < 32 && $0 != "\t" }) {
            errors.append(FieldError(field: "subject", code: "invalid_text", message: "A subject is one line."))
        }
        if draft.text.utf8.count > 1 << 20 { errors.append(FieldError(field: "text", code: "too_long", message: "At most 1 MB of text.")) }
        guard errors.isEmpty else { throw RecordError.invalid(errors) }
        guard let relay = try await MailSettingsStore.settings(s) else {
            throw RecordError.conflict("Mail is not set up: an admin enters the relay in Settings → Mail first.")
        }
        let now = jobs.clock.now()
        let domain = relay.fromAddress.split(separator: "@").last.map(String.init) ?? "localhost"
        let messageID = OutgoingMessage.newMessageID(domain: domain)
        let fromName = draft.fromName ?? relay.fromName
        var message = OutgoingMessage(
            from: MailAddress(name: fromName, address: relay.fromAddress), to: draft.to, cc: draft.cc, replyTo: draft.replyTo, subject: subject, text: draft.text,
            html: draft.html, messageID: messageID, date: Date(timeIntervalSince1970: Double(now) / 1000), timeZone: TimeZone(identifier: "UTC")!)
        message.inReplyTo = draft.inReplyTo
        message.references = draft.references
        message.extraHeaders = draft.headers
        message.attachments = draft.attachments
        let raw: [UInt8]
        do {
            raw = try message.rendered()
        } catch {
            throw RecordError.invalid([FieldError(field: "to", code: "invalid_message", message: "The message cannot be written: \(error).")])
        }
        guard raw.count <= Self.maxBytes else {
            throw RecordError.invalid([FieldError(field: "text", code: "too_large", message: "The message is larger than \(Self.maxBytes >> 20) MB.")])
        }
        let id = RecordID.make(millisecondsSince1970: now)
        let stamp = Timestamp.format(millisecondsSince1970: now)
        let addresses = { (list: [MailAddress]) in JSONValue.array(list.map { .string($0.address) }).serialized() }
        // Every byte the renderer writes is ASCII (RFC 2047 words, quoted-printable, base64),
        // so the raw message is stored as text on both databases.
        let rows = try await s.query("""
            INSERT INTO mail_messages (id, direction, message_id, in_reply_to, reference_ids, thread_key, from_name, from_address, to_addresses, cc_addresses, subject, text_body,
            html_body, raw, raw_size, state, attempts, created_by, created_at, updated_at)
            VALUES (\(id), 'outbound', \(messageID), \(draft.inReplyTo), \(JSONValue.array(draft.references.map(JSONValue.string)).serialized()),
            \(draft.references.first ?? messageID), \(fromName), \(relay.fromAddress), \(addresses(draft.to)), \(addresses(draft.cc)),
            \(subject), \(draft.text), \(draft.html), \(String(decoding: raw, as: UTF8.self)), \(raw.count), 'queued', 0, \(actor.userID), \(stamp), \(stamp))
            RETURNING \(raw: MailRecord.columns)
            """)
        var seen = Set<String>()
        for link in draft.links where seen.insert(link.type + "\u{0}" + link.id).inserted {
            try await s.execute("INSERT INTO mail_links (mail_id, record_type, record_id) VALUES (\(id), \(link.type), \(link.id))")
        }
        try await jobs.enqueue(in: s, JobStore.NewJob(kind: MailSendJob.kind, payload: JSONObject([("mail_id", .string(id))]),
                                                     maxAttempts: Self.maxAttempts, idempotencyKey: messageID))
        guard let row = rows.first else { throw RecordError.conflict("The message could not be queued.") }
        return MailRecord(row: row)
    }

    public func message(id: String) async throws -> MailRecord? {
        try await db.read { s in try await s.query("SELECT \(raw: MailRecord.columns) FROM mail_messages WHERE id = \(id)").first.map(MailRecord.init(row:)) }
    }

    /// The newest outbound messages first, for the settings page.
    public func recent(limit: Int = 10) async throws -> [MailRecord] {
        try await db.read { s in
            try await s.query("""
                SELECT \(raw: MailRecord.columns) FROM mail_messages WHERE direction = 'outbound' ORDER BY created_at DESC, id DESC LIMIT \(limit)
                """).map(MailRecord.init(row:))
        }
    }
}
