import RapportKit
import Testing

/// When a clock is owed a warning or a breach, who hears of it, and how a span of time is
/// shown beside a clock; the conventions are in docs/service-levels.md.
@Suite struct SLAEscalationTests {
    static let minute: Int64 = 60_000

    @Test func warningInTheLeadThenBreachFromTheDueInstant() {
        let due: Int64 = 1_000 * Self.minute
        let lead = 60 * Self.minute
        #expect(SLAEscalation.owed(dueAt: due, leadMillis: lead, now: due - lead - 1) == nil)
        #expect(SLAEscalation.owed(dueAt: due, leadMillis: lead, now: due - lead) == .warning)
        #expect(SLAEscalation.owed(dueAt: due, leadMillis: lead, now: due - 1) == .warning)
        #expect(SLAEscalation.owed(dueAt: due, leadMillis: lead, now: due) == .breach)
        // A breach stays owed however late the job runs.
        #expect(SLAEscalation.owed(dueAt: due, leadMillis: lead, now: due + 30 * 86_400_000) == .breach)
        // No lead, no warning; a negative lead counts as none.
        #expect(SLAEscalation.owed(dueAt: due, leadMillis: 0, now: due - 1) == nil)
        #expect(SLAEscalation.owed(dueAt: due, leadMillis: -5, now: due - 1) == nil)
    }

    @Test func extremesNeverTrap() {
        #expect(SLAEscalation.owed(dueAt: .min, leadMillis: .max, now: 0) == .breach)
        #expect(SLAEscalation.owed(dueAt: .min + 1, leadMillis: .max, now: .min) == nil)
        #expect(SLAEscalation.owed(dueAt: .max, leadMillis: .max, now: .min) == nil)
        #expect(SLAEscalation.owed(dueAt: .max, leadMillis: .max, now: .max) == .breach)
        // Generated instants: the answer agrees with the same rule in 128-bit arithmetic,
        // where nothing can overflow.
        var rng = SeededGenerator(seed: 16)
        for _ in 0..<5_000 {
            let due = Int64.random(in: .min ... .max, using: &rng), lead = Int64.random(in: -10 ... .max, using: &rng)
            let now = Bool.random(using: &rng) ? Int64.random(in: .min ... .max, using: &rng) : due &- Int64.random(in: -10...1_000_000, using: &rng)
            let start = Int128(due) - Int128(max(lead, 0))
            let expected: SLAEscalationKind? = now >= due ? .breach : (start >= Int128(Int64.min) && Int128(now) >= start ? .warning : nil)
            #expect(SLAEscalation.owed(dueAt: due, leadMillis: lead, now: now) == expected, "due \(due) lead \(lead) now \(now)")
        }
    }

    @Test func whoIsTold() {
        #expect(SLAEscalation.recipients(.warning, assignee: "agent", groupManager: "lead") == ["agent"])
        #expect(SLAEscalation.recipients(.warning, assignee: nil, groupManager: "lead") == ["lead"])
        #expect(SLAEscalation.recipients(.warning, assignee: nil, groupManager: nil) == [])
        #expect(SLAEscalation.recipients(.breach, assignee: "agent", groupManager: "lead") == ["agent", "lead"])
        #expect(SLAEscalation.recipients(.breach, assignee: "lead", groupManager: "lead") == ["lead"])
        #expect(SLAEscalation.recipients(.breach, assignee: nil, groupManager: "lead") == ["lead"])
    }

    @Test func spansRoundUpToTheMinuteAndShowTwoUnits() {
        func shown(_ millis: Int64) -> String {
            SLADurationParts(millis: millis).shown.map { "\($0.value)\($0.unit.rawValue.prefix(1))" }.joined(separator: " ")
        }
        #expect(shown(0) == "0m")
        #expect(shown(-5) == "0m")
        #expect(shown(20_000) == "1m")
        #expect(shown(60_000) == "1m")
        #expect(shown(60_001) == "2m")
        #expect(shown(59 * Self.minute) == "59m")
        #expect(shown(60 * Self.minute) == "1h")
        #expect(shown(80 * Self.minute) == "1h 20m")
        #expect(shown(24 * 60 * Self.minute) == "1d")
        #expect(shown((2 * 24 * 60 + 4 * 60 + 7) * Self.minute) == "2d 4h")
        #expect(shown((3 * 24 * 60 + 7) * Self.minute) == "3d")
        #expect(SLADurationParts(millis: .max).days == (Int64.max / 60_000 + 1) / 1440)
    }

    @Test func readingStates() {
        let base = SLAClockReading(metric: .firstResponse, priority: .normal, targetMillis: 60 * Self.minute, startedAt: 0, elapsedMillis: 0,
                                   dueAt: 60 * Self.minute, isPaused: false, stoppedAt: nil, breachedAt: nil)
        #expect(base.state == .running)
        var r = base
        r.isPaused = true
        #expect(r.state == .paused)
        r = base
        r.breachedAt = 60 * Self.minute
        #expect(r.state == .breached)
        r.stoppedAt = 70 * Self.minute
        #expect(r.state == .missed)
        r = base
        r.stoppedAt = 10 * Self.minute
        #expect(r.state == .met)
    }
}
