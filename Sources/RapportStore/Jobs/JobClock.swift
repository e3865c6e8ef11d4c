import Foundation
import Synchronization

/// Where the job system reads the time, so tests move it forward instead of sleeping
/// (lease expiry, backoff, schedules).
public protocol JobClock: Sendable {
    /// Milliseconds since 1970.
    func now() -> Int64
}

/// The machine's clock.
public struct SystemJobClock: JobClock {
    public init() {}
    public func now() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
}

/// A clock that only moves when told to.
public final class ManualJobClock: JobClock {
    private let value: Mutex<Int64>

    public init(_ start: Int64) { value = Mutex(start) }

    public func now() -> Int64 { value.withLock { $0 } }

    public func advance(milliseconds: Int64) { value.withLock { $0 += milliseconds } }
}
