import Foundation
import RapportKit
import RapportServer
import RapportStore
import Testing

/// Home's dashboard: a rep's cards and a manager's team table, from the reports' own
/// figures, on the report filters' clock (15 November 2026, in Seoul).
@Suite struct HomeDashboardTests {
    static func card(_ html: String, _ name: String) -> String {
        guard let start = html.range(of: #"data-card="\#(name)""#) else { return "" }
        let rest = html[start.upperBound...]
        return String(rest[..<(rest.range(of: "</a>")?.lowerBound ?? rest.endIndex)])
    }

    @Test(arguments: Backend.available)
    func aRepSeesTheirCardsAndAManagerTheTeam(_ backend: Backend) async throws {
        try await withAPI(backend, configuration: ReportFilterTests.configuration) { api in
            let s = try await ReportFilterTests.seed(api)
            #expect(try await api.call(.post, "/api/v1/quotas", json: #"{"month":"2026-11","user_id":"\#(s.ana.id)","amount":{"amount":"12000000","currency":"KRW"}}"#).status == .created)
            // One call this week (Monday 9 November to Sunday 15 November in Seoul), one the week before.
            for at in ["2026-11-09T01:00:00Z", "2026-11-06T01:00:00Z"] {
                let reply = try await api.call(.post, "/api/v1/activities", json: #"{"kind":"call","subject":"Call \#(at)","occurred_at":"\#(at)"}"#, token: s.ana.token)
                #expect(reply.status == .created, "\(reply.body)")
            }
            var ana = s.anaBrowser
            let html = try await ana.request(.get, "/").body
            // Open: ₩10,000,000 and $5,000.00 apart; weighted 50% and 10%.
            let pipeline = Self.card(html, "pipeline")
            #expect(pipeline.contains("<span>₩10,000,000</span>") && pipeline.contains("$5,000.00") && pipeline.contains("₩5,000,000") && pipeline.contains("$500.00"), "\(pipeline)")
            #expect(html.contains(#"data-card="pipeline""#) && html.contains(#"href="/reports?owner=\#(s.ana.id)""#))
            let won = Self.card(html, "won")
            #expect(won.contains("₩3,000,000") && won.contains("₩12,000,000") && won.contains("25%"), "\(won)")
            #expect(html.contains(#"href="/reports?period=this_month&amp;owner=\#(s.ana.id)""#))
            // Closing this month: the November proposal; overdue: the one that closed 10 November still open.
            #expect(Self.card(html, "closing").contains(">1<"))
            #expect(Self.card(html, "late").contains(">1<"))
            #expect(Self.card(html, "activities").contains(">1<"))
            #expect(!html.contains("h-team"))
            // The late card's link lists exactly what it counted.
            let late = html.components(separatedBy: #"<a class="card" href=""#).first { $0.contains(#"data-card="late""#) }?.components(separatedBy: "\"").first ?? ""
            let list = try await ana.request(.get, late.replacingOccurrences(of: "&amp;", with: "&")).body
            #expect(list.contains("Proposal 10000000") && !list.contains("Lead 5000.00"), "\(late)")

            // Mo sees Seoul per rep, with the links to the same report.
            var mo = s.moBrowser
            let team = try await mo.request(.get, "/").body
            #expect(team.contains("h-team") && team.contains("Ana Reyes") && team.contains("Bo Kim") && !team.contains("Cy Tanaka"))
            #expect(team.contains(#"href="/reports?period=this_quarter&amp;owner=\#(s.bo.id)""#))
        }
    }

    /// The team table reads every rep's figures in one grouped query per figure; each rep's
    /// share must be exactly what the report narrowed to that rep says.
    @Test(arguments: Backend.available)
    func figuresGroupedByOwnerEqualEachOwnersOwnReport(_ backend: Backend) async throws {
        try await withAPI(backend, configuration: ReportFilterTests.configuration) { api in
            let s = try await ReportFilterTests.seed(api)
            // A second win for Ana, so her median cycle has two samples.
            try await api.db.transaction { t in try await t.execute("UPDATE deals SET status = 'won', stage_id = (SELECT stage_id FROM deals WHERE status = 'won' LIMIT 1) WHERE title = 'Lead 5000.00'") }
            let store = RecordStore(db: api.db)
            let owners = [s.ana.id, s.bo.id, s.cy.id, s.mo.id]
            for filter in [ReportFilter(owners: Set(owners)), ReportFilter(closeFrom: "2026-10-01", closeTo: "2026-12-31", owners: Set(owners))] {
                let open = try await store.openDealGroupsByOwner(pipelineID: s.pipeline, actor: .system, filter: filter)
                let summaries = try await store.salesSummariesByOwner(pipelineID: s.pipeline, actor: .system, filter: filter)
                #expect(!open.isEmpty && !summaries.isEmpty)
                for owner in owners {
                    var alone = filter
                    alone.owners = [owner]
                    #expect(open[owner] ?? [] == (try await store.openDealGroups(pipelineID: s.pipeline, actor: .system, filter: alone)))
                    let one = try await store.salesSummary(pipelineID: s.pipeline, actor: .system, filter: alone)
                    let grouped = summaries[owner] ?? SalesSummary()
                    #expect(grouped.open == one.open && grouped.won == one.won && grouped.lost == one.lost && grouped.medianCycleDays == one.medianCycleDays)
                    #expect(grouped.wonAmounts.mapValues { "\($0.count)/\($0.total)" } == one.wonAmounts.mapValues { "\($0.count)/\($0.total)" })
                }
            }
        }
    }

    /// Two months of ₩5×10^18 each fit one by one but not together: Home says "more than"
    /// instead of a wrapped negative figure, a silent clamp or a crash.
    @Test(arguments: Backend.available)
    func homeSumsPastInt64SaySo(_ backend: Backend) async throws {
        try await withAPI(backend, configuration: ReportFilterTests.configuration) { api in
            let s = try await ReportFilterTests.seed(api)
            try await api.db.transaction { s2 in
                try await s2.execute("UPDATE deals SET amount_amount = 5000000000000000000 WHERE amount_currency = 'USD'")
                try await s2.execute("UPDATE deals SET close_date = '2026-10-20', amount_currency = 'USD' WHERE status = 'open' AND amount_currency = 'KRW' AND amount_amount = 10000000")
                try await s2.execute("UPDATE deals SET amount_amount = 5000000000000000000 WHERE amount_currency = 'USD'")
            }
            var ana = s.anaBrowser
            let reply = try await ana.request(.get, "/")
            #expect(reply.status == .ok)
            let pipeline = Self.card(reply.body, "pipeline")
            #expect(pipeline.contains("초과"), "\(pipeline)")
            #expect(!pipeline.contains("-"), "\(pipeline)")
        }
    }
}
