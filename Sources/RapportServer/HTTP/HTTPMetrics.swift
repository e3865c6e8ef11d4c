import Metrics
import Synchronization

/// The request counter and duration histogram of each method, route and status, made once
/// and kept. Making a swift-metrics handle asks the Prometheus registry for it under the
/// registry's one lock, after checking the name, the labels and the histogram's buckets;
/// done twice per request, that lock is shared by every request on every thread.
final class HTTPMetrics: Sendable {
    private struct Key: Hashable {
        var method: String
        var route: String
        var status: Int
    }

    private struct Handles {
        var counters: [Key: Counter] = [:]
        var timers: [Key: Timer] = [:]
    }

    /// Beyond this many series (methods are whatever clients send) new ones are still
    /// counted, only not kept here.
    static let limit = 2_000
    private let handles = Mutex(Handles())

    init() {}

    func record(method: String, route: String, status: Int, nanoseconds: Int64) {
        let counterKey = Key(method: method, route: route, status: status)
        let timerKey = Key(method: method, route: route, status: 0)
        let (counter, timer) = handles.withLock { h in (h.counters[counterKey], h.timers[timerKey]) }
        (counter ?? made(counterKey) { Counter(label: "rapport_http_requests_total", dimensions: [("method", method), ("route", route), ("status", String(status))]) }).increment()
        (timer ?? made(timerKey) { Timer(label: "rapport_http_request_duration_seconds", dimensions: [("method", method), ("route", route)]) }).recordNanoseconds(nanoseconds)
    }

    private func made(_ key: Key, _ make: () -> Counter) -> Counter {
        let counter = make()
        handles.withLock { h in if h.counters.count < Self.limit { h.counters[key] = counter } }
        return counter
    }

    private func made(_ key: Key, _ make: () -> Timer) -> Timer {
        let timer = make()
        handles.withLock { h in if h.timers.count < Self.limit { h.timers[key] = timer } }
        return timer
    }
}
