import Foundation
import RapportKit
import RapportMail

/// A sent survey as its page shows it; found by the link's token.
public struct Survey: Sendable, Equatable {
    public var id: String
    public var kind: String
    public var ticketID: String?
    public var ticketNumber: String?
    public var ticketSubject: String?
    public var personID: String
    public var scale: SurveyScale
    public var language: String
    public var score: Int?
    public var comment: String?
    public var respondedAt: String?
    /// An NPS survey's program, and what its question names.
    public var programID: String? = nil
    public var subjectName: String? = nil
}

/// Satisfaction surveys after a solved ticket (CSAT).
///
/// - **When.** The write that solves a ticket enqueues one job, keyed by the ticket, to run
///   `delay_minutes` later ("solve, reopen, solve" asks once). The job asks only if the
///   ticket is still solved or closed then, the requester has an address, a relay is set
///   up and surveys are on with a public address; otherwise it ends without a mail.
/// - **Once.** The survey row (unique per ticket) and its mail are written in the job's
///   finishing transaction: a job repeated after a lost lease, or run by two instances,
///   finds the row and sends nothing more.
/// - **The link.** 32 random bytes in hex, stored only as their SHA-256. Opening it records
///   nothing by itself (mail scanners open links); the page it opens submits the chosen
///   score, and the requester may add a comment or change the score later.
/// - **The answer** lands on the requester's timeline and the ticket's as an activity
///   written through the record engine (so it is audited and visible to whoever sees the
///   ticket); reports read the score beside the ticket's group and agent.
public struct SatisfactionSurveys: Sendable {
    public static let kind = "csat"
    public static let maxComment = 2_000
    let store: RecordStore

    public init(store: RecordStore) { self.store = store }

    // MARK: Settings

    public func settings() async throws -> SatisfactionSettings {
        try await store.db.read { s in try await Self.settings(s) }
    }

    static func settings(_ s: Session) async throws -> SatisfactionSettings {
        guard let r = try await s.query("SELECT enabled, scale, delay_minutes, public_url FROM satisfaction_settings WHERE id = 1").first else {
            return SatisfactionSettings()
        }
        return SatisfactionSettings(enabled: (r.int("enabled") ?? 0) != 0, scale: r.text("scale").flatMap(SurveyScale.init(rawValue:)) ?? .goodBad,
                                    delayMinutes: Int(r.int("delay_minutes") ?? 60), publicURL: r.text("public_url"))
    }

    /// Admins only; an unchanged save writes nothing. Audited with what changed.
    @discardableResult
    public func replace(_ body: JSONObject, actor: Actor) async throws -> SatisfactionSettings {
        if let viewer = actor.viewer, !viewer.role.isAdmin { throw RecordError.forbidden("Only admins change survey settings.") }
        return try await store.db.transaction { s in
            let now = Timestamp.format(Date())
            try await s.execute("""
                INSERT INTO satisfaction_settings (id, enabled, scale, delay_minutes, version, updated_at) VALUES (1, 0, 'good_bad', 60, 0, \(now))
                ON CONFLICT (id) DO NOTHING
                """)
            let lock = s.dialect == .postgres ? " FOR UPDATE" : ""
            _ = try await s.query("SELECT id FROM satisfaction_settings WHERE id = 1\(raw: lock)")
            let before = try await Self.settings(s)
            let after = try SatisfactionSettings.parse(body, over: before).get()
            var diff = JSONObject()
            for key in SatisfactionSettings.fieldNames where before.json[key] != after.json[key] {
                diff[key] = .array([before.json[key] ?? .null, after.json[key] ?? .null])
            }
            guard diff.count > 0 else { return after }
            try await s.execute("""
                UPDATE satisfaction_settings SET enabled = \(after.enabled ? 1 : 0), scale = \(after.scale.rawValue), delay_minutes = \(after.delayMinutes),
                public_url = \(after.publicURL), version = version + 1, updated_at = \(now), updated_by = \(actor.userID) WHERE id = 1
                """)
            try await AuditLog.append(s, actor: actor, action: "settings.satisfaction", type: "satisfaction_settings", id: "1", changes: .object(diff), at: now)
            return after
        }
    }

    // MARK: Asking

    /// Called by the write that moved a ticket to solved, in its transaction.
    static func scheduleAfterSolve(_ store: RecordStore, _ s: Session, ticketID: String, at now: Int64) async throws {
        let settings = try await settings(s)
        guard settings.sends else { return }
        _ = try await JobStore(db: store.db).enqueue(in: s, .init(
            kind: CSATSurveyJob.kind, payload: JSONObject([("ticket_id", .string(ticketID))]),
            runAt: now + Int64(settings.delayMinutes) * 60_000, maxAttempts: 5, idempotencyKey: "csat:\(ticketID)"))
    }

