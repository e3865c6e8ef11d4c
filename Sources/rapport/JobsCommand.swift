import ArgumentParser
import Foundation
import RapportKit
import RapportStore

struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs", abstract: "Inspect and steer background jobs.", subcommands: [List.self, Retry.self, Cancel.self, EnqueueTest.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List jobs, newest change first.")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "Only jobs in this state: queued, running, succeeded, dead or cancelled.") var state: String?
        @Option(help: "At most this many.") var limit = 100

        func validate() throws {
            if let state, Job.State(rawValue: state) == nil { throw ValidationError("--state is one of \(Job.State.allCases.map(\.rawValue).joined(separator: ", ")).") }
            guard (1...10_000).contains(limit) else { throw ValidationError("--limit is 1 to 10,000.") }
        }

        func run() async throws {
            let database = try await db.open()
            let jobs = try await JobStore(db: database).list(state: state.flatMap(Job.State.init(rawValue:)), limit: limit)
            await database.close()
            print(["id", "kind", "state", "attempts", "run at", "schedule", "progress", "lease owner", "last error"].joined(separator: "\t"))
            for j in jobs {
                let progress = j.progress.map { "\($0) \(j.progressMessage ?? "")" } ?? "-"
                print([j.id, j.kind, j.state.rawValue, "\(j.attempts)/\(j.maxAttempts)", Timestamp.format(millisecondsSince1970: j.runAt),
                       j.schedule.map { "\($0) \(j.timeZone ?? "")" } ?? "-", progress, j.leaseOwner ?? "-",
                       j.lastError.map { String($0.prefix(80)).replacingOccurrences(of: "\n", with: " ") } ?? "-"].joined(separator: "\t"))
            }
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Queue a dead, cancelled or finished job again.")
        @OptionGroup var db: DatabaseOptions
        @Argument(help: "The job's id (from `rapport jobs list`).") var id: String

        func run() async throws {
            try await change(db, id) { try await $0.retry(id: id) }
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel a queued or running job.")
        @OptionGroup var db: DatabaseOptions
        @Argument(help: "The job's id (from `rapport jobs list`).") var id: String

        func run() async throws {
            try await change(db, id) { try await $0.cancel(id: id) }
        }
    }

    struct EnqueueTest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "enqueue-test", abstract: "Queue a job that only sleeps (run by servers started with RAPPORT_DEBUG_JOBS=1).", shouldDisplay: false)
        @OptionGroup var db: DatabaseOptions
        @Option(help: "How long the job sleeps.") var seconds = 10

        func run() async throws {
            guard (1...3600).contains(seconds) else { throw ValidationError("--seconds is 1 to 3600.") }
            let database = try await db.open()
            let job = try await JobStore(db: database).enqueue(.init(kind: DebugSleepJob.kind, payload: JSONObject([("seconds", .number(String(seconds)))]), maxAttempts: 3)).job
            await database.close()
            print(job.id)
        }
    }

    static func change(_ db: DatabaseOptions, _ id: String, _ body: (JobStore) async throws -> Job) async throws {
        let database = try await db.open()
        do {
            let job = try await body(JobStore(db: database))
            await database.close()
            note("Job \(job.id) is now \(job.state.rawValue).")
        } catch let error as RecordError {
            await database.close()
            switch error {
            case .notFound: throw CommandFailure("No job has the id \(id).")
            case .conflict(let detail): throw CommandFailure(detail)
            default: throw CommandFailure("\(error)")
            }
        }
    }
}
