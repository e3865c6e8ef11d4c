import Foundation
import RapportKit
import RapportMail

/// One round of a program, as its page lists it.
public struct NPSRound: Sendable, Equatable {
    /// The instant the round was due (or was asked for by hand), which keys it.
    public var round: String
    public var asked: Int
    public var skipped: Int
    public var startedAt: String
    public var finishedAt: String?
    /// Why a round asked nobody: `mail_not_set_up`, `invalid_audience`.
    public var note: String?
}

/// Net Promoter surveys (``NPSPrograms``): each program's rounds on its schedule, the
/// survey mails, the answers and the opt-outs.
///
/// - **A round runs once.** ``NPSDispatchJob`` queues a due round as a job keyed by the
///   program and the round's instant, so N instances queue it once; the round's job pages
///   through the audience and, page by page, writes each survey and its mail in one
///   transaction. The survey's key (program, round, person) makes a round that is run
///   again (after a lost lease or `kill -9`) skip everyone already asked.
/// - **Who is asked.** People the audience selects, with an address, whose address is not
///   suppressed (``MailSuppressions``), and who were not asked by any NPS program within
///   the program's quiet period. The first address of a person is the one mailed.
/// - **Answers** go through ``SatisfactionSurveys/respond(token:score:comment:now:)``,
///   the same page, checks and timeline activity as a CSAT answer.
public struct NPSSurveys: Sendable {
    public static let kind = "nps"
    static let pageSize = 200
    let store: RecordStore

    public init(store: RecordStore) { self.store = store }

    // MARK: Scheduling

    /// Queues each active program's due round and sets its next; a program seen for the
    /// first time (or whose schedule changed) only gets its next round set. A round missed
    /// while no instance ran is sent once when one comes back, not once per missed round.
    @discardableResult
    public func dispatch(now: Int64) async throws -> Int {
        let programs = try await store.db.read { s in
            try await s.query("SELECT id, schedule, time_zone FROM nps_programs WHERE deleted_at IS NULL AND on_schedule = 1 ORDER BY id")
        }
        var queued = 0
        for row in programs {
            guard let id = row.text("id"), let text = row.text("schedule"), let zoneName = row.text("time_zone"),
                  let zone = TimeZone(identifier: zoneName), case .success(let cron) = NPSPrograms.rounds(text) else { continue }
            let next = cron.next(after: now, in: zone) ?? now + 366 * 86_400_000
            let sent = try await store.db.transaction { s -> Bool in
                let lock = s.dialect == .postgres ? " FOR UPDATE" : ""
                let state = try await s.query("SELECT schedule, time_zone, next_run_at FROM nps_schedule WHERE program_id = \(id)\(raw: lock)").first
                guard let state, state.text("schedule") == cron.description, state.text("time_zone") == zoneName, let due = state.int("next_run_at") else {
                    try await s.execute("""
                        INSERT INTO nps_schedule (program_id, schedule, time_zone, next_run_at) VALUES (\(id), \(cron.description), \(zoneName), \(next))
                        ON CONFLICT (program_id) DO UPDATE SET schedule = excluded.schedule, time_zone = excluded.time_zone, next_run_at = excluded.next_run_at
                        """)
                    return false
                }
                guard due <= now else { return false }
                try await enqueueRound(s, programID: id, round: Timestamp.format(millisecondsSince1970: due), now: now)
                try await s.execute("UPDATE nps_schedule SET next_run_at = \(next) WHERE program_id = \(id)")
                return true
            }
            if sent { queued += 1 }
        }
        return queued
    }

    @discardableResult
    func enqueueRound(_ s: Session, programID: String, round: String, now: Int64) async throws -> Job {
        try await JobStore(db: store.db).enqueue(in: s, .init(
            kind: NPSRoundJob.kind, payload: JSONObject([("program_id", .string(programID)), ("round", .string(round))]),
            runAt: now, maxAttempts: 5, idempotencyKey: "nps:\(programID):\(round)")).job
    }

