import Foundation
import RapportKit
import RapportStore
import Synchronization
import Testing

/// Counts how often each job ran, and can be told to fail or to wait.
final class RunLog: Sendable {
    let runs = Mutex<[String: Int]>([:])
    func record(_ id: String) { runs.withLock { $0[id, default: 0] += 1 } }
    var snapshot: [String: Int] { runs.withLock { $0 } }
}

struct CountingJob: JobHandler {
    static let kind = "test.count"
    let log: RunLog

    func run(_ job: JobContext) async throws {
        try await job.progress(50, "half way")
        // The effect and the completion commit together.
        try await job.finish { _ in log.record(job.id) }
    }
}

struct FailingJob: JobHandler {
    static let kind = "test.fail"
    let log: RunLog

    func run(_ job: JobContext) async throws {
        log.record(job.id)
        throw TestFailure("mail server said 451")
    }
}

/// The jobs table and runner on both databases, driven by a clock the tests move.
@Suite struct JobTests {
    static let start = Timestamp.parse("2026-12-01T10:07:00Z")!

    static func runner(_ store: JobStore, _ log: RunLog, worker: String, lease: Int64 = 30_000) -> JobRunner {
        var registry = JobRegistry()
        registry.register(CountingJob(log: log))
        registry.register(FailingJob(log: log))
        var options = JobRunner.Options()
        options.leaseMilliseconds = lease
        options.concurrency = 4
        options.backoff = RetryBackoff(baseMilliseconds: 10_000, capMilliseconds: 600_000)
        return JobRunner(store: store, registry: registry, options: options, worker: worker, random: { 0 })
    }

    @Test(arguments: Backend.available)
    func anIdempotencyKeyMakesOneJob(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { db in
            let store = JobStore(db: db, clock: ManualJobClock(Self.start))
            let first = try await store.enqueue(.init(kind: CountingJob.kind, idempotencyKey: "invoice-42"))
            let second = try await store.enqueue(.init(kind: CountingJob.kind, payload: JSONObject([("other", .string("x"))]), idempotencyKey: "invoice-42"))
            #expect(first.created && !second.created)
            #expect(first.job.id == second.job.id)
            #expect(try await store.list().count == 1)
            let third = try await store.enqueue(.init(kind: CountingJob.kind))
            #expect(third.created && third.job.id != first.job.id)
        }
    }

    @Test(arguments: Backend.available)
    func twoRunnersRacingRunEachJobOnce(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { db in
            // PostgreSQL: two pools, as two instances have; SQLite: one process's database.
            let other = backend == .postgres ? try await Database.open(db.url, maxConnections: 4) : db
            let clock = ManualJobClock(Self.start)
            let log = RunLog()
            let a = Self.runner(JobStore(db: db, clock: clock), log, worker: "a")
            let b = Self.runner(JobStore(db: other, clock: clock), log, worker: "b")
            var ids: [String] = []
            for i in 0..<24 { ids.append(try await a.store.enqueue(.init(kind: CountingJob.kind, idempotencyKey: "race-\(i)")).job.id) }
            for _ in 0..<20 {
                async let x = a.runDue()
                async let y = b.runDue()
                if try await x + y == 0 { break }
            }
            if backend == .postgres { await other.close() }
            #expect(log.snapshot.count == 24)
            #expect(log.snapshot.values.allSatisfy { $0 == 1 })
            let jobs = try await a.store.list()
            #expect(jobs.allSatisfy { $0.state == .succeeded && $0.attempts == 1 && $0.progress == 50 })
        }
    }

    @Test(arguments: Backend.available)
    func aJobWhoseInstanceDiedIsTakenOverAndFinishedOnce(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { db in
            let clock = ManualJobClock(Self.start)
            let store = JobStore(db: db, clock: clock)
            let log = RunLog()
            let id = try await store.enqueue(.init(kind: CountingJob.kind)).job.id
            // Instance "dead" claims it and is killed: it never renews nor finishes.
            let held = try await store.claim(worker: "dead", kinds: [CountingJob.kind], limit: 1, leaseMilliseconds: 30_000)
            #expect(held.map(\.id) == [id])
            let survivor = Self.runner(store, log, worker: "survivor")
            #expect(try await survivor.runDue() == 0)
            clock.advance(milliseconds: 30_001)
            #expect(try await survivor.runDue() == 1)
            #expect(log.snapshot == [id: 1])
            let job = try #require(try await store.job(id: id))
            #expect(job.state == .succeeded && job.attempts == 2)
            // The dead instance's late completion is refused: its lease is gone.
            let late = try await db.transaction { s in try await store.succeed(in: s, held[0], worker: "dead") }
            #expect(late == false)
            #expect(try await survivor.runDue() == 0)
        }
    }

