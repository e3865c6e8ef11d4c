/// Counts failed sign-ins per key (an account, an address) in a sliding window and says
/// how long a key must wait once it has failed too often. Pure: the caller supplies the
/// clock, so the rule is tested without sleeping.
public struct SignInThrottle: Sendable {
    public var limit: Int
    public var window: Double
    private var failures: [String: [Double]] = [:]

    /// `limit` failures within `window` seconds lock the key until the oldest of them
    /// leaves the window.
    public init(limit: Int, window: Double) {
        self.limit = limit
        self.window = window
    }

    /// Seconds to wait before trying again, or nil when the key may try now.
    public func retryAfter(_ key: String, now: Double) -> Int? {
        Self.retryAfter(failures: failures[key] ?? [], now: now, limit: limit, window: window)
    }

    /// The rule itself, for counts kept elsewhere (a table shared by every instance):
    /// `failures` are the key's failure times, oldest first; only those inside the window
    /// and, of them, the newest `limit` count.
    public static func retryAfter(failures: [Double], now: Double, limit: Int, window: Double) -> Int? {
        let recent = failures.filter { now - $0 < window }.suffix(limit)
        guard recent.count >= limit, let oldest = recent.first else { return nil }
        let wait = oldest + window - now
        return max(1, Int(wait.rounded(.up)))
    }

    public mutating func recordFailure(_ key: String, now: Double) {
        var recent = (failures[key] ?? []).filter { now - $0 < window }
        recent.append(now)
        // Only the newest `limit` failures can decide a wait.
        if recent.count > limit { recent.removeFirst(recent.count - limit) }
        failures[key] = recent
        if failures.count > 100_000 { prune(now: now) }
    }

    /// A successful sign-in clears the account's count (not the address's).
    public mutating func reset(_ key: String) {
        failures[key] = nil
    }

    private mutating func prune(now: Double) {
        failures = failures.filter { _, times in times.contains { now - $0 < window } }
    }
}
