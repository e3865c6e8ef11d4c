import Synchronization

/// Reads of the same key that overlap in time share one read.
///
/// The caches in front of every request (tokens, roles and teams, custom fields) expire
/// after a fraction of a second so that another instance's change shows quickly. Without
/// this, every request in flight when an entry expires reads it again at once: under 32
/// connections that is up to 32 copies of the same queries queueing for the pool together,
/// twice a second, and the requests behind them make the slowest percentile.
///
/// - Important: `load` runs on a pooled connection of its own. Never call this from inside
///   a transaction: waiting for another connection while holding one can freeze the pool.
final class InFlightLoads<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let running = Mutex<[Key: Task<Value, any Error>]>([:])

    init() {}

    /// The value `load` produces for `key`, joining a load of that key already under way.
    /// A load that fails fails every caller that joined it; the next call starts afresh.
    func value(_ key: Key, load: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let (task, started) = running.withLock { running -> (Task<Value, any Error>, Bool) in
            if let task = running[key] { return (task, false) }
            let task = Task { try await load() }
            running[key] = task
            return (task, true)
        }
        if started {
            // Removed by the caller that started it, once, whatever the outcome; callers
            // arriving after this look in their cache first, which the load has filled.
            defer { running.withLock { _ = $0.removeValue(forKey: key) } }
            return try await task.value
        }
        return try await task.value
    }

    /// Loads under way, for tests.
    var count: Int { running.withLock { $0.count } }
}
