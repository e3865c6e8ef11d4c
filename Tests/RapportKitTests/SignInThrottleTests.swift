import Testing
@testable import RapportKit

private func throttle(failuresAt times: [Double], key: String = "ada@example.com") -> SignInThrottle {
    var t = SignInThrottle(limit: 5, window: 900)
    for time in times { t.recordFailure(key, now: time) }
    return t
}

/// Five failures in fifteen minutes lock a key until the oldest of them is fifteen
/// minutes old. The clock is a parameter, so every boundary is checked exactly.
@Suite struct SignInThrottleTests {
    private let key = "ada@example.com"

    @Test func fourFailuresDoNotLock() {
        let t = throttle(failuresAt: [0, 10, 20, 30])
        #expect(t.retryAfter(key, now: 30) == nil)
    }

    @Test func noFailuresDoNotLock() {
        #expect(SignInThrottle(limit: 5, window: 900).retryAfter(key, now: 0) == nil)
    }

    @Test func fifthFailureLocksUntilTheOldestLeavesTheWindow() {
        let t = throttle(failuresAt: [0, 10, 20, 30, 40])
        #expect(t.retryAfter(key, now: 40) == 860)
        #expect(t.retryAfter(key, now: 500) == 400)
        #expect(t.retryAfter(key, now: 899) == 1)
    }

    @Test func waitsAreRoundedUpAndAtLeastOneSecond() {
        let t = throttle(failuresAt: [0.25, 10, 20, 30, 40])
        #expect(t.retryAfter(key, now: 40) == 861) // 0.25 + 900 - 40 = 860.25
        #expect(t.retryAfter(key, now: 900) == 1) // 0.25 left
        let u = throttle(failuresAt: [0, 10, 20, 30, 40])
        #expect(u.retryAfter(key, now: 899.5) == 1) // 0.5 left
    }

    @Test func theKeyMayTryAgainOnceTheOldestFailureLeaves() {
        let t = throttle(failuresAt: [0, 10, 20, 30, 40])
        #expect(t.retryAfter(key, now: 900) == nil) // exactly window old: out
        #expect(t.retryAfter(key, now: 900.5) == nil)
    }

    @Test func aFailureAfterTheWindowStartsCountingAfresh() {
        var t = throttle(failuresAt: [0, 10, 20, 30, 40])
        t.recordFailure(key, now: 900.5)
        // 10, 20, 30, 40 and 900.5 are all within 900 s of 900.5: locked until 10 leaves.
        #expect(t.retryAfter(key, now: 900.5) == 10) // 10 + 900 - 900.5 = 9.5 → 10
        #expect(t.retryAfter(key, now: 910) == nil)
    }

    @Test func spreadOutFailuresNeverLock() {
        // One failure every 300 s: never more than three within 900 s.
        let times = (0..<20).map { Double($0) * 300 }
        var t = SignInThrottle(limit: 5, window: 900)
        for time in times {
            t.recordFailure(key, now: time)
            #expect(t.retryAfter(key, now: time) == nil)
        }
    }

    @Test func resetClears() {
        var t = throttle(failuresAt: [0, 10, 20, 30, 40])
        #expect(t.retryAfter(key, now: 40) != nil)
        t.reset(key)
        #expect(t.retryAfter(key, now: 40) == nil)
        // Counting restarts from zero.
        for time in [50.0, 60, 70, 80] { t.recordFailure(key, now: time) }
        #expect(t.retryAfter(key, now: 80) == nil)
        t.recordFailure(key, now: 90)
        #expect(t.retryAfter(key, now: 90) == 860)
    }

    @Test func keysAreIndependent() {
        var t = throttle(failuresAt: [0, 10, 20, 30, 40])
        t.recordFailure("203.0.113.7", now: 40)
        #expect(t.retryAfter(key, now: 40) == 860)
        #expect(t.retryAfter("203.0.113.7", now: 40) == nil)
        #expect(t.retryAfter("bob@example.com", now: 40) == nil)
        t.reset("203.0.113.7")
        #expect(t.retryAfter(key, now: 40) == 860)
    }

    @Test func onlyTheNewestLimitFailuresDecideTheWait() {
        // Failures at 0, 100, …, 900. Recording at 900 drops 0 (exactly window old), and
        // the cap of five keeps 500…900, so the key is locked until 500 + 900 = 1400.
        let t = throttle(failuresAt: (0..<10).map { Double($0) * 100 })
        #expect(t.retryAfter(key, now: 900) == 500)
        #expect(t.retryAfter(key, now: 1000) == 400)
        #expect(t.retryAfter(key, now: 1399) == 1)
        #expect(t.retryAfter(key, now: 1400) == nil)
    }

    @Test func manyFailuresInABurstLockUntilTheFifthNewestLeaves() {
        // Twelve failures at 0…11: the newest five are 7…11, so the wait ends at 907.
        let t = throttle(failuresAt: (0..<12).map(Double.init))
        #expect(t.retryAfter(key, now: 11) == 896)
        #expect(t.retryAfter(key, now: 906.5) == 1)
        #expect(t.retryAfter(key, now: 907) == nil)
    }

    /// The same rule over failure times kept elsewhere (the shared table hands over all
    /// the key's recent failures, oldest first) gives the same answers as the counter.
    @Test func theRuleOverStoredTimesMatchesTheCounter() {
        let times = (0..<12).map(Double.init)
        let t = throttle(failuresAt: times)
        for now in [11.0, 500, 906.5, 907, 2000] {
            #expect(SignInThrottle.retryAfter(failures: times, now: now, limit: 5, window: 900) == t.retryAfter(key, now: now))
        }
        #expect(SignInThrottle.retryAfter(failures: [0, 10, 20, 30], now: 30, limit: 5, window: 900) == nil)
        #expect(SignInThrottle.retryAfter(failures: [0, 10, 20, 30, 40], now: 40, limit: 5, window: 900) == 860)
    }
}
