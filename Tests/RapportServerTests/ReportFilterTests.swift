import Foundation
import HTTPTypes
import RapportKit
import RapportServer
import RapportStore
import Testing

/// The reports' date, owner and team filters through the API and the page, on a clock the
/// test sets (15 November 2026), with figures worked out by hand from the deals seeded.
@Suite struct ReportFilterTests {
    static let now = "2026-11-15T03:00:00.000Z"

    static var configuration: ServerConfiguration {
        var c = testConfiguration
        let fixed = Date(timeIntervalSince1970: Double(Timestamp.parse(now)!) / 1000)
        c.clock = { fixed }
        return c
    }

    struct Seed {
        var ana: TestUser, bo: TestUser, cy: TestUser, mo: TestUser
        var seoul: String, tokyo: String, pipeline: String
        var anaBrowser: PageClient, moBrowser: PageClient
    }

    /// Ana and Bo sell in team Seoul, managed by Mo; Cy sells in team Tokyo.
    /// - Ana: Proposal ₩10,000,000 closing 2026-11-10; Lead $5,000.00 closing 2026-12-20;
    ///   Won ₩3,000,000 closed 2026-11-05.
    /// - Bo: Negotiation ₩4,000,000 closing 2026-11-20; Lost $1,000.00 closed 2026-08-10.
    /// - Cy: Proposal ₩7,000,000 closing 2026-11-12.
    static func seed(_ api: API) async throws -> Seed {
        let (pipeline, stage) = try await DealTests.stages(api)
        let seoul = try await api.call(.post, "/api/v1/teams", json: #"{"name":"Seoul"}"#).object().string("id") ?? ""
        let tokyo = try await api.call(.post, "/api/v1/teams", json: #"{"name":"Tokyo"}"#).object().string("id") ?? ""
        func member(_ email: String, _ name: String, _ role: String, _ team: String, language: String) async throws -> (TestUser, PageClient) {
            let body = JSONObject([("email", .string(email)), ("name", .string(name)), ("role", .string(role)), ("time_zone", .string("Asia/Seoul")),
                                   ("language", .string(language)), ("teams", .array([.string(team)])), ("password", .string(HomeTests.password))])
            let reply = try await api.call(.post, "/api/v1/users", json: JSONValue.object(body).serialized())
            #expect(reply.status == .created, "\(reply.body)")
            let token = try await TokenStore(db: api.db).create(name: email, userEmail: email).token
            var browser = PageClient(api)
            _ = try await browser.signIn(email, HomeTests.password)
            return (TestUser(id: try reply.object().string("id") ?? "", email: email, token: token), browser)
        }
        let (ana, anaBrowser) = try await member("ana@example.com", "Ana Reyes", "sales", seoul, language: "ko")
        let (bo, _) = try await member("bo@example.com", "Bo Kim", "sales", seoul, language: "en")
        let (cy, _) = try await member("cy@example.com", "Cy Tanaka", "sales", tokyo, language: "ja")
        let (mo, moBrowser) = try await member("mo@example.com", "Mo Park", "manager", seoul, language: "ja")
        func deal(_ user: TestUser, _ stageName: String, _ amount: String, _ currency: String, _ close: String) async throws {
            let reply = try await api.call(.post, "/api/v1/deals", json: """
                {"title":"\(stageName) \(amount)","pipeline_id":"\(pipeline)","stage_id":"\(stage[stageName]!)","amount":{"amount":"\(amount)","currency":"\(currency)"},"close_date":"\(close)"}
                """, token: user.token)
            #expect(reply.status == .created, "\(reply.body)")
        }
        try await deal(ana, "Proposal", "10000000", "KRW", "2026-11-10")
        try await deal(ana, "Lead", "5000.00", "USD", "2026-12-20")
        try await deal(ana, "Won", "3000000", "KRW", "2026-11-05")
        try await deal(bo, "Negotiation", "4000000", "KRW", "2026-11-20")
        try await deal(bo, "Lost", "1000.00", "USD", "2026-08-10")
        try await deal(cy, "Proposal", "7000000", "KRW", "2026-11-12")
        return Seed(ana: ana, bo: bo, cy: cy, mo: mo, seoul: seoul, tokyo: tokyo, pipeline: pipeline, anaBrowser: anaBrowser, moBrowser: moBrowser)
    }

    /// `month|currency` → (pipeline, weighted) in the API's decimal strings.
    static func forecast(_ api: API, _ query: String, token: String? = nil) async throws -> [String: String] {
        let reply = try await api.call(.get, "/api/v1/reports/forecast" + (query.isEmpty ? "" : "?" + query), token: token)
        #expect(reply.status == .ok, "\(query): \(reply.body)")
        var out: [String: String] = [:]
        for row in try reply.object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? [] {
            let key = (row.string("month") ?? "-") + "|" + (row.string("currency") ?? "")
            out[key] = (row["pipeline"]?.objectValue?.string("amount") ?? "") + "/" + (row["weighted"]?.objectValue?.string("amount") ?? "")
        }
        return out
    }

    static func summary(_ api: API, _ query: String, token: String? = nil) async throws -> JSONObject {
        let reply = try await api.call(.get, "/api/v1/reports/summary?" + query, token: token)
        #expect(reply.status == .ok, "\(query): \(reply.body)")
        return try reply.object()
    }

    @Test(arguments: Backend.available)
    func eachFilterNarrowsTheFigures(_ backend: Backend) async throws {
        try await withAPI(backend, configuration: Self.configuration) { api in
            let s = try await Self.seed(api)
            // Everything: November's won amounts 10M + 4M + 7M open, weighted at 50%, 75%, 50%.
            #expect(try await Self.forecast(api, "") == ["2026-11|KRW": "21000000/11500000", "2026-12|USD": "5000.00/500.00"])
            #expect(try await Self.forecast(api, "owner=\(s.ana.id)") == ["2026-11|KRW": "10000000/5000000", "2026-12|USD": "5000.00/500.00"])
            #expect(try await Self.forecast(api, "team=\(s.seoul)") == ["2026-11|KRW": "14000000/8000000", "2026-12|USD": "5000.00/500.00"])
            #expect(try await Self.forecast(api, "team=\(s.tokyo)") == ["2026-11|KRW": "7000000/3500000"])
            // This month in Seoul is November: December's dollars drop out.
            #expect(try await Self.forecast(api, "period=this_month") == ["2026-11|KRW": "21000000/11500000"])
            #expect(try await Self.forecast(api, "from=2026-11-11&to=2026-11-30") == ["2026-11|KRW": "11000000/6500000"])
            #expect(try await Self.forecast(api, "period=custom&from=2026-12-01") == ["2026-12|USD": "5000.00/500.00"])
            #expect(try await Self.forecast(api, "owner=\(s.ana.id)&team=\(s.tokyo)") == [:])
            // An owner, a team and a period together, with empty values meaning "any".
            #expect(try await Self.forecast(api, "owner=\(s.bo.id)&team=\(s.seoul)&period=this_quarter&pipeline=\(s.pipeline)&from=") == ["2026-11|KRW": "4000000/3000000"])

            let lastQuarter = try await Self.summary(api, "period=last_quarter")
            #expect(lastQuarter["won"]?.numberLiteral == "0" && lastQuarter["lost"]?.numberLiteral == "1" && lastQuarter["open"]?.numberLiteral == "0")
            #expect(lastQuarter["filters"]?.objectValue?.string("close_from") == "2026-07-01" && lastQuarter["filters"]?.objectValue?.string("close_to") == "2026-09-30")
            let seoulMonth = try await Self.summary(api, "team=\(s.seoul)&period=this_month")
            #expect(seoulMonth["won"]?.numberLiteral == "1" && seoulMonth["lost"]?.numberLiteral == "0" && seoulMonth["open"]?.numberLiteral == "2")
            let average = seoulMonth["average_won_deal"]?.arrayValue?.first?.objectValue
            #expect(average?.string("currency") == "KRW" && average?["average"]?.objectValue?.string("amount") == "3000000")
            let bo = try await Self.summary(api, "owner=\(s.bo.id)")
            #expect(bo["won"]?.numberLiteral == "0" && bo["lost"]?.numberLiteral == "1" && bo["open"]?.numberLiteral == "1")
            #expect(bo["win_rate"]?.numberLiteral == "0.0000")

            let funnel = try await api.call(.get, "/api/v1/reports/funnel?owner=\(s.cy.id)").object()
            let reached = Dictionary(uniqueKeysWithValues: (funnel["data"]?.arrayValue?.compactMap(\.objectValue) ?? []).map { ($0.string("stage") ?? "", $0["reached"]?.numberLiteral ?? "") })
            #expect(reached["Proposal"] == "1" && reached["Negotiation"] == "0" && reached["Won"] == "0")
        }
    }

    /// A filter narrows what the caller may already see; it never shows another's deals.
    @Test(arguments: Backend.available)
    func filtersNeverWidenWhatSomeoneSees(_ backend: Backend) async throws {
        try await withAPI(backend, configuration: Self.configuration) { api in
            let s = try await Self.seed(api)
            // Ana sees her own deals only, whatever team or owner she asks for.
            #expect(try await Self.forecast(api, "team=\(s.seoul)", token: s.ana.token) == ["2026-11|KRW": "10000000/5000000", "2026-12|USD": "5000.00/500.00"])
            #expect(try await Self.forecast(api, "owner=\(s.bo.id)", token: s.ana.token) == [:])
            #expect(try await Self.forecast(api, "team=\(s.tokyo)", token: s.ana.token) == [:])
            let boSummary = try await Self.summary(api, "owner=\(s.bo.id)", token: s.ana.token)
            #expect(boSummary["open"]?.numberLiteral == "0" && boSummary["lost"]?.numberLiteral == "0")
            // Mo manages Seoul: Tokyo's deals stay out of reach through a filter.
            #expect(try await Self.forecast(api, "team=\(s.tokyo)", token: s.mo.token) == [:])
            #expect(try await Self.forecast(api, "owner=\(s.cy.id)", token: s.mo.token) == [:])
            #expect(try await Self.forecast(api, "", token: s.mo.token) == ["2026-11|KRW": "14000000/8000000", "2026-12|USD": "5000.00/500.00"])
            // The page offers a rep only the owners she can see, and shows none of Bo's figures.
            var browser = s.anaBrowser
            let page = try await browser.request(.get, "/reports?owner=\(s.bo.id)")
            #expect(page.status == .ok)
            #expect(!page.body.contains("₩4,000,000") && !page.body.contains(#"value="\#(s.cy.id)""#))
        }
    }

    @Test(arguments: Backend.available)
    func badFilterValuesAreRefusedByName(_ backend: Backend) async throws {
        try await withAPI(backend, configuration: Self.configuration) { api in
            let s = try await Self.seed(api)
            let cases: [(String, HTTPResponse.Status, String)] = [
                ("period=yesterday", .badRequest, "period"), ("from=2026-02-30", .badRequest, "from"), ("to=20261130", .badRequest, "to"),
                ("from=2026-12-01&to=2026-11-01", .badRequest, "to"), ("period=this_month&from=2026-11-01", .badRequest, "period"),
                ("owner=someone", .badRequest, "owner"), ("team=%27%20OR%201%3D1", .badRequest, "team"), ("owner=\(RecordID.make())", .unprocessableContent, "owner"),
                ("team=\(RecordID.make())", .unprocessableContent, "team"), ("colour=red", .badRequest, "colour"), ("owner=\(s.ana.id)&owner=\(s.bo.id)", .badRequest, "owner"),
            ]
            for report in ["forecast", "funnel", "summary"] {
                for (query, status, field) in cases {
                    let reply = try await api.call(.get, "/api/v1/reports/\(report)?" + query)
                    #expect(reply.status == status, "\(report)?\(query): \(reply.body)")
                    #expect(reply.headers[.contentType]?.hasPrefix("application/problem+json") == true, "\(query)")
                    #expect(try reply.errorFields() == [field], "\(query): \(reply.body)")
                }
            }
            // The page answers a bad filter with a 4xx page, never a 500.
            var browser = s.moBrowser
            for query in ["period=yesterday", "from=2026-02-30", "owner=\(RecordID.make())"] {
                let page = try await browser.request(.get, "/reports?" + query)
                #expect((400..<500).contains(page.status.code), "\(query): \(page.status)")
            }
        }
    }

    /// The page keeps the filters in its address, shows them as chips that remove them, and
    /// writes months the reader's way.
    @Test(arguments: Backend.available)
    func thePageShowsChipsAndMonthsInTheReadersLanguage(_ backend: Backend) async throws {
        try await withAPI(backend, configuration: Self.configuration) { api in
            let s = try await Self.seed(api)
            var ko = s.anaBrowser
            let html = try await ko.request(.get, "/reports?period=this_quarter&owner=\(s.ana.id)").body
            #expect(html.contains("2026년 11월") && html.contains("2026년 12월") && !html.contains(">2026-11<"))
            #expect(html.contains("마감일: 이번 분기") && html.contains("담당자: Ana Reyes"))
            // Removing the owner chip keeps the period, and the reverse.
            #expect(html.contains(#"href="/reports?period=this_quarter" aria-label="필터 삭제 담당자: Ana Reyes""#))
            #expect(html.contains(#"href="/reports?owner=\#(s.ana.id)" aria-label="필터 삭제 마감일: 이번 분기""#))
            #expect(html.contains("₩10,000,000") && html.contains("$5,000.00"))
            var ja = s.moBrowser
            let jaHTML = try await ja.request(.get, "/reports?from=2026-11-01&to=2026-11-30").body
            // The forecast holds November only: December's dollars close outside the range.
            let forecast = jaHTML.components(separatedBy: #"id="r-f-KRW""#).last?.components(separatedBy: "</section>").first ?? ""
            #expect(forecast.contains("2026年11月") && !forecast.contains("2026年12月") && !jaHTML.contains(#"id="r-f-USD""#))
            #expect(jaHTML.contains("完了予定日:"))
            // No SVG text on the page: words are HTML at the page's own size.
            #expect(!jaHTML.contains("<text"))
            #expect(jaHTML.contains(#"<svg class="bar""#))
        }
    }
}
