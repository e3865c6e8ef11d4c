import Foundation
import RapportKit
import Logging
import Metrics
import ServiceLifecycle
import Synchronization

/// Runs due jobs from the `jobs` table with the handlers of a ``JobRegistry``, as a
/// lifecycle service beside the HTTP server. Every instance runs one; the table's leases
/// decide who runs what.
///
/// On graceful shutdown (SIGTERM) it stops claiming, gives running jobs up to
/// ``Options/drain`` to end, then cancels them without recording an attempt: their leases
/// stay until they expire and another instance takes the jobs over.
public final class JobRunner: Service, Sendable {
    public struct Options: Sendable {
        /// Jobs one instance runs at once.
        public var concurrency = 2
        /// How often to look for due jobs when idle.
        public var poll: Duration = .seconds(1)
        /// How long a claim holds before another instance may take the job; renewed every
        /// third of it while the handler runs.
        public var leaseMilliseconds: Int64 = 30_000
        public var drain: Duration = .seconds(10)
        public var backoff = RetryBackoff()

        public init() {}
    }

    public let store: JobStore
    public let registry: JobRegistry
    public let worker: String
    let options: Options
    let logger: Logger
    let random: @Sendable () -> Double
    private let inFlight = Mutex(0)

    public init(store: JobStore, registry: JobRegistry, options: Options = Options(), worker: String? = nil, logger: Logger = Logger(label: "rapport.jobs"),
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.store = store
        self.registry = registry
        self.options = options
        self.worker = worker ?? Self.defaultWorker()
        self.logger = logger
        self.random = random
    }

