import Foundation
import RapportKit

/// The `jobs` table: enqueue, claim under a lease, renew, finish, fail, cancel, retry.
///
/// Every change a runner makes to a job it holds is fenced by the lease it claimed (its
/// worker id and attempt number while the job is `running`), so a runner whose lease ran
/// out and was taken over by another instance can no longer finish, fail or advance it.
public struct JobStore: Sendable {
    public let db: Database
    public let clock: any JobClock

    public init(db: Database, clock: any JobClock = SystemJobClock()) {
        self.db = db
        self.clock = clock
    }

    /// What ``enqueue(_:)`` is asked to make.
    public struct NewJob: Sendable {
        public var kind: String
        public var payload: JSONObject
        /// Milliseconds since 1970; nil for now.
        public var runAt: Int64?
        public var maxAttempts: Int
        /// Enqueueing the same key again returns the job already made with it.
        public var idempotencyKey: String?

        public init(kind: String, payload: JSONObject = JSONObject(), runAt: Int64? = nil, maxAttempts: Int = 5, idempotencyKey: String? = nil) {
            self.kind = kind
            self.payload = payload
            self.runAt = runAt
            self.maxAttempts = maxAttempts
            self.idempotencyKey = idempotencyKey
        }
    }

    static let columns = """
        id, kind, payload, state, idempotency_key, schedule, time_zone, run_at, attempts, max_attempts, lease_owner, lease_until,
        progress, progress_message, last_error, created_at, updated_at, finished_at
        """

    func stamp(_ now: Int64) -> String { Timestamp.format(millisecondsSince1970: now) }

    /// Adds a one-off job, or returns the job its idempotency key already names.
    @discardableResult
    public func enqueue(_ new: NewJob) async throws -> (job: Job, created: Bool) {
        try await db.transaction { s in try await enqueue(in: s, new) }
    }

    /// Adds a job inside the caller's transaction, so the job exists exactly when the
    /// change that asked for it is committed.
    @discardableResult
    public func enqueue(in s: Session, _ new: NewJob, schedule: String? = nil, timeZone: String? = nil) async throws -> (job: Job, created: Bool) {
        guard !new.kind.isEmpty, new.kind.count <= 100 else { throw RecordError.badRequest("A job kind is 1 to 100 characters.", []) }
        guard (1...100).contains(new.maxAttempts) else { throw RecordError.badRequest("A job makes 1 to 100 attempts.", []) }
        if let key = new.idempotencyKey, key.isEmpty || key.count > 200 {
            throw RecordError.badRequest("An idempotency key is 1 to 200 characters.", [])
        }
        let now = clock.now()
        let id = RecordID.make(millisecondsSince1970: now)
        let inserted = try await s.query("""
            INSERT INTO jobs (id, kind, payload, state, idempotency_key, schedule, time_zone, run_at, attempts, max_attempts, created_at, updated_at)
            VALUES (\(id), \(new.kind), \(JSONValue.object(new.payload).serialized()), 'queued', \(new.idempotencyKey), \(schedule), \(timeZone),
            \(new.runAt ?? now), 0, \(new.maxAttempts), \(stamp(now)), \(stamp(now)))
            ON CONFLICT (idempotency_key) DO NOTHING RETURNING \(raw: Self.columns)
            """)
        if let row = inserted.first { return (Job(row: row), true) }
        guard let key = new.idempotencyKey, let row = try await s.query("SELECT \(raw: Self.columns) FROM jobs WHERE idempotency_key = \(key)").first else {
            throw RecordError.conflict("The job could not be added.")
        }
        return (Job(row: row), false)
    }

    /// Makes sure one recurring job of `kind` exists on `schedule`; every instance calls
    /// this at start, and the idempotency key keeps it to one row. A changed schedule or
    /// time zone takes effect from its next run.
    @discardableResult
    public func ensureRecurring(kind: String, schedule: String, timeZone: String, maxAttempts: Int = 3) async throws -> Job {
        let cron = try CronSchedule(schedule)
        guard let zone = TimeZone(identifier: timeZone) else { throw RecordError.badRequest("Unknown time zone \(timeZone).", []) }
        return try await db.transaction { s in
            let now = clock.now()
            let next = cron.next(after: now, in: zone) ?? now
            let (job, created) = try await enqueue(
                in: s, NewJob(kind: kind, runAt: next, maxAttempts: maxAttempts, idempotencyKey: "recurring:" + kind), schedule: cron.description, timeZone: timeZone)
            guard !created, job.schedule != cron.description || job.timeZone != timeZone else { return job }
            let rows = try await s.query("""
                UPDATE jobs SET schedule = \(cron.description), time_zone = \(timeZone), updated_at = \(stamp(now)),
                run_at = CASE WHEN state = 'queued' THEN \(next) ELSE run_at END WHERE id = \(job.id) RETURNING \(raw: Self.columns)
                """)
            return rows.first.map(Job.init(row:)) ?? job
        }
    }

