import Foundation
import Logging
import RapportKit
import RapportStore

/// A job that only takes time, for checking that a job survives the instance running it
/// (`Tests/multi/kill_job.sh`). Registered only when `RAPPORT_DEBUG_JOBS=1`.
struct DebugSleepJob: JobHandler {
    static let kind = "debug.sleep"

    func run(_ job: JobContext) async throws {
        let seconds = job.payload["seconds"]?.numberLiteral.flatMap { Int($0) } ?? 5
        job.logger.info("Debug job started", metadata: ["seconds": "\(seconds)"])
        for second in 0..<seconds {
            try await job.progress(second, "slept \(second) of \(seconds) s")
            try await Task.sleep(for: .seconds(1))
        }
        try await job.finish { _ in }
        job.logger.info("Debug job finished")
    }
}
