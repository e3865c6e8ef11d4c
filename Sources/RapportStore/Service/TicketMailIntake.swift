import Crypto
import Foundation
import RapportKit
import RapportMail

/// Mail into the service desk: one received message becomes a ticket, a message on the
/// ticket it answers, or nothing (an auto-reply, a bounce, a newsletter, a loop), and the
/// raw bytes are kept whatever happens. The MTA's pipe (`rapport mail ingest`) and every
/// later way in (LMTP, IMAP, the API) end here, so they all hold to the same rules.
///
/// - **Exactly once.** The message's row is written first with its `Message-ID` as a unique
///   key; a second delivery of the same message (an MTA retrying after a timeout, two
///   instances fetching one mailbox) finds it and changes nothing. A message without an id is
///   keyed by its checksum.
/// - **Threading.** A reply finds its ticket by the ids in `In-Reply-To` and `References`
///   (every message Rapport sent or received for a ticket is recorded), then by the
///   `[#T-2026-000123]` token in the subject, which counts only when the requester wrote it,
///   so knowing a ticket's number does not let a stranger write into it.
/// - **The same checks as the API.** People, tickets and messages are created through the
///   record engine, so a requester's reply reopens a solved ticket and opens a follow-up of a
///   closed one exactly as it does through the API.
public struct TicketMailIntake: Sendable {
    /// Larger messages are refused so the MTA returns them to their sender.
    public static let maxBytes = 25 << 20
    /// Text kept in a ticket message; the raw message keeps the rest.
    static let maxBodyCharacters = 60_000

    public enum Outcome: Sendable, Equatable {
        /// A new ticket, with the message as its first.
        case opened(ticketID: String, messageID: String)
        /// A message on an existing ticket (or the follow-up its closed ticket opened).
        case threaded(ticketID: String, messageID: String)
        /// The same message was received before.
        case duplicate
        /// Kept, but no ticket: an auto-reply, bulk mail, a delivery report, a loop, no sender.
        case ignored(reason: String)
        /// Refused before anything was written (too large).
        case refused(reason: String)
        /// Kept for review: an unknown sender to a group that reviews them.
        case held(mailID: String)
    }

    let store: RecordStore
    let now: @Sendable () -> Date
    /// Where the files of received mail go; nil keeps them only in the raw message.
    let blobs: BlobStore?

    public init(store: RecordStore, blobs: BlobStore? = nil, now: @escaping @Sendable () -> Date = Date.init) {
        self.store = store
        self.blobs = blobs
        self.now = now
    }

    public func receive(_ raw: [UInt8]) async throws -> Outcome {
        guard raw.count <= Self.maxBytes else { return .refused(reason: "too_large") }
        guard !raw.isEmpty else { return .refused(reason: "empty") }
        let message = MailMessage(parsing: raw)
        let checksum = Hex.encode(SHA256.hash(data: raw))
        // Two messages from one new sender at once on PostgreSQL: the second person insert
        // loses the unique-key race; taken again, it finds the person the first one made.
        var attempt = 0
        while true {
            do {
                return try await store.db.transaction { s in try await receive(s, message, raw: raw, checksum: checksum) }
            } catch RecordError.duplicate where attempt < 3 {
                attempt += 1
            }
        }
    }