    /// Writes the survey and queues its mail in `s`; nil when there is nobody or nothing
    /// to ask (see the type's notes).
    func send(_ s: Session, ticketID: String, now: Int64) async throws -> Survey? {
        let settings = try await Self.settings(s)
        guard settings.sends, let base = settings.publicURL, try await MailSettingsStore.settings(s) != nil else { return nil }
        let tickets = try await store.type(named: Tickets.type.name, in: s)
        guard let ticket = try? await store.load(s, tickets, id: ticketID, forUpdate: false),
              let status = ticket.fields["status"]?.stringValue.flatMap(TicketStatus.init(rawValue:)), status == .solved || status == .closed,
              let personID = ticket.fields["requester_id"]?.stringValue else { return nil }
        let people = try await store.type(named: People.type.name, in: s)
        guard let person = try? await store.load(s, people, id: personID, forUpdate: false),
              let address = person.fields["emails"]?.arrayValue?.first?.objectValue?["address"]?.stringValue else { return nil }
        let language = SurveyWords.language(person.fields["language"]?.stringValue)
        let token = Self.newToken()
        let id = RecordID.make(millisecondsSince1970: now)
        let sentAt = Timestamp.format(millisecondsSince1970: now)
        let inserted = try await s.query("""
            INSERT INTO surveys (id, kind, ticket_id, person_id, scale, token_sha256, language, sent_at)
            VALUES (\(id), \(Self.kind), \(ticketID), \(personID), \(settings.scale.rawValue), \(Self.digest(token)), \(language), \(sentAt))
            ON CONFLICT (ticket_id, kind) DO NOTHING RETURNING id
            """)
        guard !inserted.isEmpty else { return nil }
        let number = ticket.fields["number"]?.stringValue ?? ""
        let topic = ticket.fields["subject"]?.stringValue ?? ""
        let mail = SurveyMail(language: language, ticketNumber: number, ticketSubject: topic, scale: settings.scale) { "\(base)/survey/\(token)?score=\($0)" }
        var draft = MailOutbox.Draft(to: [MailAddress(name: person.fields["display_name"]?.stringValue, address: address)],
                                     subject: ThreadKeys.subject(mail.subject, adding: number), text: mail.text, html: mail.html,
                                     links: [(Tickets.type.name, ticketID), (People.type.name, personID)])
        // An answer by mail instead of the link goes to the ticket, as any reply does.
        if let group = ticket.fields["group_id"]?.stringValue,
           let row = try await s.query("SELECT name, support_address FROM teams WHERE id = \(group)").first, let support = row.text("support_address") {
            draft.replyTo = MailAddress(name: row.text("name"), address: support)
        }
        let queued = try await MailOutbox(db: store.db, cipher: nil).enqueue(in: s, draft, actor: .system)
        try await s.execute("UPDATE surveys SET mail_id = \(queued.id) WHERE id = \(id)")
        return Survey(id: id, kind: Self.kind, ticketID: ticketID, ticketNumber: number, ticketSubject: topic, personID: personID,
                      scale: settings.scale, language: language)
    }

    static func digest(_ token: String) -> String { TokenStore.digest(token) }

    /// 32 random bytes in hex: a survey link's secret.
    static func newToken() -> String {
        var rng = SystemRandomNumberGenerator()
        return Hex.encode((0..<32).map { _ in UInt8.random(in: 0...255, using: &rng) })
    }

    /// A survey answered without a mail, for the demo data: the same row and the same
    /// answer path (timeline activity included) as a requester's click.
    func recordDemoAnswer(ticketID: String, personID: String, language: String, score: Int, comment: String?) async throws {
        let token = Self.newToken()
        let inserted = try await store.db.transaction { s in
            try await s.query("""
                INSERT INTO surveys (id, kind, ticket_id, person_id, scale, token_sha256, language, sent_at)
                VALUES (\(RecordID.make()), \(Self.kind), \(ticketID), \(personID), \(SurveyScale.goodBad.rawValue), \(Self.digest(token)),
                \(SurveyWords.language(language)), \(Timestamp.format(Date())))
                ON CONFLICT (ticket_id, kind) DO NOTHING RETURNING id
                """)
        }
        if !inserted.isEmpty { try await respond(token: token, score: score, comment: comment) }
    }

    // MARK: Answering

    /// The survey a link names; nil for an unknown or malformed token.
    public func survey(token: String) async throws -> Survey? {
        guard Self.plausible(token) else { return nil }
        return try await store.db.read { s in try await Self.survey(s, digest: Self.digest(token), lock: false) }
    }