    /// A round now, outside the schedule (to start a program, or after changing its
    /// audience); for those who may change the program. The quiet period still applies,
    /// so pressing it twice asks nobody twice.
    public func sendNow(programID: String, actor: Actor, now: Date = Date()) async throws -> String {
        let programs = try await store.type(named: NPSPrograms.type.name)
        try store.require(.update, programs, actor)
        return try await store.db.transaction { s in
            _ = try await store.load(s, programs, id: programID, forUpdate: false)
            let at = Timestamp.format(now)
            let job = try await enqueueRound(s, programID: programID, round: at, now: Timestamp.millis(now))
            try await AuditLog.append(s, actor: actor, action: "nps.send", type: NPSPrograms.type.name, id: programID,
                                      changes: .object(JSONObject([("round", .string(at))])), at: at)
            return job.id
        }
    }

    // MARK: A round

    /// Asks the program's audience, page by page; see the type's notes.
    func run(_ job: JobContext, programID: String, round: String) async throws {
        let programs = try await store.type(named: NPSPrograms.type.name)
        let people = try await store.type(named: People.type.name)
        let now = job.now
        let started = Timestamp.format(millisecondsSince1970: now)
        // A run again starts counting again: the skipped are counted anew as it pages.
        // nil: mail is not set up; .some(nil): the program was deleted since.
        let setup = try await store.db.transaction { s -> (program: StoredRecord, base: String, subject: String?)?? in
            try await s.execute("""
                INSERT INTO nps_rounds (program_id, round, job_id, started_at) VALUES (\(programID), \(round), \(job.id), \(started))
                ON CONFLICT (program_id, round) DO UPDATE SET skipped = 0, job_id = excluded.job_id
                """)
            guard let program = try? await store.load(s, programs, id: programID, forUpdate: false) else { return .some(nil) }
            guard let base = try await SatisfactionSurveys.settings(s).publicURL, try await MailSettingsStore.settings(s) != nil else { return nil }
            let company = try await CompanySettings.profile(s).legalName
            let subject = [program.fields["subject_name"]?.stringValue, company].compactMap { $0?.trimmedWhitespace }.first { !$0.isEmpty }
            return (program, base, subject)
        }
        guard let setup else { return try await end(job, programID, round, note: "mail_not_set_up") }
        guard let setup else { return try await end(job, programID, round, note: "program_deleted") }
        let quiet = NPSPrograms.quietDays(setup.program.fields)
        var cursor: String?
        var done = 0
        repeat {
            var params = NPSPrograms.audience(setup.program.fields) + [("sort", "id"), ("limit", String(Self.pageSize))]
            if let cursor { params.append(("cursor", cursor)) }
            guard case .success(let query) = ListQuery.parse(params, type: people) else { return try await end(job, programID, round, note: "invalid_audience") }
            let page = try await store.list(people, query: query, actor: .system)
            try await store.db.transaction { s in
                try await ask(s, page.records, programID: programID, round: round, quietDays: quiet, base: setup.base, subject: setup.subject, now: now)
            }
            done += page.records.count
            try await job.progress(done)
            cursor = page.nextCursor
        } while cursor != nil
        try await end(job, programID, round, note: nil)
    }

    private func end(_ job: JobContext, _ programID: String, _ round: String, note: String?) async throws {
        let at = Timestamp.format(millisecondsSince1970: job.now)
        try await job.finish { s in
            try await s.execute("""
                UPDATE nps_rounds SET finished_at = \(at), note = \(note),
                asked = (SELECT COUNT(*) FROM surveys WHERE program_id = \(programID) AND round = \(round))
                WHERE program_id = \(programID) AND round = \(round)
                """)
        }
        if let note { job.logger.warning("An NPS round asked nobody", metadata: ["program": "\(programID)", "reason": "\(note)"]) }
    }

