import Foundation
import HTTPTypes
import NIOCore
import RapportKit
import RapportStore
import Testing

/// An imported row passes exactly the checks the API applies to the same create by the same
/// user; a row one of them refuses is reported and left out, the rest still land.
@Suite struct ImportRulesTests {
    static func importCSV(_ api: API, _ type: String, _ csv: String, token: String, query: String = "") async throws -> JSONObject {
        let headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "text/csv"]
        let reply = try await api.raw(.post, "/api/v1/\(type)/import\(query)", body: ByteBuffer(string: csv), headers: headers)
        #expect(reply.status == .ok, "\(reply.body)")
        return try reply.object()
    }

    static func errors(_ summary: JSONObject) -> [(row: String, column: String)] {
        (summary["errors"]?.arrayValue ?? []).compactMap(\.objectValue).map { ($0["row"]?.numberLiteral ?? "", $0.string("column") ?? "") }
    }

    /// Another rep's quote is as unknown to an import as to `POST /quote_lines`: the row is
    /// refused and the quote's total stays as it was.
    @Test(arguments: Backend.available)
    func quoteLinesObeyTheQuotesVisibility(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            let a = try await api.user("import.a@example.com", role: "sales")
            let b = try await api.user("import.b@example.com", role: "sales")
            func quote(_ user: TestUser) async throws -> String {
                let deal = try await api.call(.post, "/api/v1/deals", json: #"{"title":"Deal","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Lead"]!)"}"#, token: user.token).object().string("id") ?? ""
                let quote = try await api.call(.post, "/api/v1/quotes", json: #"{"deal_id":"\#(deal)","currency":"USD","status":"draft"}"#, token: user.token).object().string("id") ?? ""
                let line = try await api.call(.post, "/api/v1/quote_lines", json: #"{"quote_id":"\#(quote)","quantity":1,"unit_price":{"amount":"10.00","currency":"USD"}}"#, token: user.token)
                #expect(line.status == .created, "\(line.body)")
                return quote
            }
            let theirs = try await quote(a), mine = try await quote(b)
            let direct = try await api.call(.post, "/api/v1/quote_lines", json: #"{"quote_id":"\#(theirs)","quantity":1,"unit_price":{"amount":"999000.00","currency":"USD"}}"#, token: b.token)
            #expect(direct.status == .unprocessableContent)
            let csv = "quote_id,quantity,unit_price\n\(theirs),1,USD 999000.00\n\(mine),2,USD 5.00\n\(RecordID.make()),1,USD 1.00\n"
            let summary = try await Self.importCSV(api, "quote_lines", csv, token: b.token)
            #expect(summary["created"] == .number("1") && summary["failed"] == .number("2"), "\(summary)")
            #expect(Self.errors(summary).map(\.row) == ["2", "4"])
            #expect(Self.errors(summary).map(\.column) == ["quote_id", "quote_id"])
            let total = try await api.call(.get, "/api/v1/quotes/\(theirs)").object()["total"]?.objectValue?.string("amount")
            #expect(total == "10.00")
            let own = try await api.call(.get, "/api/v1/quotes/\(mine)").object()["total"]?.objectValue?.string("amount")
            #expect(own == "20.00")
        }
    }

    /// A deal contact names a deal and a person the importer may see; ids that do not exist
    /// are refused the same way.
    @Test(arguments: Backend.available)
    func dealContactsAndMissingIDs(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            let a = try await api.user("contacts.a@example.com", role: "sales")
            let b = try await api.user("contacts.b@example.com", role: "sales")
            let deal = try await api.call(.post, "/api/v1/deals", json: #"{"title":"A's deal","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Lead"]!)"}"#, token: a.token).object().string("id") ?? ""
            let person = try await api.call(.post, "/api/v1/people", json: #"{"given_name":"Minji","family_name":"Kim"}"#, token: b.token).object().string("id") ?? ""
            let summary = try await Self.importCSV(api, "deal_contacts", "deal_id,person_id,role\n\(deal),\(person),user\n", token: b.token)
            #expect(summary["created"] == .number("0") && summary["failed"] == .number("1"), "\(summary)")
            #expect(try await api.call(.get, "/api/v1/deal_contacts").object()["data"]?.arrayValue?.isEmpty == true)

            // Missing organizations: the rows naming them are refused, the others land.
            let org = try await api.create("organizations", #"{"name":"Hanbit"}"#).string("id") ?? ""
            let people = try await Self.importCSV(api, "people", "given_name,organization_id\nAda,\(RecordID.make())\nGrace,\(org)\n", token: api.token)
            #expect(people["created"] == .number("1") && people["failed"] == .number("1"), "\(people)")
            #expect(Self.errors(people).map(\.column) == ["organization_id"])
            #expect(try await api.names("/api/v1/people?q=grace") == ["Grace"])
            #expect(try await api.names("/api/v1/people?q=ada").isEmpty)
        }
    }

    /// Names are matched only among the records the importer may see, and a missing one is
    /// created only for a role that may create that type.
    @Test(arguments: Backend.available)
    func namesResolveWithinVisibilityAndCreateRights(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            let a = try await api.user("names.a@example.com", role: "sales")
            let b = try await api.user("names.b@example.com", role: "sales")
            _ = try await api.call(.post, "/api/v1/deals", json: #"{"title":"Secret merger","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Lead"]!)"}"#, token: a.token)
            let orders = try await Self.importCSV(api, "orders", "deal_id,ordered_on,status\nSecret merger,2026-11-02,open\n", token: b.token)
            #expect(orders["created"] == .number("0") && orders["failed"] == .number("1"), "\(orders)")
            #expect(try await api.call(.get, "/api/v1/orders").object()["data"]?.arrayValue?.isEmpty == true)

            let marketer = try await api.user("names.m@example.com", role: "marketing")
            _ = try await api.create("organizations", #"{"name":"Known Co"}"#)
            let people = try await Self.importCSV(api, "people", "Name,Company\nAda Lovelace,Known Co\nGrace Hopper,Brand New Co\n", token: marketer.token)
            #expect(people["created"] == .number("1") && people["failed"] == .number("1") && people["related_created"] == .number("0"), "\(people)")
            #expect(Self.errors(people).map(\.row) == ["3"])
            #expect(try await api.names("/api/v1/organizations?q=brand", field: "name").isEmpty)
        }
    }

    /// A rule that runs after the insert (a quote's lines are final once accepted) refuses
    /// its row without cancelling the rest of the import.
    @Test(arguments: Backend.available)
    func aRefusedRowDoesNotAbortTheImport(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            let deal = try await api.create("deals", #"{"title":"Final","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Proposal"]!)"}"#).string("id") ?? ""
            let accepted = try await api.create("quotes", #"{"deal_id":"\#(deal)","currency":"KRW","status":"draft"}"#).string("id") ?? ""
            _ = try await api.create("quote_lines", #"{"quote_id":"\#(accepted)","quantity":1,"unit_price":{"amount":"1000","currency":"KRW"}}"#)
            #expect(try await api.call(.patch, "/api/v1/quotes/\(accepted)", json: #"{"status":"accepted"}"#).status == .ok)
            let open = try await api.create("quotes", #"{"deal_id":"\#(deal)","currency":"KRW","status":"draft"}"#).string("id") ?? ""
            let csv = "quote_id,quantity,unit_price\n\(accepted),1,KRW 5\n\(open),3,KRW 100\n\(open),1,USD 1.00\n"
            let summary = try await Self.importCSV(api, "quote_lines", csv, token: api.token)
            #expect(summary["created"] == .number("1") && summary["failed"] == .number("2"), "\(summary)")
            #expect(Self.errors(summary).map(\.row) == ["2", "4"])
            #expect(try await api.call(.get, "/api/v1/quotes/\(accepted)").object()["total"]?.objectValue?.string("amount") == "1000")
            #expect(try await api.call(.get, "/api/v1/quotes/\(open)").object()["total"]?.objectValue?.string("amount") == "300")
        }
    }
}