    /// `host:pid:random`, so an operator can tell which instance holds a lease.
    static func defaultWorker() -> String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UInt32.random(in: 0...UInt32.max) % 100_000)"
    }

    /// Makes sure every recurring job the registry asks for exists.
    public func ensureRecurring() async throws {
        for r in registry.recurring {
            try await store.ensureRecurring(kind: r.kind, schedule: r.schedule, timeZone: r.timeZone)
        }
    }

    public func run() async throws {
        logger.info("Job runner started", metadata: ["worker": "\(worker)", "kinds": "\(registry.kinds.joined(separator: ","))"])
        // A database that is briefly away at start should not stop the server: the
        // recurring jobs are made sure of on the first pass that reaches it.
        var ensured = false
        await withDiscardingTaskGroup { group in
            while !Task.isShuttingDownGracefully, !Task.isCancelled {
                if !ensured {
                    do {
                        try await ensureRecurring()
                        ensured = true
                    } catch {
                        logger.error("Setting up recurring jobs failed; retrying", metadata: ["error": "\(String(reflecting: error))"])
                    }
                }
                let free = options.concurrency - inFlight.withLock { $0 }
                if free > 0 {
                    do {
                        for job in try await store.claim(worker: worker, kinds: registry.kinds, limit: free, leaseMilliseconds: options.leaseMilliseconds) {
                            inFlight.withLock { $0 += 1 }
                            group.addTask {
                                await self.execute(job)
                                self.inFlight.withLock { $0 -= 1 }
                            }
                        }
                    } catch {
                        logger.error("Claiming jobs failed", metadata: ["error": "\(String(reflecting: error))"])
                    }
                }
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.options.poll) }
            }
            logger.info("Job runner draining: no new jobs", metadata: ["running": "\(inFlight.withLock { $0 })"])
            let deadline = ContinuousClock.now.advanced(by: options.drain)
            while inFlight.withLock({ $0 }) > 0, ContinuousClock.now < deadline, !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(50))
            }
            let left = inFlight.withLock { $0 }
            if left > 0 {
                logger.warning("Stopping with jobs still running; their leases expire and another instance takes them over", metadata: ["running": "\(left)"])
                group.cancelAll()
            }
        }
        logger.info("Job runner stopped", metadata: ["worker": "\(worker)"])
    }

    /// Claims what is due now and runs it to the end; tests and `rapport jobs run-due`
    /// drive the runner this way. Returns how many jobs it ran.
    @discardableResult
    public func runDue(limit: Int? = nil) async throws -> Int {
        let jobs = try await store.claim(worker: worker, kinds: registry.kinds, limit: limit ?? options.concurrency, leaseMilliseconds: options.leaseMilliseconds)
        await withDiscardingTaskGroup { group in
            for job in jobs { group.addTask { await self.execute(job) } }
        }
        return jobs.count
    }

    private enum Ending: Sendable {
        case returned
        case threw(String, lost: Bool)
        case leaseLost
    }

    func execute(_ job: Job) async {
        var log = logger
        log[metadataKey: "job_id"] = "\(job.id)"
        log[metadataKey: "job_kind"] = "\(job.kind)"
        log[metadataKey: "attempt"] = "\(job.attempts)"
        let started = ContinuousClock.now
        guard let handler = registry.handler(for: job.kind) else { return }
        if job.attempts > job.maxAttempts {
            // Its instance stopped during every attempt it had: no more tries.
            let state = try? await store.fail(job, worker: worker, error: "The instance running the last attempt stopped before it finished.", backoff: options.backoff, random: random())
            count(job.kind, state?.rawValue ?? "lease_lost")
            return
        }
        let context = JobContext(job: job, worker: worker, store: store, logger: log, outcome: JobOutcome())
        let renewEvery = Duration.milliseconds(max(options.leaseMilliseconds / 3, 10))
        let ending: Ending = await withTaskGroup(of: Ending?.self) { group in
            group.addTask {
                do {
                    try await handler.run(context)
                    return .returned
                } catch {
                    return .threw(String(describing: error), lost: error is JobLeaseLost)
                }
            }
            group.addTask {
                while !Task.isCancelled {
                    do { try await Task.sleep(for: renewEvery) } catch { return nil }
                    if (try? await self.store.renew(job, worker: self.worker, leaseMilliseconds: self.options.leaseMilliseconds)) == false { return .leaseLost }
                }
                return nil
            }
            var lost = false
            var ending: Ending = .leaseLost
            while let next = await group.next() {
                guard let next else { continue }
                group.cancelAll()
                if case .leaseLost = next {
                    // Wait for the handler to stop; its own ending no longer counts.
                    lost = true
                    continue
                }
                ending = next
                break
            }
            return lost ? .leaseLost : ending
        }
        let elapsed = ContinuousClock.now - started
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        Timer(label: "rapport_job_duration_seconds", dimensions: [("kind", job.kind)]).recordMilliseconds(ms)
        switch ending {
        case .returned:
            if context.outcome.finished.withLock({ $0 }) {
                count(job.kind, "succeeded")
                return
            }
            do {
                let done = try await store.db.transaction { s in try await store.succeed(in: s, job, worker: worker) }
                count(job.kind, done ? "succeeded" : "lease_lost")
                if !done { log.warning("Job finished after its lease was lost; another instance may have run it") }
            } catch {
                log.error("Recording a finished job failed", metadata: ["error": "\(String(reflecting: error))"])
            }
        case .leaseLost, .threw(_, lost: true):
            count(job.kind, "lease_lost")
            log.info("Job no longer held by this instance (cancelled or taken over)")
        case .threw(let message, lost: false):
            if Task.isCancelled {
                // Shutting down: the lease stays and expires, and another instance runs it.
                count(job.kind, "interrupted")
                return
            }
            let state = try? await store.fail(job, worker: worker, error: message, backoff: options.backoff, random: random())
            count(job.kind, state == .dead ? "dead" : "failed")
            log.warning("Job failed", metadata: ["error": "\(message)", "now": "\(state?.rawValue ?? "lease lost")"])
        }
    }

    private func count(_ kind: String, _ outcome: String) {
        Counter(label: "rapport_job_runs_total", dimensions: [("kind", kind), ("outcome", outcome)]).increment()
    }
}