    private func ask(_ s: Session, _ people: [StoredRecord], programID: String, round: String, quietDays: Int, base: String, subject: String?, now: Int64) async throws {
        var skipped = 0
        var candidates: [(person: StoredRecord, mailbox: MailAddress)] = []
        for person in people {
            let name = person.fields["display_name"]?.stringValue
            if let address = person.fields["emails"]?.arrayValue?.first?.objectValue?["address"]?.stringValue,
               Email.normalize(address) != nil, MailAddress(name: name, address: address).isSendable {
                candidates.append((person, MailAddress(name: name, address: address)))
            } else {
                skipped += 1
            }
        }
        let suppressed = try await MailSuppressions.suppressed(s, candidates.map(\.mailbox.address))
        let cutoff = Timestamp.format(millisecondsSince1970: now - Int64(quietDays) * 86_400_000)
        var recent = Set<String>()
        if !candidates.isEmpty {
            for r in try await s.query("""
                SELECT person_id FROM surveys WHERE kind = \(Self.kind) AND sent_at >= \(cutoff)
                AND person_id IN (\(SQL.join(candidates.map { "\($0.person.id)" }, ", "))) AND NOT (program_id = \(programID) AND round = \(round))
                """) { if let id = r.text("person_id") { recent.insert(id) } }
        }
        let sentAt = Timestamp.format(millisecondsSince1970: now)
        let outbox = MailOutbox(db: store.db, cipher: nil)
        for (person, mailbox) in candidates {
            guard let digest = MailSuppressions.digest(mailbox.address), !suppressed.contains(digest), !recent.contains(person.id) else {
                skipped += 1
                continue
            }
            let language = SurveyWords.language(person.fields["language"]?.stringValue)
            let token = SatisfactionSurveys.newToken()
            let id = RecordID.make(millisecondsSince1970: now)
            let inserted = try await s.query("""
                INSERT INTO surveys (id, kind, person_id, scale, token_sha256, language, sent_at, program_id, round)
                VALUES (\(id), \(Self.kind), \(person.id), \(SurveyScale.zeroToTen.rawValue), \(SatisfactionSurveys.digest(token)), \(language), \(sentAt),
                \(programID), \(round))
                ON CONFLICT (program_id, round, person_id) DO NOTHING RETURNING id
                """)
            guard !inserted.isEmpty else { continue }
            let unsubscribe = "\(base)/survey/\(token)/unsubscribe"
            let mail = NPSMail(language: language, subjectName: subject, unsubscribe: unsubscribe) { "\(base)/survey/\(token)?score=\($0)" }
            var draft = MailOutbox.Draft(to: [mailbox], subject: mail.subject, text: mail.text, html: mail.html, links: [(People.type.name, person.id)])
            // RFC 8058: mail clients offer their own unsubscribe button, one POST, no page.
            draft.headers = [("List-Unsubscribe", "<\(unsubscribe)>"), ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                             ("Auto-Submitted", "auto-generated")]
            let queued = try await outbox.enqueue(in: s, draft, actor: .system)
            try await s.execute("UPDATE surveys SET mail_id = \(queued.id) WHERE id = \(id)")
        }
        if skipped > 0 {
            try await s.execute("UPDATE nps_rounds SET skipped = skipped + \(skipped) WHERE program_id = \(programID) AND round = \(round)")
        }
    }

    // MARK: Demo

    /// A quarterly program of the demo company with last quarter's round answered, through
    /// the same rows and answer path (timeline activities included) as a person's click,
    /// so a new installation's program page and report show what NPS looks like.
    func seedDemo(people: [(id: String, language: String)], actor: Actor, now: Date = Date()) async throws {
        guard !people.isEmpty else { return }
        let programs = try await store.type(named: NPSPrograms.type.name)
        let program = try await store.create(programs, body: JSONObject([
            ("name", .string("Quarterly customer NPS")), ("on_schedule", .bool(false)), ("schedule", .string("0 10 1 */3 *")),
            ("time_zone", .string("Asia/Seoul")), ("audience_stages", .array([.string("customer"), .string("evangelist")])),
            ("quiet_days", .number("80")),
        ]), actor: actor)
        let millis = Timestamp.millis(now)
        let round = Timestamp.format(millisecondsSince1970: millis - 30 * 86_400_000)
        let words: [String: [String]] = [
            "en": ["Support answers fast and knows our setup.", "Good product, but the invoices are confusing.", "Too many steps to change a plan."],
            "ko": ["답변이 빠르고 정확합니다.", "제품은 좋지만 청구서가 헷갈립니다.", "요금제 변경 절차가 너무 복잡해요."],
            "ja": ["対応が早く、こちらの環境をよく分かっている。", "製品は良いが請求書が分かりにくい。", "プラン変更の手順が多すぎる。"],
        ]
        var tokens: [(token: String, score: Int, comment: String?)] = []
        try await store.db.transaction { s in
            try await s.execute("INSERT INTO nps_rounds (program_id, round, asked, skipped, started_at, finished_at) VALUES (\(program.id), \(round), \(people.count), 0, \(round), \(round))")
            for (i, person) in people.enumerated() {
                let token = SatisfactionSurveys.newToken()
                try await s.execute("""
                    INSERT INTO surveys (id, kind, person_id, scale, token_sha256, language, sent_at, program_id, round)
                    VALUES (\(RecordID.make()), \(Self.kind), \(person.id), \(SurveyScale.zeroToTen.rawValue), \(SatisfactionSurveys.digest(token)),
                    \(person.language), \(round), \(program.id), \(round))
                    """)
                // Two in three answer; scores spread as a typical B2B survey's do.
                guard i % 3 != 2 else { continue }
                let score = [10, 9, 8, 6, 9, 7, 10, 3][i % 8]
                let comment = i % 2 == 0 ? (words[person.language] ?? words["en"]!)[score >= 9 ? 0 : score >= 7 ? 1 : 2] : nil
                tokens.append((token, score, comment))
            }
        }
        let answers = SatisfactionSurveys(store: store)
        for (i, t) in tokens.enumerated() {
            try await answers.respond(token: t.token, score: t.score, comment: t.comment, now: Date(timeIntervalSince1970: Double(millis - Int64(29 - i % 28) * 86_400_000) / 1000))
        }
    }

