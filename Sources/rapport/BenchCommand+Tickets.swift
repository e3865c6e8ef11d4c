import ArgumentParser
import Foundation
import RapportKit
import RapportStore

extension BenchCommand {
    /// The breaching view of issue 16 at scale: tickets added through the engine's own
    /// path (numbers, events and stored clocks per ticket), then the view read again and
    /// again in process, its latencies printed as median and p99.
    struct Tickets: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add tickets (a share of them open, under a 24x7 policy) and time the breaching-within-the-hour view.")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "Tickets to add (0: only measure).") var count = 100_000
        @Option(help: "How many of them are open; the rest are solved or closed.") var openShare = 0.01
        @Option(help: "Reads of the view to time.") var reads = 200
        @Option(help: "Seed.") var seed: UInt64 = 16

        /// A 24x7 policy with targets for every priority, as a desk has, so the figures
        /// include computing and storing each ticket's clocks.
        static func ensurePolicy(_ database: Database) async throws {
            let levels = ServiceLevels(db: database)
            guard try await levels.policies().isEmpty else { return }
            let calendar = try await levels.createCalendar(name: "Bench 24x7", timeZone: "UTC", alwaysOpen: true, actor: .system)
            try await levels.createPolicy(SLAPolicy(name: "Bench", targets: [
                .low: SLATargets(firstResponse: 480, nextResponse: 960, resolution: 4800),
                .normal: SLATargets(firstResponse: 240, nextResponse: 480, resolution: 2400),
                .high: SLATargets(firstResponse: 60, nextResponse: 120, resolution: 960),
                .urgent: SLATargets(firstResponse: 30, nextResponse: 60, resolution: 480),
            ]), calendarID: calendar, actor: .system)
        }

        func run() async throws {
            guard count >= 0, count <= 10_000_000, (0...1).contains(openShare), reads >= 0, reads <= 100_000 else {
                throw ValidationError("count 0…10,000,000, open-share 0…1, reads 0…100,000.")
            }
            let database = try await db.open()
            let store = try db.store(database)
            try await Self.ensurePolicy(database)
            let type = try await store.type(named: RapportKit.Tickets.type.name)
            var rng = SeededGenerator(seed: seed)
            let start = Date()
            var made = 0
            while made < count {
                let batch = min(5_000, count - made)
                let bodies = (0..<batch).map { i -> JSONObject in
                    let open = Double.random(in: 0..<1, using: &rng) < openShare
                    let status: TicketStatus = open ? [.new, .open][Int.random(in: 0...1, using: &rng)] : [.solved, .closed][Int.random(in: 0...1, using: &rng)]
                    let priority = TicketPriority.allCases[Int.random(in: 0..<TicketPriority.allCases.count, using: &rng)]
                    return JSONObject([("subject", .string("Bench ticket \(made + i + 1)")), ("status", .string(status.rawValue)), ("priority", .string(priority.rawValue))])
                }
                _ = try await store.bulkCreate(type, bodies: bodies, actor: .system)
                made += batch
            }
            if count > 0 { note(String(format: "Added %d tickets in %.1f s (%.0f/s).", made, Date().timeIntervalSince(start), Double(made) / max(Date().timeIntervalSince(start), 0.001))) }
            guard reads > 0 else { return await database.close() }
            var millis: [Double] = []
            var listed = 0
            for _ in 0..<reads {
                let t = DispatchTime.now().uptimeNanoseconds
                listed = try await store.ticketQueue(.breachingSoon, actor: .system, pendingDays: TicketQueue.defaultPendingDays, now: Date()).count
                millis.append(Double(DispatchTime.now().uptimeNanoseconds - t) / 1e6)
            }
            millis.sort()
            func at(_ q: Double) -> Double { millis[min(millis.count - 1, Int((Double(millis.count) * q).rounded(.up)) - 1)] }
            note(String(format: "breaching_soon: %d tickets listed; %d reads, median %.2f ms, p99 %.2f ms, max %.2f ms", listed, reads, at(0.5), at(0.99), millis.last ?? 0))
            await database.close()
        }
    }
}