    /// Takes up to `limit` due jobs of `kinds` for `worker` until `leaseMilliseconds` from
    /// now: queued jobs whose time has come and running jobs whose lease ran out (their
    /// instance stopped). PostgreSQL skips rows another instance is claiming at the same
    /// moment; SQLite has one writer, so claims never overlap there.
    public func claim(worker: String, kinds: [String], limit: Int, leaseMilliseconds: Int64) async throws -> [Job] {
        guard !kinds.isEmpty, limit > 0 else { return [] }
        let now = clock.now()
        let lock = db.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        let kindList = SQL.join(kinds.map { SQL("\($0)") }, ", ")
        return try await db.transaction { s in
            try await s.query("""
                UPDATE jobs SET state = 'running', lease_owner = \(worker), lease_until = \(now + leaseMilliseconds), attempts = attempts + 1,
                updated_at = \(stamp(now)) WHERE id IN (SELECT id FROM jobs WHERE kind IN (\(kindList)) AND
                ((state = 'queued' AND run_at <= \(now)) OR (state = 'running' AND lease_until < \(now)))
                ORDER BY run_at, id LIMIT \(limit)\(raw: lock)) RETURNING \(raw: Self.columns)
                """).map(Job.init(row:)).sorted { ($0.runAt, $0.id) < ($1.runAt, $1.id) }
        }
    }

    func fence(_ job: Job, worker: String) -> SQL {
        SQL("id = \(job.id) AND state = 'running' AND lease_owner = \(worker) AND attempts = \(job.attempts)")
    }

    /// Extends the lease of a job `worker` still holds; false when it no longer does
    /// (cancelled, or taken over after the lease ran out).
    public func renew(_ job: Job, worker: String, leaseMilliseconds: Int64) async throws -> Bool {
        let now = clock.now()
        return try await db.transaction { s in
            !(try await s.query("UPDATE jobs SET lease_until = \(now + leaseMilliseconds) WHERE \(fence(job, worker: worker)) RETURNING id").isEmpty)
        }
    }

    /// Records how far a running job has come: a number (such as a percentage or rows
    /// done) and a short message.
    public func progress(_ job: Job, worker: String, value: Int, message: String?) async throws -> Bool {
        let now = clock.now()
        let text = message.map { String($0.prefix(500)) }
        return try await db.transaction { s in
            !(try await s.query("""
                UPDATE jobs SET progress = \(value), progress_message = \(text), updated_at = \(stamp(now)) WHERE \(fence(job, worker: worker)) RETURNING id
                """).isEmpty)
        }
    }

    /// Marks a held job done inside `s`, the transaction that also commits the job's
    /// effect, so the effect and the completion are one: false (and the caller must roll
    /// back) when the lease was lost. A recurring job is queued again for its next time.
    public func succeed(in s: Session, _ job: Job, worker: String) async throws -> Bool {
        let now = clock.now()
        if let schedule = job.schedule, let cron = try? CronSchedule(schedule), let zone = job.timeZone.flatMap(TimeZone.init(identifier:)) {
            let next = cron.next(after: now, in: zone) ?? now + 86_400_000
            return !(try await s.query("""
                UPDATE jobs SET state = 'queued', run_at = \(next), attempts = 0, lease_owner = NULL, lease_until = NULL, last_error = NULL,
                updated_at = \(stamp(now)), finished_at = \(stamp(now)) WHERE \(fence(job, worker: worker)) RETURNING id
                """).isEmpty)
        }
        return !(try await s.query("""
            UPDATE jobs SET state = 'succeeded', lease_owner = NULL, lease_until = NULL, last_error = NULL, updated_at = \(stamp(now)),
            finished_at = \(stamp(now)) WHERE \(fence(job, worker: worker)) RETURNING id
            """).isEmpty)
    }