    static func plausible(_ token: String) -> Bool {
        token.utf8.count == 64 && token.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) }
    }

    static func survey(_ s: Session, digest: String, lock: Bool) async throws -> Survey? {
        let forUpdate = lock && s.dialect == .postgres ? " FOR UPDATE OF v" : ""
        guard let r = try await s.query("""
            SELECT v.id, v.kind, v.ticket_id, v.person_id, v.scale, v.language, v.score, v.comment, v.responded_at, t.number, t.subject,
            v.program_id, p.name AS program_name, COALESCE(p.subject_name, (SELECT legal_name FROM company_settings WHERE id = 1)) AS subject_name
            FROM surveys v LEFT JOIN tickets t ON t.id = v.ticket_id LEFT JOIN nps_programs p ON p.id = v.program_id
            WHERE v.token_sha256 = \(digest)\(raw: forUpdate)
            """).first, let id = r.text("id"), let scale = r.text("scale").flatMap(SurveyScale.init(rawValue:)) else { return nil }
        return Survey(id: id, kind: r.text("kind") ?? kind, ticketID: r.text("ticket_id"), ticketNumber: r.text("number"), ticketSubject: r.text("subject"),
                      personID: r.text("person_id") ?? "", scale: scale, language: r.text("language") ?? "en",
                      score: r.int("score").map { Int($0) }, comment: r.text("comment"), respondedAt: r.text("responded_at"),
                      programID: r.text("program_id"), subjectName: r.text("subject_name"))
    }

    /// Records (or changes) the answer. A score outside the survey's scale or an overlong
    /// comment is a 422 naming the field and changes nothing; an unknown token is a 404.
    @discardableResult
    public func respond(token: String, score: Int, comment: String?, now: Date = Date()) async throws -> Survey {
        guard Self.plausible(token) else { throw RecordError.notFound(type: "surveys", id: "") }
        let comment = comment?.trimmedWhitespace.replacingOccurrences(of: "\r\n", with: "\n")
        return try await store.db.transaction { s in
            guard var survey = try await Self.survey(s, digest: Self.digest(token), lock: true) else { throw RecordError.notFound(type: "surveys", id: "") }
            var errors: [FieldError] = []
            if !survey.scale.scores.contains(score) {
                errors.append(FieldError(field: "score", code: "out_of_range", message: "Expected \(survey.scale.scores.lowerBound)–\(survey.scale.scores.upperBound)."))
            }
            if let comment, comment.count > Self.maxComment {
                errors.append(FieldError(field: "comment", code: "too_long", message: "At most \(Self.maxComment) characters."))
            }
            guard errors.isEmpty else { throw RecordError.invalid(errors) }
            let text = comment.flatMap { $0.isEmpty ? nil : $0 }
            if survey.score == score && survey.comment == text { return survey }
            let at = Timestamp.format(now)
            try await s.execute("UPDATE surveys SET score = \(score), comment = \(text), responded_at = \(at) WHERE id = \(survey.id)")
            try await recordActivity(s, survey, score: score, comment: text, at: at)
            survey.score = score
            survey.comment = text
            survey.respondedAt = at
            return survey
        }
    }

    /// The answer as an activity on the requester's and the ticket's timelines, owned like
    /// the ticket; a changed answer updates the same activity.
    private func recordActivity(_ s: Session, _ survey: Survey, score: Int, comment: String?, at: String) async throws {
        let activities = try await store.type(named: Activities.type.name, in: s)
        let mark = survey.scale == .goodBad ? (score == 1 ? "👍" : "👎") : "\(score)/\(survey.scale.scores.upperBound)"
        let label = survey.kind == NPSSurveys.kind ? "NPS" : "CSAT"
        let subject = ["\(label) \(mark)", survey.ticketNumber].compactMap { $0 }.joined(separator: " · ")
        var changes = JSONObject([("subject", .string(subject)), ("body", comment.map(JSONValue.string) ?? .null), ("occurred_at", .string(at))])
        let existing = try await s.query("SELECT activity_id FROM surveys WHERE id = \(survey.id)").first?.text("activity_id")
        if let existing, (try? await store.load(s, activities, id: existing, forUpdate: true)) != nil {
            _ = try await store.update(in: s, activities, id: existing, changes: changes, ifMatch: nil, actor: .system)
            return
        }
        changes["kind"] = .string("survey")
        changes["participants"] = .array([.string(survey.personID)])
        var owner: String?
        if let ticketID = survey.ticketID {
            changes["links"] = .array([.object(JSONObject([("type", .string(Tickets.type.name)), ("id", .string(ticketID))]))])
            owner = try await s.query("SELECT owner_id FROM tickets WHERE id = \(ticketID)").first?.text("owner_id")
        }
        if let owner { changes["owner_id"] = .string(owner) }
        let activity = try await store.create(in: s, activities, changes: changes, actor: .system)
        try await s.execute("UPDATE surveys SET activity_id = \(activity.id) WHERE id = \(survey.id)")
    }
}

/// Sends one ticket's survey when its delay has passed (``SatisfactionSurveys``).
public struct CSATSurveyJob: JobHandler {
    public static let kind = "csat.send"
    let store: RecordStore

    public init(store: RecordStore) { self.store = store }

    public func run(_ job: JobContext) async throws {
        guard let ticketID = job.payload["ticket_id"]?.stringValue else { return }
        let sent = try await job.finish { s in try await SatisfactionSurveys(store: store).send(s, ticketID: ticketID, now: job.now) }
        if sent != nil { job.logger.info("Queued a satisfaction survey", metadata: ["ticket": "\(ticketID)"]) }
    }
}