    @Test(arguments: Backend.available)
    func failuresBackOffThenBecomeDeadLetters(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { db in
            let clock = ManualJobClock(Self.start)
            let store = JobStore(db: db, clock: clock)
            let log = RunLog()
            let runner = Self.runner(store, log, worker: "w")
            let id = try await store.enqueue(.init(kind: FailingJob.kind, maxAttempts: 3)).job.id
            #expect(try await runner.runDue() == 1)
            var job = try #require(try await store.job(id: id))
            // Equal jitter with a draw of 0: half of 10 s, then half of 20 s.
            #expect(job.state == .queued && job.attempts == 1 && job.runAt == Self.start + 5_000)
            #expect(job.lastError?.contains("451") == true)
            clock.advance(milliseconds: 4_999)
            #expect(try await runner.runDue() == 0)
            clock.advance(milliseconds: 1)
            #expect(try await runner.runDue() == 1)
            job = try #require(try await store.job(id: id))
            #expect(job.state == .queued && job.attempts == 2 && job.runAt == Self.start + 5_000 + 10_000)
            clock.advance(milliseconds: 10_000)
            #expect(try await runner.runDue() == 1)
            job = try #require(try await store.job(id: id))
            #expect(job.state == .dead && job.attempts == 3 && job.finishedAt != nil)
            clock.advance(milliseconds: 3_600_000)
            #expect(try await runner.runDue() == 0)
            #expect(log.snapshot == [id: 3])
            // A retry brings a dead letter back with fresh attempts.
            let retried = try await store.retry(id: id)
            #expect(retried.state == .queued && retried.attempts == 0)
            #expect(try await runner.runDue() == 1)
            #expect(log.snapshot == [id: 4])
        }
    }

    @Test(arguments: Backend.available)
    func cancelStopsAQueuedJobAndARunningOnesCompletion(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { db in
            let clock = ManualJobClock(Self.start)
            let store = JobStore(db: db, clock: clock)
            let log = RunLog()
            let runner = Self.runner(store, log, worker: "w")
            let queued = try await store.enqueue(.init(kind: CountingJob.kind)).job.id
            #expect(try await store.cancel(id: queued).state == .cancelled)
            #expect(try await runner.runDue() == 0)
            await #expect(throws: RecordError.self) { try await store.cancel(id: queued) }
            await #expect(throws: RecordError.self) { try await store.cancel(id: "no-such-job") }
            // Cancelled while held: the holder can no longer report progress or finish.
            let running = try await store.enqueue(.init(kind: CountingJob.kind)).job.id
            let held = try await store.claim(worker: "w", kinds: [CountingJob.kind], limit: 1, leaseMilliseconds: 30_000)
            #expect(held.map(\.id) == [running])
            #expect(try await store.cancel(id: running).state == .cancelled)
            #expect(try await store.progress(held[0], worker: "w", value: 1, message: nil) == false)
            #expect(try await store.renew(held[0], worker: "w", leaseMilliseconds: 30_000) == false)
            #expect(try await db.transaction { s in try await store.succeed(in: s, held[0], worker: "w") } == false)
            #expect(try #require(try await store.job(id: running)).state == .cancelled)
            #expect(log.snapshot.isEmpty)
        }
    }

    @Test(arguments: Backend.available)
    func aRecurringJobIsQueuedAgainForItsNextTime(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { db in
            let clock = ManualJobClock(Self.start)
            let store = JobStore(db: db, clock: clock)
            let log = RunLog()
            var registry = JobRegistry()
            registry.register(CountingJob(log: log), schedule: "0 * * * *", timeZone: "Asia/Seoul")
            let runner = JobRunner(store: store, registry: registry, worker: "w", random: { 0 })
            try await runner.ensureRecurring()
            try await runner.ensureRecurring()
            var jobs = try await store.list()
            #expect(jobs.count == 1)
            #expect(jobs[0].runAt == Timestamp.parse("2026-12-01T11:00:00Z")!)
            #expect(try await runner.runDue() == 0)
            clock.advance(milliseconds: 53 * 60_000)
            #expect(try await runner.runDue() == 1)
            jobs = try await store.list()
            #expect(jobs.count == 1)
            #expect(jobs[0].state == .queued && jobs[0].attempts == 0 && jobs[0].runAt == Timestamp.parse("2026-12-01T12:00:00Z")!)
            #expect(log.snapshot.values.first == 1)
            // A changed schedule takes effect from the next run.
            let moved = try await store.ensureRecurring(kind: CountingJob.kind, schedule: "30 9 * * *", timeZone: "Asia/Seoul")
            #expect(moved.runAt == Timestamp.parse("2026-12-02T00:30:00Z")!)
        }
    }

    @Test(arguments: Backend.available)
    func badEnqueuesAreRefused(_ backend: Backend) async throws {
        try await TestDatabase.with(backend) { db in
            let store = JobStore(db: db)
            await #expect(throws: RecordError.self) { try await store.enqueue(.init(kind: "")) }
            await #expect(throws: RecordError.self) { try await store.enqueue(.init(kind: "x", maxAttempts: 0)) }
            await #expect(throws: (any Error).self) { try await store.ensureRecurring(kind: "x", schedule: "every hour", timeZone: "UTC") }
            await #expect(throws: RecordError.self) { try await store.ensureRecurring(kind: "x", schedule: "0 * * * *", timeZone: "Mars/Olympus") }
            let remaining = try await store.list()
            #expect(remaining.isEmpty)
        }
    }
}
