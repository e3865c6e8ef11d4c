/// Synthetic tickets with event histories shaped like a help desk's, for the SLA clock's
/// benchmark: most tickets get a first reply within a day, a third wait on the customer
/// for a while, customers write again, some are re-prioritised, two thirds are solved and
/// some of those reopen. Seeded, so every run measures the same tickets.
public struct SLAWorkload: Sendable {
    public var tickets: [[SLAEvent]]
    public var now: Int64

    /// `count` tickets created over the 30 days before `now`.
    public init(count: Int, now: Int64, seed: UInt64 = 16) {
        var rng = SeededGenerator(seed: seed)
        let minute: Int64 = 60_000
        var tickets: [[SLAEvent]] = []
        tickets.reserveCapacity(count)
        for _ in 0..<count {
            var t = now - Int64.random(in: 0..<(30 * 24 * 60), using: &rng) * minute
            let priority = [TicketPriority.low, .normal, .normal, .normal, .high, .urgent].randomElement(using: &rng)!
            var events = [SLAEvent(at: t, kind: .created(status: .new, priority: priority))]
            func step(_ maxMinutes: Int64) -> Bool {
                t += Int64.random(in: 1...maxMinutes, using: &rng) * minute
                return t <= now
            }
            if step(8 * 60) { events.append(SLAEvent(at: t, kind: .statusChanged(to: .open))) }
            let rounds = Int.random(in: 1...4, using: &rng)
            for _ in 0..<rounds {
                guard step(24 * 60) else { break }
                events.append(SLAEvent(at: t, kind: .agentPublicReply))
                if Int.random(in: 0..<3, using: &rng) == 0, step(30) {
                    events.append(SLAEvent(at: t, kind: .statusChanged(to: .pendingCustomer)))
                }
                guard step(48 * 60) else { break }
                events.append(SLAEvent(at: t, kind: .customerMessage))
                if Int.random(in: 0..<3, using: &rng) == 0, step(20) { events.append(SLAEvent(at: t, kind: .customerMessage)) }
                if events.contains(where: { $0.kind == .statusChanged(to: .pendingCustomer) }) {
                    events.append(SLAEvent(at: t, kind: .statusChanged(to: .open)))
                }
                if Int.random(in: 0..<8, using: &rng) == 0, step(60) {
                    events.append(SLAEvent(at: t, kind: .priorityChanged(to: .urgent)))
                }
            }
            if Int.random(in: 0..<3, using: &rng) > 0, step(24 * 60) {
                events.append(SLAEvent(at: t, kind: .statusChanged(to: .solved)))
                if Int.random(in: 0..<10, using: &rng) == 0, step(72 * 60) {
                    events.append(SLAEvent(at: t, kind: .customerMessage))
                    events.append(SLAEvent(at: t, kind: .statusChanged(to: .open)))
                }
            }
            tickets.append(events)
        }
        self.tickets = tickets
        self.now = now
    }

    /// Evaluates every ticket once; returns a checksum so the work cannot be optimised away.
    public func evaluateAll(policy: SLAPolicy, calendar: BusinessCalendar) -> Int64 {
        var sum: Int64 = 0
        for events in tickets {
            for r in SLAClock.evaluate(policy: policy, calendar: calendar, events: events, now: now) {
                sum &+= (r.dueAt ?? 0) &+ r.elapsedMillis
            }
        }
        return sum
    }
}