    // MARK: Opting out

    /// The survey's person asked for no more surveys: every address they have is
    /// suppressed, and the request is audited (the proof a marketer is asked for). An
    /// unknown token is a 404; a second request changes nothing.
    public func unsubscribe(token: String, now: Date = Date()) async throws {
        guard SatisfactionSurveys.plausible(token) else { throw RecordError.notFound(type: "surveys", id: "") }
        let people = try await store.type(named: People.type.name)
        try await store.db.transaction { s in
            guard let survey = try await SatisfactionSurveys.survey(s, digest: SatisfactionSurveys.digest(token), lock: false) else {
                throw RecordError.notFound(type: "surveys", id: "")
            }
            guard let person = try? await store.load(s, people, id: survey.personID, forUpdate: false) else { return }
            let at = Timestamp.format(now)
            let addresses = (person.fields["emails"]?.arrayValue ?? []).compactMap { $0.objectValue?["address"]?.stringValue }
            let before = try await MailSuppressions.suppressed(s, addresses)
            for address in addresses { try await MailSuppressions.unsubscribe(s, address, at: at) }
            if before.count < Set(addresses.compactMap(MailSuppressions.digest)).count {
                try await AuditLog.append(s, actor: .system, action: "mail.unsubscribed", type: People.type.name, id: person.id,
                                          changes: .object(JSONObject([("via", .string("survey")), ("survey", .string(survey.id))])), at: at)
            }
        }
    }

    /// Whether every address of the survey's person is suppressed (the page says so).
    public func isUnsubscribed(token: String) async throws -> Bool {
        guard SatisfactionSurveys.plausible(token) else { return false }
        let people = try await store.type(named: People.type.name)
        return try await store.db.read { s in
            guard let survey = try await SatisfactionSurveys.survey(s, digest: SatisfactionSurveys.digest(token), lock: false),
                  let person = try? await store.load(s, people, id: survey.personID, forUpdate: false) else { return false }
            let addresses = (person.fields["emails"]?.arrayValue ?? []).compactMap { $0.objectValue?["address"]?.stringValue }
            guard !addresses.isEmpty else { return false }
            let suppressed = try await MailSuppressions.suppressed(s, addresses)
            return suppressed.count == Set(addresses.compactMap(MailSuppressions.digest)).count
        }
    }

    // MARK: Reading

