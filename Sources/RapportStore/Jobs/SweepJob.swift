import Logging

/// A recurring job that asks the store for one sweep (expire, end, remind, escalate) and
/// logs how many things it changed, only when some did: a quiet minute leaves no line.
/// A sweep must be safe to run twice or on two instances at once; each says how.
public protocol SweepJob: JobHandler {
    /// The log line of a sweep that changed something, with the count beside it.
    static var changed: Logger.Message { get }
    func sweep(_ job: JobContext) async throws -> Int
}

extension SweepJob {
    public func run(_ job: JobContext) async throws {
        let count = try await sweep(job)
        if count > 0 { job.logger.info(Self.changed, metadata: ["count": "\(count)"]) }
    }
}
