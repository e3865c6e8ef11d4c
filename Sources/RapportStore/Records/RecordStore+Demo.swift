import Foundation
import RapportKit

extension RecordStore {
    public struct DemoCounts: Sendable {
        public var organizations: Int
        public var people: Int
        public var activities: Int
        public var deals: Int
        public var tickets: Int = 0
    }

    /// Fills the database with ``DemoData``: companies, their people and a history of
    /// calls, meetings, notes and tasks linked to both, then deals, orders and quotas, and
    /// the service desk's tickets with their conversations.
    /// Records belong to `actor`'s user when it has one (the demo admin of `serve --demo`).
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
        var firstPerson: [String: String] = [:]
        for (i, org) in personOrg.enumerated() where firstPerson[org] == nil { firstPerson[org] = personIDs[i] }
        let deals = try await seedDemoSales(organizations: orgIDs, countries: demo.organizations.map { $0["country"]?.stringValue },
                                            contacts: firstPerson, seed: seed, actor: actor)
        var countryOf: [String: String] = [:]
        for (org, body) in zip(orgIDs, demo.organizations) { countryOf[org] = body["country"]?.stringValue ?? "" }
        var requesters: [String: [String]] = [:]
        for (i, person) in personIDs.enumerated() where i < personOrg.count {
            let country = countryOf[personOrg[i]] ?? ""
            if requesters[country, default: []].count < 10 { requesters[country, default: []].append(person) }
        }
        let tickets = try await seedDemoService(requesters: requesters, actor: actor)
        try await NPSSurveys(store: self).seedDemo(people: requesters.sorted { $0.key < $1.key }.flatMap { country, ids in
            ids.map { ($0, country == "KR" ? "ko" : country == "JP" ? "ja" : "en") }
        }, actor: actor)
        func first(in country: String) -> (org: String, person: String)? {
            orgIDs.first { countryOf[$0] == country }.flatMap { org in firstPerson[org].map { (org, $0) } }
        }
        try await seedDemoPartners(korean: first(in: "KR"), japanese: first(in: "JP"), actor: actor)
        if count > 1000 {
            for t in [orgType, peopleType, activityType] { try await refreshStatistics(t) }
        }
        return DemoCounts(organizations: orgIDs.count, people: personIDs.count, activities: activities.count, deals: deals, tickets: tickets)
    }
}