    private func receive(_ s: Session, _ message: MailMessage, raw: [UInt8], checksum: String) async throws -> Outcome {
        let stamp = Timestamp.format(now())
        let messageID = message.messageID ?? "\(checksum)@sha256.rapport.invalid"
        let ours = try await OurAddresses.read(s)
        let groups = ours.groups
        let sender = message.from.first
        let reason: String? = switch AutomaticMail.classify(message) {
        case .autoReply: "auto_reply"
        case .bulk: "bulk"
        case .deliveryReport: "delivery_report"
        case .personal:
            if sender == nil || Email.normalize(sender!.address) == nil { "no_sender" }
            // Our own address as the sender is a loop: a reply of ours that came back.
            else if ours.isOurs(sender!) { "loop" }
            else { nil }
        }
        let id = RecordID.make(millisecondsSince1970: Int64(now().timeIntervalSince1970 * 1000))
        let addresses = { (list: [MailAddress]) in JSONValue.array(list.map { .string($0.address) }).serialized() }
        let text = Self.body(message)
        let inserted = try await s.query("""
            INSERT INTO mail_messages (id, direction, message_id, in_reply_to, reference_ids, thread_key, from_name, from_address, to_addresses, cc_addresses,
            subject, text_body, raw, raw_size, raw_sha256, state, attempts, created_at, updated_at)
            VALUES (\(id), 'inbound', \(messageID), \(message.inReplyTo.first), \(JSONValue.array(message.references.map(JSONValue.string)).serialized()),
            \(message.references.first ?? message.inReplyTo.first ?? messageID), \(sender?.name), \(sender?.address ?? ""), \(addresses(message.to)),
            \(addresses(message.cc)), \(message.subject), \(text), \(String(decoding: Base64.encode(raw, lineLength: 0), as: UTF8.self)), \(raw.count),
            \(checksum), \(reason == nil ? "received" : "ignored"), 0, \(stamp), \(stamp))
            ON CONFLICT (message_id, direction) DO NOTHING RETURNING id
            """)
        guard !inserted.isEmpty else { return .duplicate }
        if let reason {
            try await s.execute("UPDATE mail_messages SET last_error = \(reason) WHERE id = \(id)")
            if reason == "delivery_report", let report = DeliveryReport(message) { try await Self.recordBounces(s, report, at: stamp) }
            return .ignored(reason: reason)
        }
        guard let sender else { return .ignored(reason: "no_sender") }
        let group = (message.to + message.cc + Self.deliveredTo(message)).lazy.compactMap { groups[$0.normalized] }.first
        return try await take(s, message, mailID: id, sender: sender, group: group, text: text, parties: (message.to + message.cc).filter { !ours.isOurs($0) },
                              holdingUnknown: true)
    }

    /// The personal path: the message on the ticket it answers, or a new ticket in
    /// `group`. A sender no person has, writing something that answers no ticket, to a
    /// group that reviews unknown senders, is held instead (nothing else is made).
    ///
    /// `parties` are the message's other addresses that are not ours (a support address,
    /// the relay's): the message also lands on their people's timelines.
    private func take(_ s: Session, _ message: MailMessage, mailID id: String, sender: MailAddress, group: String?, text: String,
                      parties: [MailAddress], holdingUnknown: Bool) async throws -> Outcome {
        // The sender and everyone else on the message, in one lookup.
        let found = try await Requesters.ids(store, s, addresses: [sender.address] + parties.map(\.address))
        let people = try await store.type(named: People.type.name, in: s)
        let known = try await found[Requesters.key(people, sender.address) ?? ""].asyncMap { try await store.load(s, people, id: $0, forUpdate: false) }
        let others = parties.compactMap { Requesters.key(people, $0.address).flatMap { found[$0] } }
        let keys = ThreadKeys(message)
        var ticketID = try await Self.ticket(s, answering: keys.parents)
        if ticketID == nil, let known, let token = keys.subjectToken {
            ticketID = try await s.query("""
                SELECT id FROM tickets WHERE number = \(token) AND requester_id = \(known.id) AND deleted_at IS NULL
                """).first?.text("id")
        }
        if holdingUnknown, ticketID == nil, known == nil, let group,
           try await s.query("SELECT unknown_senders FROM teams WHERE id = \(group)").first?.text("unknown_senders") == "review" {
            try await s.execute("UPDATE mail_messages SET state = 'held', last_error = 'unknown_sender', held_team_id = \(group) WHERE id = \(id)")
            return .held(mailID: id)
        }
        let person: StoredRecord
        if let known { person = known } else { person = try await requester(s, sender) }
        let messages = try await store.type(named: TicketMessages.type.name, in: s)
        let body = JSONValue.string(text.isEmpty ? "—" : text)
        if let ticketID {
            let saved = try await store.create(in: s, messages, changes: JSONObject([
                ("ticket_id", .string(ticketID)), ("kind", .string(TicketMessages.Kind.publicReply.rawValue)),
                ("author_person_id", .string(person.id)), ("body", body),
            ]), actor: .system)
            // The rules may have moved it to a follow-up of a closed ticket.
            let landed = saved.fields["ticket_id"]?.stringValue ?? ticketID
            try await link(s, mail: id, message: saved.id, people: [person.id] + others)
            try await attach(s, message, to: saved.id)
            return .threaded(ticketID: landed, messageID: saved.id)
        }
        let tickets = try await store.type(named: Tickets.type.name, in: s)
        let topic = keys.topic
        var changes = JSONObject([
            ("subject", .string(topic.isEmpty ? "(no subject)" : String(topic.prefix(300)))), ("requester_id", .string(person.id)),
            ("channel", .string("email")),
        ])
        if let group { changes["group_id"] = .string(group) }
        let ticket = try await store.create(in: s, tickets, changes: changes, actor: .system)
        let saved = try await store.create(in: s, messages, changes: JSONObject([
            ("ticket_id", .string(ticket.id)), ("kind", .string(TicketMessages.Kind.publicReply.rawValue)),
            ("author_person_id", .string(person.id)), ("body", body),
        ]), actor: .system)
        try await link(s, mail: id, message: saved.id, people: [person.id] + others)
        try await attach(s, message, to: saved.id)
        return .opened(ticketID: ticket.id, messageID: saved.id)
    }

