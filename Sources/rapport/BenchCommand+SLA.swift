import ArgumentParser
import Foundation
import RapportKit

extension BenchCommand {
    /// The domain benchmark of issue 16: due-time computations per second, the pure clock
    /// alone (no database), over synthetic tickets with realistic event histories.
    struct SLA: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sla",
            abstract: "Measure SLA due-time computations per second (median of several runs).")
        @Option(help: "Synthetic tickets per run.") var tickets = 200_000
        @Option(help: "Runs; the median is reported.") var runs = 5
        @Option(help: "Calendar: seoul (lunch break, 2026 holidays), new-york (daylight saving) or 24x7.") var calendar = "seoul"

        func run() throws {
            guard tickets > 0, tickets <= 10_000_000, runs > 0, runs <= 100 else { throw ValidationError("tickets 1…10,000,000 and runs 1…100.") }
            let cal: BusinessCalendar
            switch calendar {
            case "seoul":
                let holidays = ["2026-01-01", "2026-02-16", "2026-02-17", "2026-02-18", "2026-03-02", "2026-05-05", "2026-05-25", "2026-06-03",
                                "2026-08-17", "2026-09-24", "2026-09-25", "2026-10-05", "2026-10-09", "2026-12-25"]
                    .map { Holiday(name: $0, rule: HolidayRule(text: $0)!) }
                cal = BusinessCalendar(zone: TimeZone(identifier: "Asia/Seoul")!,
                                       hours: .weekly(Array(repeating: [BusinessInterval(start: 540, end: 720), BusinessInterval(start: 780, end: 1080)], count: 5) + [[], []]),
                                       holidays: holidays)
            case "new-york":
                cal = .weekdays([BusinessInterval(start: 540, end: 1020)], zone: TimeZone(identifier: "America/New_York")!,
                                holidays: [Holiday(name: "MLK", rule: .nthWeekday(month: 1, weekday: .monday, ordinal: 3)),
                                           Holiday(name: "Memorial Day", rule: .nthWeekday(month: 5, weekday: .monday, ordinal: -1)),
                                           Holiday(name: "Independence Day", rule: .yearly(month: 7, day: 4))])
            case "24x7": cal = .calendarHours
            default: throw ValidationError("--calendar is seoul, new-york or 24x7.")
            }
            let policy = SLAPolicy(name: "bench", targets: [
                .low: SLATargets(firstResponse: 480, nextResponse: 960, resolution: 4800),
                .normal: SLATargets(firstResponse: 240, nextResponse: 480, resolution: 2400),
                .high: SLATargets(firstResponse: 60, nextResponse: 240, resolution: 960),
                .urgent: SLATargets(firstResponse: 30, nextResponse: 60, resolution: 480),
            ])
            let now = Timestamp.parse("2026-11-20T06:30:00Z")!
            let workload = SLAWorkload(count: tickets, now: now)
            let events = workload.tickets.reduce(0) { $0 + $1.count }
            // Wall time, and this thread's CPU time: on a machine shared with builds the
            // second says what the clock costs, the first what this run happened to get.
            func cpuSeconds() -> Double {
                var t = timespec()
                clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
                return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
            }
            var rates: [Double] = []
            var cpuRates: [Double] = []
            var checksum: Int64 = 0
            for _ in 0..<runs {
                let clock = ContinuousClock()
                let start = clock.now
                let cpuStart = cpuSeconds()
                checksum &+= workload.evaluateAll(policy: policy, calendar: cal)
                let cpu = cpuSeconds() - cpuStart
                let elapsed = start.duration(to: clock.now)
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
                rates.append(Double(tickets) / seconds)
                cpuRates.append(Double(tickets) / max(cpu, 1e-9))
            }
            rates.sort()
            cpuRates.sort()
            print("sla \(calendar): \(tickets) tickets, \(events) events, \(runs) runs")
            print("runs, wall (tickets/s): " + rates.map { String(Int($0)) }.joined(separator: " "))
            print("runs, CPU (tickets per CPU-second): " + cpuRates.map { String(Int($0)) }.joined(separator: " "))
            print("median: \(Int(rates[rates.count / 2])) due-time computations/s wall, \(Int(cpuRates[cpuRates.count / 2])) per CPU-second (checksum \(checksum))")
        }
    }
}
