import Foundation
import HTTPTypes
import RapportKit
import RapportServer
import RapportStore
import Testing

/// The deal board and the deal page's stage path: every stage on the board, totals per
/// currency on lines of their own, days in stage and overdue marks, and a lost deal that
/// says why from the admins' list, through the API, the move sheet and the deal page.
@Suite struct BoardLostReasonTests {
    /// The default pipeline and lost reasons, as `serve` makes them.
    static func setUp(_ api: API) async throws -> (pipeline: String, stage: [String: String]) {
        let (pipeline, stage) = try await DealTests.stages(api)
        try await RecordStore(db: api.db).ensureDefaultLostReasons()
        return (pipeline, stage)
    }

    static func deal(_ api: API, _ pipeline: String, _ stage: String, title: String, amount: String = "1000.00", currency: String = "USD", close: String? = nil) async throws -> String {
        let closeJSON = close.map { #","close_date":"\#($0)""# } ?? ""
        return try await api.create("deals", #"{"title":"\#(title)","pipeline_id":"\#(pipeline)","stage_id":"\#(stage)","amount":{"amount":"\#(amount)","currency":"\#(currency)"}\#(closeJSON)}"#).string("id") ?? ""
    }

    @Test(arguments: Backend.available)
    func apiRefusesALostDealWithoutAReasonFromTheList(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await Self.setUp(api)
            #expect(try await RecordStore(db: api.db).lostReasons().map(\.name) == ["Price", "Timing", "Competitor", "No decision", "Product fit", "Other"])
            let id = try await Self.deal(api, pipeline, stage["Proposal"]!, title: "Sakura renewal")
            let refused = try await api.call(.patch, "/api/v1/deals/\(id)", json: #"{"stage_id":"\#(stage["Lost"]!)"}"#)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.headers[.contentType] == "application/problem+json")
            #expect(try refused.errorFields() == ["lost_reason"])
            // Nothing changed: still in Proposal, no new history.
            #expect(try await api.call(.get, "/api/v1/deals/\(id)").object().string("stage_id") == stage["Proposal"]!)
            #expect(try await RecordStore(db: api.db).stageHistory(dealID: id, actor: .system).count == 1)
            // Created lost without a reason: refused as well.
            let created = try await api.call(.post, "/api/v1/deals", json: #"{"title":"Gone","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Lost"]!)"}"#)
            #expect(try created.status == .unprocessableContent && created.errorFields() == ["lost_reason"])
            // A reason from the list is stored in the list's spelling.
            let lost = try await api.call(.patch, "/api/v1/deals/\(id)", json: #"{"stage_id":"\#(stage["Lost"]!)","lost_reason":"competitor"}"#)
            #expect(lost.status == .ok)
            #expect(try lost.object().string("lost_reason") == "Competitor" && lost.object().string("status") == "lost")
            // Without a reason that allows own words, only the list's names pass.
            let other = try await api.call(.get, "/api/v1/lost_reasons?filter[name]=Other").object()["data"]?.arrayValue?.first?.objectValue?.string("id") ?? ""
            #expect(try await api.call(.delete, "/api/v1/lost_reasons/\(other)").status == .noContent)
            let offList = try await api.call(.patch, "/api/v1/deals/\(id)", json: #"{"lost_reason":"Budget frozen"}"#)
            #expect(try offList.status == .unprocessableContent && offList.errorFields() == ["lost_reason"])
            #expect(try await api.call(.get, "/api/v1/deals/\(id)").object().string("lost_reason") == "Competitor")
            // A rep reads the list but does not change it.
            let rep = try await api.user("lost.rep@example.com", role: "sales")
            #expect(try await api.call(.get, "/api/v1/lost_reasons", token: rep.token).status == .ok)
            #expect(try await api.call(.post, "/api/v1/lost_reasons", json: #"{"name":"Mine"}"#, token: rep.token).status == .forbidden)
        }
    }

    @Test(arguments: Backend.available)
    func moveSheetAsksWhyAndReturnsToTheColumn(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await Self.setUp(api)
            let id = try await Self.deal(api, pipeline, stage["Proposal"]!, title: "Hanbit <expansion>")
            var browser = try await WorkspacePageTests.signedIn(api)
            let back = "/deals/board#stage-\(stage["Proposal"]!)"
            let sheet = try await browser.request(.get, "/deals/\(id)/move?stage=\(stage["Lost"]!)&return=\(PageClient.encode(back))")
            #expect(sheet.status == .ok)
            #expect(sheet.body.contains("Hanbit &lt;expansion&gt;") && !sheet.body.contains("Hanbit <expansion>"))
            #expect(sheet.body.contains(#"value="\#(stage["Lost"]!)" checked"#) && sheet.body.contains(#"<option value="No decision">No decision</option>"#))
            let csrf = PageClient.csrf(sheet.body) ?? ""
            let refused = try await browser.request(.post, "/deals/\(id)/move", form: [("_csrf", csrf), ("stage_id", stage["Lost"]!), ("lost_reason", ""), ("return", back)])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains(#"role="alert""#) && refused.body.contains("Lost reason"))
            // The sheet keeps what was chosen.
            #expect(refused.body.contains(#"value="\#(stage["Lost"]!)" checked"#) && refused.body.contains(#"name="return" value="/deals/board#stage-"#))
            #expect(try await api.call(.get, "/api/v1/deals/\(id)").object().string("status") == "open")
            let moved = try await browser.request(.post, "/deals/\(id)/move", form: [
                ("_csrf", csrf), ("stage_id", stage["Lost"]!), ("lost_reason", "Other"), ("lost_reason_text", "Went in-house"), ("return", back),
            ])
            #expect(moved.status == .seeOther && moved.headers[.location] == back)
            #expect(try await api.call(.get, "/api/v1/deals/\(id)").object().string("lost_reason") == "Other: Went in-house")
            // A return to another site is not followed.
            let second = try await Self.deal(api, pipeline, stage["Lead"]!, title: "Seoul pilot")
            let offsite = try await browser.request(.post, "/deals/\(second)/move", form: [("_csrf", csrf), ("stage_id", stage["Qualified"]!), ("return", "//evil.example/deals")])
            #expect(offsite.status == .seeOther && offsite.headers[.location] == "/deals/\(second)")
            let priced = try await browser.request(.post, "/deals/\(second)/move", form: [("_csrf", csrf), ("stage_id", stage["Lost"]!), ("lost_reason", "Price"), ("return", "/deals/\(second)")])
            #expect(priced.status == .seeOther)
            // Reports name the reasons in the reader's language, the rep's words as typed.
            _ = try await browser.request(.post, "/settings/language", form: [("_csrf", csrf), ("language", "ko")])
            let report = try await browser.request(.get, "/reports")
            #expect(report.body.contains(#"<span class="bar-label">가격</span><span class="bar-text">1</span>"#))
            #expect(report.body.contains(#"<span class="bar-label">기타: Went in-house</span><span class="bar-text">1</span>"#))
            #expect(report.body.contains(#"<td data-label="">가격</td><td data-label="거래 수">1</td>"#))
        }
    }

    @Test(arguments: Backend.available)
    func boardShowsEveryStageTotalsPerCurrencyAgingAndOverdue(_ backend: Backend) async throws {
        // Five days and an hour after the deals were made, in the pages' clock.
        let later = Date().addingTimeInterval(5 * 86_400 + 3_600)
        var configuration = testConfiguration
        configuration.clock = { later }
        try await withAPI(backend, configuration: configuration) { api in
            let (pipeline, stage) = try await Self.setUp(api)
            _ = try await Self.deal(api, pipeline, stage["Proposal"]!, title: "Dollar deal", amount: "1000.00", currency: "USD", close: "2020-01-31")
            _ = try await Self.deal(api, pipeline, stage["Proposal"]!, title: "Korea deal", amount: "33333000", currency: "KRW", close: "2099-12-31")
            var browser = try await WorkspacePageTests.signedIn(api)
            let board = try await browser.request(.get, "/deals/board")
            #expect(board.status == .ok)
            // Every stage of the pipeline is a column, in order.
            let columns = board.body.components(separatedBy: "data-drop-stage=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            #expect(columns == ["Lead", "Qualified", "Proposal", "Negotiation", "Won", "Lost"].map { stage[$0]! })
            // Each currency on its own line, raw and weighted at the stage's 50%.
            let proposal = Self.column(board.body, stage["Proposal"]!)
            let totals = Self.between(proposal, #"<ul class="col-totals">"#, "</ul>")
            #expect(totals.components(separatedBy: "<li>").count - 1 == 2)
            #expect(totals.contains(#"<li><span class="raw">₩33,333,000</span> <span class="weighted">weighted ₩16,666,500</span></li>"#))
            #expect(totals.contains(#"<li><span class="raw">$1,000.00</span> <span class="weighted">weighted $500.00</span></li>"#))
            // Five days in Proposal by the pages' clock; the 2020 close date has passed.
            #expect(proposal.components(separatedBy: #"<span aria-hidden="true">5d</span>"#).count - 1 == 2)
            #expect(proposal.contains("5 days in this stage"))
            let dollar = Self.between(proposal, #"<li class="deal-card overdue""#, "</li>")
            #expect(dollar.contains("Dollar deal") && dollar.contains(#"<span class="flag">Overdue</span>"#))
            #expect(proposal.components(separatedBy: "deal-card overdue").count - 1 == 1)
            // The phone tabs name every stage with its count; each card links to its move sheet.
            #expect(board.body.contains(##"<a href="#stage-\##(stage["Proposal"]!)" data-stage-tab="\##(stage["Proposal"]!)">Proposal <span class="chip">2</span></a>"##))
            #expect(proposal.contains("/move?return=%2Fdeals%2Fboard%23stage-\(stage["Proposal"]!)"))
            // A column without amounts says so rather than showing an empty total.
            #expect(Self.column(board.body, stage["Won"]!).contains("No amounts"))
        }
    }

    @Test(arguments: Backend.available)
    func dealPageHasTheStagePathWonLostAndOverdueFlag(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await Self.setUp(api)
            let id = try await Self.deal(api, pipeline, stage["Negotiation"]!, title: "Kyoto rollout", close: "2020-03-31")
            var browser = try await WorkspacePageTests.signedIn(api)
            let page = try await browser.request(.get, "/deals/\(id)")
            #expect(page.status == .ok)
            let path = Self.between(page.body, #"<ol class="stage-path">"#, "</ol>")
            #expect(path.components(separatedBy: "<li class=\"step").count - 1 == 6)
            #expect(path.contains(#"<li class="step current outcome-open" aria-current="step"><span>Negotiation</span></li>"#))
            #expect(path.contains(#"<li class="step done outcome-open"><form method="post" action="/deals/\#(id)/move" data-confirm="Move this deal to Proposal?">"#))
            #expect(page.body.contains(#"<button class="won" type="submit">Mark won</button>"#))
            #expect(page.body.contains("/deals/\(id)/move?stage=\(stage["Lost"]!)&amp;return=%2Fdeals%2F\(id)"))
            #expect(page.body.contains("Close date passed:"))
            // Won from the deal page returns to the deal; the path then marks Won.
            let csrf = PageClient.csrf(page.body) ?? ""
            let won = try await browser.request(.post, "/deals/\(id)/move", form: [("_csrf", csrf), ("stage_id", stage["Won"]!), ("return", "/deals/\(id)")])
            #expect(won.status == .seeOther && won.headers[.location] == "/deals/\(id)")
            let after = try await browser.request(.get, "/deals/\(id)")
            #expect(after.body.contains(#"<li class="step current outcome-won" aria-current="step"><span>Won</span></li>"#))
            #expect(!after.body.contains("Close date passed:") && !after.body.contains("Mark won"))
            // Stage history moved into the deal's own section, still in the side column.
            #expect(after.body.contains("Negotiation → <strong>Won</strong>"))
        }
    }

    static func column(_ html: String, _ stage: String) -> String {
        between(html, #"data-drop-stage="\#(stage)""#, "</section>")
    }

    static func between(_ text: String, _ start: String, _ end: String) -> String {
        guard let a = text.range(of: start), let b = text.range(of: end, range: a.upperBound..<text.endIndex) else { return "" }
        return String(text[a.upperBound..<b.lowerBound])
    }
}