    // MARK: Held mail

    /// Takes a held message in as if its group let unknown senders in: the person, the
    /// ticket and the message are made as they would have been; the mail stays the one row.
    /// nil when there is no such held message (already taken in, discarded, or never held).
    public func release(mailID: String, actor: Actor) async throws -> String? {
        try store.require(.create, try await store.type(named: Tickets.type.name), actor)
        var attempt = 0
        while true {
            do {
                return try await store.db.transaction { s -> String? in
                    let lock = s.dialect == .postgres ? " FOR UPDATE" : ""
                    guard let row = try await s.query("SELECT raw, held_team_id FROM mail_messages WHERE id = \(mailID) AND state = 'held'\(raw: lock)").first,
                          let encoded = row.text("raw") else { return nil }
                    let raw = Base64.decode(Array(encoded.utf8))
                    let message = MailMessage(parsing: raw)
                    guard let sender = message.from.first else { return nil }
                    try await s.execute("UPDATE mail_messages SET state = 'received', last_error = NULL, held_team_id = NULL, updated_at = \(Timestamp.format(now())) WHERE id = \(mailID)")
                    let ours = try await OurAddresses.read(s)
                    let parties = (message.to + message.cc).filter { !ours.isOurs($0) }
                    let outcome = try await take(s, message, mailID: mailID, sender: sender, group: row.text("held_team_id"), text: Self.body(message),
                                                 parties: parties, holdingUnknown: false)
                    try await AuditLog.append(s, actor: actor, action: "mail.released", type: "mail_messages", id: mailID, changes: nil, at: Timestamp.format(now()))
                    switch outcome {
                    case .opened(let ticket, _), .threaded(let ticket, _): return ticket
                    default: return nil
                    }
                }
            } catch RecordError.duplicate where attempt < 3 {
                attempt += 1
            }
        }
    }

    /// Drops a held message: it stays in the mail log as discarded, and nothing is made.
    public func discard(mailID: String, actor: Actor) async throws -> Bool {
        try store.require(.create, try await store.type(named: Tickets.type.name), actor)
        return try await store.db.transaction { s in
            let changed = try await s.query("""
                UPDATE mail_messages SET state = 'discarded', held_team_id = NULL, updated_at = \(Timestamp.format(now())) WHERE id = \(mailID) AND state = 'held' RETURNING id
                """)
            guard !changed.isEmpty else { return false }
            try await AuditLog.append(s, actor: actor, action: "mail.discarded", type: "mail_messages", id: mailID, changes: nil, at: Timestamp.format(now()))
            return true
        }
    }

    /// How many messages wait for review.
    public func heldCount() async throws -> Int {
        try await store.db.read { s in Int(try await s.query("SELECT COUNT(*) AS n FROM mail_messages WHERE state = 'held'").first?.int("n") ?? 0) }
    }

    /// Held messages, oldest first, with the group each was for.
    public func held(limit: Int = 200) async throws -> [HeldMail] {
        try await store.db.read { s in
            try await s.query("""
                SELECT m.id, m.from_name, m.from_address, m.subject, m.text_body, m.created_at, t.name AS team_name FROM mail_messages m
                LEFT JOIN teams t ON t.id = m.held_team_id WHERE m.state = 'held' ORDER BY m.created_at, m.id LIMIT \(limit)
                """).compactMap { r in
                guard let id = r.text("id"), let at = r.text("created_at") else { return nil }
                return HeldMail(id: id, fromName: r.text("from_name"), fromAddress: r.text("from_address") ?? "", subject: r.text("subject"),
                                excerpt: String((r.text("text_body") ?? "").prefix(300)), receivedAt: at, group: r.text("team_name"))
            }
        }
    }

