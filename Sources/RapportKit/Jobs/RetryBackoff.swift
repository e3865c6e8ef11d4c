/// How long a failed job waits before its next attempt: exponential in the attempt, capped,
/// with "equal jitter" (Marc Brooker, "Exponential Backoff And Jitter", AWS Architecture
/// Blog, 2015): half the delay is fixed so retries never come back at once, half is random
/// so many jobs failing together (a database restart) spread out instead of retrying in
/// lock step.
public struct RetryBackoff: Sendable, Hashable {
    /// The delay before the second attempt, without jitter.
    public var baseMilliseconds: Int64
    /// No delay grows past this.
    public var capMilliseconds: Int64

    public init(baseMilliseconds: Int64 = 10_000, capMilliseconds: Int64 = 3_600_000) {
        self.baseMilliseconds = baseMilliseconds
        self.capMilliseconds = capMilliseconds
    }

    /// The delay after `attempt` (1 for the first) failed; `random` is a draw in [0, 1),
    /// passed in so the rule stays a function tests can pin.
    public func delay(afterAttempt attempt: Int, random: Double) -> Int64 {
        let exponent = min(max(attempt - 1, 0), 40)
        let raw = baseMilliseconds > capMilliseconds >> Int64(exponent) ? capMilliseconds : baseMilliseconds << Int64(exponent)
        let ceiling = min(capMilliseconds, raw)
        let half = ceiling / 2
        let r = min(max(random, 0), 0.999_999)
        return ceiling - half + Int64(Double(half) * r)
    }
}
