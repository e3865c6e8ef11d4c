import Foundation
import RapportKit

extension RecordStore {
    public struct DemoCounts: Sendable {
        public var organizations: Int
        public var people: Int
        public var activities: Int
        public var deals: Int
    }

    /// Fills the database with ``DemoData``: companies, their people and a history of
    /// calls, meetings, notes and tasks linked to both.
    public func seedDemo(people count: Int, seed: UInt64 = 2026, actor: Actor) async throws -> DemoCounts {
        let demo = DemoData(people: count, seed: seed)
        let orgType = try await type(named: Organizations.type.name)
        let peopleType = try await type(named: People.type.name)
        let activityType = try await type(named: Activities.type.name)
        let orgIDs = try await bulkCreate(orgType, bodies: demo.organizations, actor: actor)
        var personOrg: [String] = []
        var bodies: [JSONObject] = []
        bodies.reserveCapacity(demo.people.count)
        for var p in demo.people {
            let index = Int(p["organization_id"]?.numberLiteral ?? "0") ?? 0
            p["organization_id"] = .string(orgIDs[index])
            personOrg.append(orgIDs[index])
            bodies.append(p)
        }
        var personIDs: [String] = []
        for start in stride(from: 0, to: bodies.count, by: 50_000) {
            personIDs += try await bulkCreate(peopleType, bodies: Array(bodies[start..<min(start + 50_000, bodies.count)]), actor: actor)
        }
        var activities: [JSONObject] = []
        for (a, index) in demo.activities where index < personIDs.count {
            var a = a
            a["participants"] = .array([.string(personIDs[index])])
            a["links"] = .array([.object(JSONObject([("type", .string("organizations")), ("id", .string(personOrg[index]))]))])
            activities.append(a)
        }
        _ = try await bulkCreate(activityType, bodies: activities, actor: actor)
        let deals = try await seedDemoDeals(organizations: orgIDs, countries: demo.organizations.map { $0["country"]?.stringValue }, seed: seed, actor: actor)
        if count > 1000 {
            for t in [orgType, peopleType, activityType] { try await refreshStatistics(t) }
        }
        return DemoCounts(organizations: orgIDs.count, people: personIDs.count, activities: activities.count, deals: deals)
    }

    /// Two deals per company spread over the default pipeline's stages, priced in the
    /// company's currency, so the board and reports have something to show.
    func seedDemoDeals(organizations: [String], countries: [String?], seed: UInt64, actor: Actor) async throws -> Int {
        let pipeline = try await ensureDefaultPipeline(actor: actor)
        let stages = try await self.stages(pipelineID: pipeline)
        guard !stages.isEmpty else { return 0 }
        let dealType = try await type(named: Deals.type.name)
        let products = ["Annual licence", "Support renewal", "Onboarding package", "Expansion seats", "Pilot project"]
        var state = seed | 1
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        var bodies: [JSONObject] = []
        for (i, org) in organizations.enumerated() {
            let (currency, unit): (String, Int) = switch countries[i] {
            case "KR": ("KRW", 1_000_000)
            case "JP": ("JPY", 100_000)
            default: ("USD", 1_000)
            }
            for k in 0..<2 {
                let stage = stages[next(stages.count)]
                var month = 12 + next(6) - 3
                let year = 2026 + (month > 12 ? 1 : 0)
                if month > 12 { month -= 12 }
                bodies.append(JSONObject([
                    ("title", .string("\(products[(i + k) % products.count]) \(i + 1)")), ("organization_id", .string(org)),
                    ("pipeline_id", .string(pipeline)), ("stage_id", .string(stage.id)),
                    ("amount", .object(JSONObject([("amount", .string(String((5 + next(95)) * unit))), ("currency", .string(currency))]))),
                    ("close_date", .string(String(format: "%04d-%02d-%02d", year, month, 1 + next(28)))),
                    ("next_step", .string(stage.outcome == "open" ? "Follow up" : "")),
                ]))
            }
        }
        return try await bulkCreate(dealType, bodies: bodies, actor: actor).count
    }
}
