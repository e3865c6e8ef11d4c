/// Where one SLA clock of a ticket stands at a moment.
public struct SLAClockReading: Sendable, Equatable {
    public var metric: SLAMetric
    /// The priority whose target applies: today's for a running clock, the one in force
    /// when it stopped for a stopped one.
    public var priority: TicketPriority
    public var targetMillis: Int64
    /// When this clock (for next response: this cycle of it) started.
    public var startedAt: Int64
    /// Business time the clock has run, paused time and closed hours left out.
    public var elapsedMillis: Int64
    /// When the target falls due: in the future for a running clock, the moment it fell
    /// due for a breached one; nil while paused short of its target and once met.
    public var dueAt: Int64?
    public var isPaused: Bool
    /// When the clock stopped for good (the reply, the solve); nil while it runs or pauses.
    public var stoppedAt: Int64?
    /// When the clock first ran past its target; nil while it has not.
    public var breachedAt: Int64?

    /// Business time left; negative once the target has passed.
    public var remainingMillis: Int64 { targetMillis - elapsedMillis }
    public var isBreached: Bool { breachedAt != nil }
    public var isMet: Bool { stoppedAt != nil && breachedAt == nil }

    public init(metric: SLAMetric, priority: TicketPriority, targetMillis: Int64, startedAt: Int64, elapsedMillis: Int64,
                dueAt: Int64?, isPaused: Bool, stoppedAt: Int64?, breachedAt: Int64?) {
        self.metric = metric
        self.priority = priority
        self.targetMillis = targetMillis
        self.startedAt = startedAt
        self.elapsedMillis = elapsedMillis
        self.dueAt = dueAt
        self.isPaused = isPaused
        self.stoppedAt = stoppedAt
        self.breachedAt = breachedAt
    }
}

/// The SLA clock arithmetic: a pure function of policy, calendar, event history and now.
///
/// Conventions (also in docs/service-levels.md):
/// - First response runs from creation to the first public agent reply. Solving a ticket
///   that never had one fulfils it (nothing is owed any more).
/// - Next response runs from the oldest customer message left unanswered after the first
///   reply, until the next public agent reply; more customer messages in between do not
///   move its start. Solving fulfils an open cycle. The reading is of the open cycle, or
///   of the last one when none is open.
/// - Resolution runs from creation while the ticket is not solved or closed; a reopened
///   ticket's clock carries on from the business time already used.
/// - No clock runs while the ticket is in one of the policy's pausing statuses, including
///   from creation when the ticket is created in one. Pauses over nights and holidays
///   simply remove nothing more, since those hours count for nothing anyway.
/// - A target is business minutes; a target that ends exactly at closing time is due at
///   closing time. A clock that stops at its due instant is met; one still running after
///   it (at night too: an answer at 20:00 to a question due at 17:00 is late) is breached
///   at the due instant.
/// - A priority change re-targets every running clock from its own start: the business
///   time already used counts against the new priority's target. A clock whose new target
///   is already used up is breached at the change, not before it.
public enum SLAClock {
    private struct Span {
        var from: Int64
        var to: Int64
    }

