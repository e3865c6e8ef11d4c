import Logging
import Synchronization
import RapportKit

/// The code that does one kind of job.
///
/// - Important: A job runs at least once and, unless the handler takes care, possibly
///   more than once: an instance may stop (`kill -9`, power loss) after the handler's work
///   is committed but before the job is marked done, and another instance then runs it
///   again once the lease expires. Handlers therefore either commit their effect and the
///   job's completion together with ``JobContext/finish(_:)``, which commits nothing if
///   the lease was lost, or make the effect idempotent on their own (an update guarded by
///   the state it changes, a key derived from ``JobContext/id`` and
///   ``JobContext/attempt``).
public protocol JobHandler: Sendable {
    /// The name jobs of this kind are stored under; never rename a released one.
    static var kind: String { get }
    func run(_ job: JobContext) async throws
}

/// A recurring job a handler asks for: every instance makes sure it exists at start.
public struct RecurringJob: Sendable {
    public var kind: String
    public var schedule: String
    public var timeZone: String

    public init(kind: String, schedule: String, timeZone: String = "UTC") {
        self.kind = kind
        self.schedule = schedule
        self.timeZone = timeZone
    }
}

/// Which handler runs which kind, and the schedules of recurring ones. The runner looks
/// handlers up here by the stored kind; nothing in the runner knows a kind by name.
public struct JobRegistry: Sendable {
    private(set) var handlers: [String: any JobHandler] = [:]
    public private(set) var recurring: [RecurringJob] = []

    public init() {}

    public mutating func register<H: JobHandler>(_ handler: H, schedule: String? = nil, timeZone: String = "UTC") {
        precondition(handlers[H.kind] == nil, "Two job handlers for \(H.kind)")
        handlers[H.kind] = handler
        if let schedule { recurring.append(RecurringJob(kind: H.kind, schedule: schedule, timeZone: timeZone)) }
    }

    public var kinds: [String] { handlers.keys.sorted() }

    public func handler(for kind: String) -> (any JobHandler)? { handlers[kind] }
}

/// What a handler is told about the job it runs, and how it reports back.
public struct JobContext: Sendable {
    public let job: Job
    public let worker: String
    public let store: JobStore
    public let logger: Logger
    let outcome: JobOutcome

    public var id: String { job.id }
    /// 1 for the first attempt.
    public var attempt: Int { job.attempts }
    public var payload: JSONObject { job.payload }
    public var database: Database { store.db }
    /// Milliseconds since 1970 from the runner's clock, which tests move by hand.
    public var now: Int64 { store.clock.now() }
    /// Today's date in UTC from that clock, `2026-12-01`.
    public var today: String { String(Timestamp.format(millisecondsSince1970: now).prefix(10)) }

    /// Records progress; throws ``JobLeaseLost`` when the job was cancelled or taken over,
    /// so a long handler stops at its next report.
    public func progress(_ value: Int, _ message: String? = nil) async throws {
        guard try await store.progress(job, worker: worker, value: value, message: message) else {
            throw JobLeaseLost()
        }
    }

    /// Commits `body`'s writes and the job's completion in one transaction: either both
    /// land or, when the lease was lost meanwhile, neither does.
    public func finish<T: Sendable>(_ body: (Session) async throws -> T) async throws -> T {
        let result = try await store.db.transaction { s in
            guard try await store.succeed(in: s, job, worker: worker) else { throw JobLeaseLost() }
            return try await body(s)
        }
        outcome.finished.withLock { $0 = true }
        return result
    }
}

/// Whether a handler already committed its job's completion through ``JobContext/finish(_:)``.
final class JobOutcome: Sendable {
    let finished = Mutex(false)
}

/// The job is no longer this runner's: cancelled, or its lease expired and another
/// instance took it.
public struct JobLeaseLost: Error, Sendable {}