    /// What a delivery report says about each recipient: hard and soft bounces counted
    /// against the address (``MailSuppressions``), and the message it returns marked
    /// bounced when Rapport sent it.
    static func recordBounces(_ s: Session, _ report: DeliveryReport, at: String) async throws {
        var failed = false
        for recipient in report.recipients where recipient.severity != .delivered {
            try await MailSuppressions.bounced(s, recipient.address, hard: recipient.severity == .hard, at: at)
            failed = failed || recipient.severity == .hard
        }
        if failed, let original = report.originalMessageID {
            let why = report.recipients.first { $0.severity == .hard }.map { [$0.status, $0.diagnostic].compactMap { $0 }.joined(separator: " ") }
            try await s.execute("""
                UPDATE mail_messages SET state = 'bounced', last_error = \(why.map { String($0.prefix(500)) }), updated_at = \(at)
                WHERE message_id = \(original) AND direction = 'outbound'
                """)
        }
    }

    /// The message's files as files of its ticket message, so an agent opens the
    /// screenshot instead of the raw mail. A missing name, or one the attachment rules
    /// refuse (a direction override, control characters), becomes `attachment-N`; past
    /// ``maxFiles`` the rest stay in the raw message only.
    private func attach(_ s: Session, _ message: MailMessage, to messageID: String) async throws {
        guard let blobs else { return }
        for (n, file) in message.attachments.filter({ !$0.data.isEmpty }).prefix(Self.maxFiles).enumerated() {
            let name: String
            switch AttachmentName.validate(file.filename ?? "") {
            case .success(let valid): name = valid
            case .failure: name = "attachment-\(n + 1)"
            }
            let writer = try blobs.writer(limit: AttachmentStore.defaultMaxBytes)
            try writer.write(file.data)
            let upload = try writer.finish()
            try await s.lockExclusively("blob:" + upload.sha256)
            _ = try await AttachmentStore.insert(s, blobs: blobs, typeName: TicketMessages.type.name, id: messageID, fileName: name, upload: upload,
                                                 maxPerRecord: AttachmentStore.defaultMaxPerRecord, actor: .system)
        }
    }

    /// Files taken from one message.
    static let maxFiles = 20

    private func requester(_ s: Session, _ sender: MailAddress) async throws -> StoredRecord {
        try await Requesters.person(store, s, address: sender.address, name: sender.name, source: "email", lookedUp: true)
    }

    /// The ticket whose recorded message one of `parents` names, nearest first.
    static func ticket(_ s: Session, answering parents: [String]) async throws -> String? {
        guard !parents.isEmpty else { return nil }
        let ids = Array(parents.prefix(50))
        let rows = try await s.query("""
            SELECT m.message_id, tm.ticket_id FROM mail_messages m
            JOIN mail_links l ON l.mail_id = m.id AND l.record_type = 'ticket_messages'
            JOIN ticket_messages tm ON tm.id = l.record_id AND tm.deleted_at IS NULL
            WHERE m.message_id IN (\(SQL.join(ids.map { "\($0)" }, ", ")))
            """)
        var byMessage: [String: String] = [:]
        for row in rows { if let m = row.text("message_id"), let t = row.text("ticket_id") { byMessage[m] = t } }
        return ids.lazy.compactMap { byMessage[$0] }.first
    }

    /// The message's ticket message, then its people, their companies and open deals.
    private func link(_ s: Session, mail: String, message: String, people: [String]) async throws {
        try await MailParties.link(s, mail: mail, records: [(TicketMessages.type.name, message)], people: people)
    }

    /// The text a ticket shows: the plain part, else the HTML part's text.
    static func body(_ message: MailMessage) -> String {
        let text = message.text?.text ?? message.html.map { HTMLText.plain($0.text) } ?? ""
        let trimmed = text.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.count > maxBodyCharacters ? String(trimmed.prefix(maxBodyCharacters)) : trimmed
    }