    public static func evaluate(policy: SLAPolicy, calendar: BusinessCalendar, events unsorted: [SLAEvent], now: Int64) -> [SLAClockReading] {
        var sortedAlready = true
        for i in unsorted.indices.dropFirst() where unsorted[i].at < unsorted[i - 1].at {
            sortedAlready = false
            break
        }
        let events = sortedAlready ? unsorted : unsorted.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
        guard let createdIndex = events.firstIndex(where: { if case .created = $0.kind { return true } else { return false } }),
              case .created(let firstStatus, let firstPriority) = events[createdIndex].kind else { return [] }
        let created = events[createdIndex].at
        guard now >= created else { return [] }

        // Timelines of status and priority; events after `now` have not happened yet.
        var statusAt: [(at: Int64, status: TicketStatus)] = [(created, firstStatus)]
        var priorityAt: [(at: Int64, priority: TicketPriority)] = [(created, firstPriority)]
        var firstStop: Int64? = firstStatus.isResolved ? created : nil
        var cycleStart: Int64?
        var lastCycle: (start: Int64, stop: Int64?)?
        for e in events[(createdIndex + 1)...] where e.at <= now {
            let at = max(e.at, created)
            switch e.kind {
            case .created: continue
            case .statusChanged(let s):
                statusAt.append((at, s))
                if s.isResolved {
                    if firstStop == nil { firstStop = at }
                    if let start = cycleStart {
                        lastCycle = (start, at)
                        cycleStart = nil
                    }
                }
            case .priorityChanged(let p):
                priorityAt.append((at, p))
            case .customerMessage:
                if firstStop != nil, cycleStart == nil {
                    cycleStart = at
                    lastCycle = (at, nil)
                }
            case .agentPublicReply:
                if firstStop == nil {
                    firstStop = at
                } else if let start = cycleStart {
                    lastCycle = (start, at)
                    cycleStart = nil
                }
            }
        }

        func pauses(_ status: TicketStatus) -> Bool { policy.pauses(status) }
        let currentStatus = statusAt[statusAt.count - 1].status
        func priority(at t: Int64) -> TicketPriority {
            var p = priorityAt[0].priority
            for change in priorityAt where change.at <= t { p = change.priority }
            return p
        }
        // When the priority in force at `t` was set: a clock re-targeted then breaches no earlier.
        func prioritySince(_ t: Int64) -> Int64 {
            var since = created
            for change in priorityAt where change.at <= t { since = change.at }
            return since
        }
        // Stretches of [from, to] in which the status lets a clock run.
        func spans(from: Int64, to: Int64, excludingResolved: Bool) -> [Span] {
            var out: [Span] = []
            for (i, period) in statusAt.enumerated() {
                let end = i + 1 < statusAt.count ? statusAt[i + 1].at : Int64.max
                let s = max(period.at, from), e = min(end, to)
                guard e > s, !pauses(period.status), !(excludingResolved && period.status.isResolved) else { continue }
                if let last = out.last, last.to == s { out[out.count - 1].to = e } else { out.append(Span(from: s, to: e)) }
            }
            return out
        }

        var readings: [SLAClockReading] = []
        readings.reserveCapacity(3)
        let pausedNow = pauses(currentStatus)

        if let minutes = policy.target(.firstResponse, priority: priority(at: firstStop ?? now)) {
            let stop = firstStop
            readings.append(reading(.firstResponse, priority: priority(at: stop ?? now), minutes: minutes, start: created,
                                    spans: spans(from: created, to: stop ?? now, excludingResolved: false),
                                    stoppedAt: stop, paused: stop == nil && pausedNow, since: prioritySince(stop ?? now), now: now, calendar: calendar))
        }
        if let cycle = lastCycle, let minutes = policy.target(.nextResponse, priority: priority(at: cycle.stop ?? now)) {
            readings.append(reading(.nextResponse, priority: priority(at: cycle.stop ?? now), minutes: minutes, start: cycle.start,
                                    spans: spans(from: cycle.start, to: cycle.stop ?? now, excludingResolved: false),
                                    stoppedAt: cycle.stop, paused: cycle.stop == nil && pausedNow, since: prioritySince(cycle.stop ?? now), now: now, calendar: calendar))
        }
        // The moment of the last move into a resolved status, when the ticket is resolved now.
        var resolvedAt: Int64?
        if currentStatus.isResolved {
            var t = statusAt[statusAt.count - 1].at
            for period in statusAt.reversed() {
                guard period.status.isResolved else { break }
                t = period.at
            }
            resolvedAt = t
        }
        if let minutes = policy.target(.resolution, priority: priority(at: resolvedAt ?? now)) {
            readings.append(reading(.resolution, priority: priority(at: resolvedAt ?? now), minutes: minutes, start: created,
                                    spans: spans(from: created, to: now, excludingResolved: true),
                                    stoppedAt: resolvedAt, paused: resolvedAt == nil && pausedNow, since: prioritySince(resolvedAt ?? now), now: now, calendar: calendar))
        }
        return readings
    }

    private static func reading(_ metric: SLAMetric, priority: TicketPriority, minutes: Int, start: Int64, spans: [Span],
                                stoppedAt: Int64?, paused: Bool, since: Int64, now: Int64, calendar: BusinessCalendar) -> SLAClockReading {
        let target = Int64(min(max(minutes, 0), SLATargets.maximumMinutes)) * 60_000
        var elapsed: Int64 = 0
        var reachedAt: Int64?
        var breachedAt: Int64?
        for (i, span) in spans.enumerated() {
            let (b, x) = calendar.measure(from: span.from, to: span.to, budget: reachedAt == nil ? target - elapsed : Int64.max)
            if reachedAt == nil, let x {
                reachedAt = x
                if x < span.to {
                    breachedAt = x
                } else if i + 1 < spans.count {
                    breachedAt = spans[i + 1].from
                }
            }
            elapsed += b
        }
        if let b = breachedAt, b < since { breachedAt = since }
        let running = stoppedAt == nil && !paused
        var dueAt = reachedAt
        if running, reachedAt == nil { dueAt = calendar.advance(from: now, by: target - elapsed) }
        if stoppedAt != nil, breachedAt == nil { dueAt = nil }
        return SLAClockReading(metric: metric, priority: priority, targetMillis: target, startedAt: start, elapsedMillis: elapsed,
                               dueAt: dueAt, isPaused: paused, stoppedAt: stoppedAt, breachedAt: breachedAt)
    }
}

/// How a clock reads at a glance: the one word beside it on a ticket and in the API.
public enum SLAClockState: String, CaseIterable, Sendable {
    /// Counting down towards its due time.
    case running
    /// Stopped for now by a pausing status, short of its target.
    case paused
    /// Still owed and past its target.
    case breached
    /// Stopped in time.
    case met
    /// Stopped after its target had passed.
    case missed
}

extension SLAClockReading {
    public var state: SLAClockState {
        if stoppedAt != nil { return isBreached ? .missed : .met }
        if isBreached { return .breached }
        return isPaused ? .paused : .running
    }
}