    /// Records a failed attempt: the job waits `backoff` and runs again, or, after its last
    /// attempt, becomes a dead letter that only a retry brings back. A recurring job's dead
    /// run is queued for its next scheduled time instead, so one bad hour does not end it.
    /// Returns the state the job is left in, or nil when the lease was lost.
    public func fail(_ job: Job, worker: String, error: String, backoff: RetryBackoff, random: Double) async throws -> Job.State? {
        let now = clock.now()
        let message = String(error.prefix(2000))
        let last = job.attempts >= job.maxAttempts
        var state: Job.State = last ? .dead : .queued
        var runAt = now + backoff.delay(afterAttempt: job.attempts, random: random)
        var attempts = job.attempts
        if last, let schedule = job.schedule, let cron = try? CronSchedule(schedule), let zone = job.timeZone.flatMap(TimeZone.init(identifier:)) {
            state = .queued
            runAt = cron.next(after: now, in: zone) ?? now + 86_400_000
            attempts = 0
        }
        return try await db.transaction { s in
            let rows = try await s.query("""
                UPDATE jobs SET state = \(state.rawValue), run_at = \(runAt), attempts = \(attempts), lease_owner = NULL, lease_until = NULL,
                last_error = \(message), updated_at = \(stamp(now)), finished_at = \(state == .dead ? stamp(now) : nil)
                WHERE \(fence(job, worker: worker)) RETURNING id
                """)
            return rows.isEmpty ? nil : state
        }
    }

    /// Cancels a queued or running job (a running one stops at its next lease renewal).
    public func cancel(id: String) async throws -> Job {
        try await transition(id: id, from: [.queued, .running], to: "state = 'cancelled', lease_owner = NULL, lease_until = NULL", verb: "cancelled")
    }

    /// Queues a dead, cancelled or finished job again with a fresh set of attempts.
    public func retry(id: String) async throws -> Job {
        let now = clock.now()
        return try await transition(
            id: id, from: [.dead, .cancelled, .succeeded],
            to: "state = 'queued', attempts = 0, run_at = \(now), finished_at = NULL, progress = NULL, progress_message = NULL", verb: "retried")
    }

    private func transition(id: String, from: [Job.State], to assignments: SQL, verb: String) async throws -> Job {
        let now = clock.now()
        let states = SQL.join(from.map { SQL("\($0.rawValue)") }, ", ")
        return try await db.transaction { s in
            guard let current = try await s.query("SELECT \(raw: Self.columns) FROM jobs WHERE id = \(id)").first.map(Job.init(row:)) else {
                throw RecordError.notFound(type: "jobs", id: id)
            }
            guard from.contains(current.state) else {
                throw RecordError.conflict("A \(current.state.rawValue) job cannot be \(verb).")
            }
            let rows = try await s.query("""
                UPDATE jobs SET \(assignments), updated_at = \(stamp(now)) WHERE id = \(id) AND state IN (\(states)) RETURNING \(raw: Self.columns)
                """)
            guard let row = rows.first else { throw RecordError.conflict("The job changed; read it again.") }
            return Job(row: row)
        }
    }

    public func job(id: String) async throws -> Job? {
        try await db.read { s in try await s.query("SELECT \(raw: Self.columns) FROM jobs WHERE id = \(id)").first.map(Job.init(row:)) }
    }

    /// The newest jobs first, optionally in one state.
    public func list(state: Job.State? = nil, limit: Int = 100) async throws -> [Job] {
        let filter = state.map { SQL("WHERE state = \($0.rawValue)") } ?? SQL("")
        return try await db.read { s in
            try await s.query("SELECT \(raw: Self.columns) FROM jobs \(filter) ORDER BY updated_at DESC, id DESC LIMIT \(limit)").map(Job.init(row:))
        }
    }

    /// How many jobs are in each state, for the admin page and `/metrics`.
    public func counts() async throws -> [Job.State: Int] {
        let rows = try await db.read { s in try await s.query("SELECT state, COUNT(*) AS n FROM jobs GROUP BY state") }
        var out: [Job.State: Int] = [:]
        for state in Job.State.allCases { out[state] = 0 }
        for row in rows { if let state = row.text("state").flatMap(Job.State.init(rawValue:)) { out[state] = Int(row.int("n") ?? 0) } }
        return out
    }
}