    /// Addresses the MTA says it delivered to (a support address in Bcc shows only here).
    static func deliveredTo(_ message: MailMessage) -> [MailAddress] {
        ["Delivered-To", "X-Original-To", "Envelope-To"].flatMap { message.root.headers.all($0).flatMap(MailAddress.parseList) }
    }
}

/// A message waiting for review, as the held-mail page lists it.
public struct HeldMail: Sendable, Equatable {
    public var id: String
    public var fromName: String?
    public var fromAddress: String
    public var subject: String?
    public var excerpt: String
    public var receivedAt: String
    public var group: String?
}

/// The addresses mail comes to Rapport by: each group's support address (lowercased, to
/// the group's id) and the relay's sender address. Read in one statement, as every
/// received message needs both.
struct OurAddresses {
    var groups: [String: String] = [:]
    var relay: String?

    static func read(_ s: Session) async throws -> OurAddresses {
        var out = OurAddresses()
        for row in try await s.query("""
            SELECT id, support_address AS address FROM teams WHERE support_address IS NOT NULL
            UNION ALL SELECT NULL, from_address FROM mail_settings WHERE id = 1
            """) {
            guard let address = row.text("address") else { continue }
            if let id = row.text("id") { out.groups[address] = id } else { out.relay = address.lowercased() }
        }
        return out
    }

    /// A support address or the relay's: mail from it is a loop, and it is nobody's timeline.
    func isOurs(_ address: MailAddress) -> Bool {
        groups[address.normalized] != nil || relay == address.normalized
    }
}

/// The person a ticket is from, by the address they wrote from: one found among live people,
/// or one made for them (named as they signed, else by the address's local part). Mail and
/// the web form both end here, so one address is one person whichever way they came in.
enum Requesters {
    /// The unique key `address` is held by among people (nil for what is no address).
    static func key(_ people: RecordType, _ address: String) -> String? {
        people.uniqueKeyValues(JSONObject([("emails", .array([.object(JSONObject([("address", .string(address))]))]))])).first
    }

    /// The live people holding `addresses`, by their key (``key(_:_:)``), in one query.
    static func ids(_ store: RecordStore, _ s: Session, addresses: [String]) async throws -> [String: String] {
        let people = try await store.type(named: People.type.name, in: s)
        let keys = Set(addresses.prefix(100).compactMap { key(people, $0) })
        guard !keys.isEmpty else { return [:] }
        var out: [String: String] = [:]
        for row in try await s.query("SELECT key, record_id FROM record_keys WHERE record_type = 'people' AND key IN (\(SQL.join(keys.sorted().map { "\($0)" }, ", ")))") {
            if let k = row.text("key"), let id = row.text("record_id") { out[k] = id }
        }
        return out
    }

    /// The live person with `address`, if any.
    static func existing(_ store: RecordStore, _ s: Session, address: String) async throws -> StoredRecord? {
        let people = try await store.type(named: People.type.name, in: s)
        let key = people.uniqueKeyValues(JSONObject([("emails", .array([.object(JSONObject([("address", .string(address))]))]))]))
        guard let key = key.first, let id = try await s.query("SELECT record_id FROM record_keys WHERE record_type = 'people' AND key = \(key)").first?.text("record_id") else {
            return nil
        }
        return try await store.load(s, people, id: id, forUpdate: false)
    }

    /// `lookedUp`: the caller has just found no one with `address` in this transaction,
    /// so the lookup is not repeated.
    static func person(_ store: RecordStore, _ s: Session, address: String, name: String?, source: String, language: String? = nil,
                       lookedUp: Bool = false) async throws -> StoredRecord {
        let people = try await store.type(named: People.type.name, in: s)
        if !lookedUp, let found = try await existing(store, s, address: address) { return found }
        let local = String(address.prefix { $0 != "@" })
        let display = (name?.trimmedWhitespace).flatMap { $0.isEmpty ? nil : String($0.prefix(200)) } ?? local
        var changes = JSONObject([
            ("display_name", .string(display)), ("emails", .array([.object(JSONObject([("address", .string(address))]))])), ("source", .string(source)),
        ])
        if let language { changes["language"] = .string(language) }
        return try await store.create(in: s, people, changes: changes, actor: .system)
    }
}