    /// NPS answers given from `since` on, newest first, each with its program's name as
    /// its group; for those who may read the programs. Comments of erased people are gone.
    public func answers(actor: Actor, since: Int64, programID: String? = nil, commentedOnly: Bool = false, limit: Int = 100_000) async throws -> [SatisfactionAnswer] {
        let programs = try await store.type(named: NPSPrograms.type.name)
        try store.require(.read, programs, actor)
        let from = Timestamp.format(millisecondsSince1970: since)
        let only: SQL = programID.map { "AND v.program_id = \($0)" } ?? ""
        let commented: SQL = commentedOnly ? "AND v.comment IS NOT NULL" : ""
        return try await store.db.read { s in
            try await s.query("""
                SELECT v.score, v.responded_at, v.comment, p.name FROM surveys v LEFT JOIN nps_programs p ON p.id = v.program_id
                WHERE v.kind = \(Self.kind) AND v.responded_at IS NOT NULL AND v.responded_at >= \(from) \(only) \(commented)
                ORDER BY v.responded_at DESC LIMIT \(limit)
                """).compactMap { r -> SatisfactionAnswer? in
                guard let score = r.int("score"), let at = r.text("responded_at").flatMap(Timestamp.parse) else { return nil }
                return SatisfactionAnswer(score: Int(score), scale: .zeroToTen, at: at, group: r.text("name"), comment: r.text("comment"))
            }
        }
    }

    /// The program's NPS over all its answers, counted in the database (eleven rows at
    /// most, however many people answered).
    public func summary(programID: String, actor: Actor) async throws -> NPSSummary {
        let programs = try await store.type(named: NPSPrograms.type.name)
        try store.require(.read, programs, actor)
        return try await store.db.read { s in
            var summary = NPSSummary()
            for r in try await s.query("""
                SELECT score, COUNT(*) AS n FROM surveys WHERE kind = \(Self.kind) AND program_id = \(programID) AND responded_at IS NOT NULL GROUP BY score
                """) {
                guard let score = r.int("score") else { continue }
                for _ in 0..<Int(r.int("n") ?? 0) { summary.add(Int(score)) }
            }
            return summary
        }
    }

    /// The program's rounds, newest first.
    public func rounds(programID: String, actor: Actor, limit: Int = 20) async throws -> [NPSRound] {
        let programs = try await store.type(named: NPSPrograms.type.name)
        try store.require(.read, programs, actor)
        return try await store.db.read { s in
            try await s.query("""
                SELECT round, asked, skipped, started_at, finished_at, note FROM nps_rounds WHERE program_id = \(programID) ORDER BY round DESC LIMIT \(limit)
                """).compactMap { r in
                guard let round = r.text("round"), let started = r.text("started_at") else { return nil }
                return NPSRound(round: round, asked: Int(r.int("asked") ?? 0), skipped: Int(r.int("skipped") ?? 0), startedAt: started,
                                finishedAt: r.text("finished_at"), note: r.text("note"))
            }
        }
    }

    /// When the program's next scheduled round is due; nil while inactive or not yet seen
    /// by the dispatcher.
    public func nextRound(programID: String) async throws -> Int64? {
        try await store.db.read { s in
            try await s.query("""
                SELECT c.next_run_at FROM nps_schedule c JOIN nps_programs p ON p.id = c.program_id
                WHERE c.program_id = \(programID) AND p.on_schedule = 1 AND p.deleted_at IS NULL
                """).first?.int("next_run_at")
        }
    }
}

/// Every few minutes: queue the NPS rounds that are due (``NPSSurveys/dispatch(now:)``).
public struct NPSDispatchJob: JobHandler {
    public static let kind = "nps.dispatch"
    let store: RecordStore

    public init(store: RecordStore) { self.store = store }

    public func run(_ job: JobContext) async throws {
        let queued = try await NPSSurveys(store: store).dispatch(now: job.now)
        if queued > 0 { job.logger.info("Queued NPS rounds", metadata: ["rounds": "\(queued)"]) }
    }
}

/// One program's round: asks its audience (``NPSSurveys``).
public struct NPSRoundJob: JobHandler {
    public static let kind = "nps.round"
    let store: RecordStore

    public init(store: RecordStore) { self.store = store }

    public func run(_ job: JobContext) async throws {
        guard let program = job.payload["program_id"]?.stringValue, let round = job.payload["round"]?.stringValue else { return }
        try await NPSSurveys(store: store).run(job, programID: program, round: round)
    }
}

extension JobRegistry {
    /// Marketing's background work: NPS rounds on their programs' schedules.
    public mutating func registerMarketing(store: RecordStore) {
        register(NPSDispatchJob(store: store), schedule: "*/5 * * * *")
        register(NPSRoundJob(store: store))
    }
}
