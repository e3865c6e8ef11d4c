import Foundation
import RapportKit
import RapportStore
import Testing

/// The sales area's recurring jobs, run by the job runner on a clock the test sets.
@Suite struct SalesJobTests {
    static func runner(_ db: Database, at time: String) -> (JobRunner, ManualJobClock) {
        let clock = ManualJobClock(Timestamp.parse(time)!)
        var registry = JobRegistry()
        registry.registerSales(store: RecordStore(db: db))
        return (JobRunner(store: JobStore(db: db, clock: clock), registry: registry, worker: "test", random: { 0 }), clock)
    }

    @Test(arguments: Backend.available)
    func hourlyExpiryAndDailyContractEndRunAsRecurringJobs(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            let deal = try await api.create("deals", #"{"title":"Late","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Proposal"]!)"}"#).string("id") ?? ""
            let quote = try await api.create("quotes", #"{"deal_id":"\#(deal)","currency":"JPY","status":"sent","valid_until":"2026-11-30"}"#).string("id") ?? ""
            let lapsed = try await api.create("contracts", #"{"title":"Support 2026","direction":"sell","start_date":"2026-01-01","end_date":"2026-11-30","renewal_date":"2026-11-30","status":"active"}"#).string("id") ?? ""
            let renewing = try await api.create("contracts", #"{"title":"Seats","direction":"sell","start_date":"2026-01-01","end_date":"2026-11-30","auto_renew":true,"status":"active"}"#).string("id") ?? ""
            let running = try await api.create("contracts", #"{"title":"Hosting","direction":"buy","start_date":"2026-01-01","end_date":"2027-12-31","status":"active"}"#).string("id") ?? ""
            let reminder = try await api.call(.get, "/api/v1/activities?filter[kind]=task&filter[links]=\(lapsed)").object()["data"]?.arrayValue?.first?.objectValue
            #expect(reminder?.string("completed_at") == nil)

            let (runner, clock) = Self.runner(api.db, at: "2026-12-01T00:20:00Z")
            try await runner.ensureRecurring()
            let jobs = try await runner.store.list()
            #expect(Set(jobs.map(\.kind)) == [QuoteExpiryJob.kind, ContractEndJob.kind])
            #expect(try await runner.runDue() == 0)
            // 01:00 UTC: the hourly expiry runs; the daily contract sweep waits for 00:15 tomorrow.
            clock.advance(milliseconds: 40 * 60_000)
            #expect(try await runner.runDue() == 1)
            #expect(try await api.call(.get, "/api/v1/quotes/\(quote)").object().string("status") == "expired")
            #expect(try await api.call(.get, "/api/v1/contracts/\(lapsed)").object().string("status") == "active")
            clock.advance(milliseconds: 23 * 3_600_000 + 15 * 60_000)
            #expect(try await runner.runDue() == 2)
            #expect(try await api.call(.get, "/api/v1/contracts/\(lapsed)").object().string("status") == "ended")
            #expect(try await api.call(.get, "/api/v1/contracts/\(renewing)").object().string("status") == "active")
            #expect(try await api.call(.get, "/api/v1/contracts/\(running)").object().string("status") == "active")
            let closed = try await api.call(.get, "/api/v1/activities/\(reminder?.string("id") ?? "")").object()
            #expect(closed.string("completed_at") != nil)
            // Both are queued again for their next time, and a second sweep changes nothing.
            let after = try await runner.store.list()
            #expect(after.count == 2 && after.allSatisfy { $0.state == .queued && $0.attempts == 0 })
            #expect(try await RecordStore(db: api.db).endLapsedContracts(today: "2026-12-02") == 0)
            let audit = try await api.call(.get, "/api/v1/audit?record_id=\(lapsed)&action=update").object()["data"]?.arrayValue ?? []
            #expect(audit.count == 1)
        }
    }
}
