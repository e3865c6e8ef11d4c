import Foundation
import HTTPTypes
import RapportKit
import Testing

/// The quote builder on the quote's page: the whole table saved by one post in one
/// transaction with the API's checks, its live totals from the server's own arithmetic,
/// and the printed quote with the seller's and buyer's details.
@Suite struct QuoteBuilderTests {
    /// A quote on a new deal with the given company, in `currency`.
    static func quote(_ api: API, currency: String = "KRW", extra: String = "") async throws -> String {
        let (pipeline, stage) = try await DealTests.stages(api)
        let org = try await api.create("organizations", #"{"name":"Hanbit Software","country":"KR","city":"Seoul","address":"서울특별시 강남구 테헤란로 152"}"#).string("id") ?? ""
        let deal = try await api.create("deals", #"{"title":"Seats","organization_id":"\#(org)","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Proposal"]!)"}"#)
        return try await api.create("quotes", #"{"deal_id":"\#(deal.string("id") ?? "")","currency":"\#(currency)","status":"draft"\#(extra)}"#).string("id") ?? ""
    }

    /// The quote's page and what its builder form needs to post: the form token and version.
    static func form(_ browser: inout PageClient, _ quote: String) async throws -> (csrf: String, version: String, html: String) {
        let page = try await browser.request(.get, "/quotes/\(quote)")
        #expect(page.status == .ok)
        guard let r = page.body.range(of: #"name="version" value=""#) else { throw TestFailure("no builder on \(page.body)") }
        return (PageClient.csrf(page.body) ?? "", String(page.body[r.upperBound...].prefix { $0 != "\"" }), page.body)
    }

    /// Rows as the builder posts them.
    static func rows(_ rows: [[String: String]]) -> [(String, String)] {
        rows.enumerated().flatMap { i, row in row.sorted { $0.key < $1.key }.map { ("l\(i)_\($0.key)", $0.value) } }
    }

    static func lines(_ api: API, _ quote: String) async throws -> [JSONObject] {
        let reply = try await api.call(.get, "/api/v1/quote_lines?filter[quote_id]=\(quote)&sort=position")
        return try reply.object()["data"]?.arrayValue?.compactMap(\.objectValue) ?? []
    }

    static let threeRows: [[String: String]] = [
        ["description": "Seats", "quantity": "3", "unit_price": "33333", "discount": "10", "tax": "10"],
        ["description": "Onboarding", "quantity": "1", "unit_price": "500000", "tax": "10"],
        ["description": "Support", "quantity": "12", "unit_price": "20000", "discount": "5", "tax": "10"],
        [:], [:],
    ]

    @Test(arguments: Backend.available)
    func savesThreeLinesInOrderInTheQuotesCurrency(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let quote = try await Self.quote(api)
            var browser = try await WorkspacePageTests.signedIn(api)
            let (csrf, version, html) = try await Self.form(&browser, quote)
            #expect(html.contains("data-quote-builder") && !html.contains("name=\"l0_currency\""))
            let saved = try await browser.request(.post, "/quotes/\(quote)/lines", form: [("_csrf", csrf), ("version", version)] + Self.rows(Self.threeRows))
            #expect(saved.status == .seeOther || saved.status == .found, "\(saved.body)")
            let lines = try await Self.lines(api, quote)
            #expect(lines.map { $0.string("description") } == ["Seats", "Onboarding", "Support"])
            #expect(lines.map { $0["position"]?.numberLiteral } == ["1", "2", "3"])
            #expect(lines.allSatisfy { $0["unit_price"]?.objectValue?.string("currency") == "KRW" })
            // 98,999 + 550,000 + (240,000 − 12,000) × 1.1 = 899,799.
            let totals = try await api.call(.get, "/api/v1/quotes/\(quote)").object()
            #expect(totals["total"]?.objectValue?.string("amount") == "899799", "\(totals)")
            // Through the API a line in another currency is still refused.
            let usd = try await api.call(.post, "/api/v1/quote_lines", json: #"{"quote_id":"\#(quote)","quantity":1,"unit_price":{"amount":"10.00","currency":"USD"}}"#)
            #expect(try usd.status == .unprocessableContent && usd.errorFields() == ["unit_price"], "\(usd.body)")
            // The saved page shows the lines in their order with their totals.
            let page = try await browser.request(.get, "/quotes/\(quote)")
            let seats = page.body.range(of: "value=\"Seats\""), support = page.body.range(of: "value=\"Support\"")
            #expect(seats != nil && support != nil && seats!.lowerBound < support!.lowerBound)
            #expect(page.body.contains("₩98,999") && page.body.contains("₩899,799"))
        }
    }

    @Test(arguments: Backend.available)
    func reorderAndRemovePersist(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let quote = try await Self.quote(api)
            var browser = try await WorkspacePageTests.signedIn(api)
            var (csrf, version, _) = try await Self.form(&browser, quote)
            _ = try await browser.request(.post, "/quotes/\(quote)/lines", form: [("_csrf", csrf), ("version", version)] + Self.rows(Self.threeRows))
            let ids = try await Self.lines(api, quote).compactMap { $0.string("id") }
            #expect(ids.count == 3)
            (csrf, version, _) = try await Self.form(&browser, quote)
            // Support moved up above Onboarding (the arrow without script), Seats removed.
            var rows = Self.threeRows.prefix(3).enumerated().map { i, row in row.merging(["id": ids[i]]) { a, _ in a } }
            rows[0]["remove"] = "1"
            let moved = try await browser.request(.post, "/quotes/\(quote)/lines", form: [("_csrf", csrf), ("version", version), ("move", "2:up")] + Self.rows(rows))
            #expect(moved.status == .seeOther || moved.status == .found, "\(moved.body)")
            let after = try await Self.lines(api, quote)
            #expect(after.map { $0.string("description") } == ["Support", "Onboarding"])
            #expect(after.map { $0.string("id") } == [ids[2], ids[1]])
            #expect(after.map { $0["position"]?.numberLiteral } == ["1", "2"])
            // Each change is in the audit log.
            let removed = try await api.call(.get, "/api/v1/audit?record_id=\(ids[0])&action=delete").object()["data"]?.arrayValue ?? []
            let reordered = try await api.call(.get, "/api/v1/audit?record_id=\(ids[2])&action=update").object()["data"]?.arrayValue ?? []
            #expect(removed.count == 1 && reordered.count == 1)
            // A place is a whole number; through the API too.
            let half = try await api.call(.patch, "/api/v1/quote_lines/\(ids[1])", json: #"{"position":1.5}"#)
            #expect(try half.status == .unprocessableContent && half.errorFields() == ["position"], "\(half.body)")
            // The order placed on acceptance lists the lines in the quote's order.
            #expect(try await api.call(.patch, "/api/v1/quotes/\(quote)", json: #"{"status":"accepted"}"#).status == .ok)
            let order = try await api.call(.get, "/api/v1/orders?filter[quote_id]=\(quote)").object()["data"]?.arrayValue?.first?.objectValue?.string("id") ?? ""
            let orderLines = try await api.call(.get, "/api/v1/order_lines?filter[order_id]=\(order)&sort=created_at").object()["data"]?.arrayValue ?? []
            #expect(orderLines.compactMap { $0.objectValue?.string("description") } == ["Support", "Onboarding"])
        }
    }

    /// Without script the typeahead cannot pick a product: a new row whose text is exactly
    /// one visible product's name becomes that product's line at its list price; a name two
    /// products share stays a free-text line and needs its own price.
    @Test(arguments: Backend.available)
    func aProductNamedExactlyIsPickedWithoutScript(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let quote = try await Self.quote(api)
            let seat = try await api.create("products", #"{"name":"클라우드 좌석","sku":"RC-SEAT","billing_period":"monthly","active":true}"#).string("id") ?? ""
            _ = try await api.create("product_prices", #"{"product_id":"\#(seat)","unit_price":{"amount":"33000","currency":"KRW"}}"#)
            for sku in ["TW-1", "TW-2"] {
                _ = try await api.create("products", #"{"name":"Twin","sku":"\#(sku)","billing_period":"one_time","active":true}"#)
            }
            var browser = try await WorkspacePageTests.signedIn(api)
            let (csrf, version, _) = try await Self.form(&browser, quote)
            let rows: [[String: String]] = [["description": " 클라우드 좌석 ", "quantity": "2"], ["description": "Twin", "quantity": "1"]]
            let refused = try await browser.request(.post, "/quotes/\(quote)/lines", form: [("_csrf", csrf), ("version", version)] + Self.rows(rows))
            #expect(refused.status == .unprocessableContent, "the shared name has no price: \(refused.body.prefix(300))")
            #expect(try await Self.lines(api, quote).isEmpty)
            let priced = [rows[0], ["description": "Twin", "quantity": "1", "unit_price": "1000"]]
            let saved = try await browser.request(.post, "/quotes/\(quote)/lines", form: [("_csrf", csrf), ("version", version)] + Self.rows(priced))
            #expect(saved.status == .seeOther || saved.status == .found, "\(saved.body.prefix(500))")
            let lines = try await Self.lines(api, quote)
            #expect(lines.count == 2)
            #expect(lines.first?.string("product_id") == seat && lines.first?["unit_price"]?.objectValue?.string("amount") == "33000", "\(lines)")
            #expect(lines.last?["product_id"]?.isNull ?? true)
        }
    }

    /// An accepted quote's lines are final: the page says so in the reader's language and
    /// nothing changes; a table drawn before someone else's save is refused too.
    @Test(arguments: Backend.available)
    func finalAndStaleTablesChangeNothing(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let quote = try await Self.quote(api)
            var browser = try await WorkspacePageTests.signedIn(api)
            let (csrf, staleVersion, _) = try await Self.form(&browser, quote)
            _ = try await browser.request(.post, "/quotes/\(quote)/lines", form: [("_csrf", csrf), ("version", staleVersion)] + Self.rows(Self.threeRows))
            let ids = try await Self.lines(api, quote).compactMap { $0.string("id") }
            // Saved over a newer table: 412, the table as typed is shown again, nothing stored.
            let stale = try await browser.request(.post, "/quotes/\(quote)/lines", form: [("_csrf", csrf), ("version", staleVersion)] + Self.rows([["description": "Late", "quantity": "1", "unit_price": "1"]]))
            #expect(stale.status == .preconditionFailed && stale.body.contains("value=\"Late\""), "\(stale.status)")
            #expect(try await Self.lines(api, quote).compactMap { $0.string("id") } == ids)

            let accepted = try await api.call(.patch, "/api/v1/quotes/\(quote)", json: #"{"status":"accepted"}"#)
            #expect(accepted.status == .ok, "\(accepted.body)")
            for (language, words) in [("en", "This quote is final"), ("ko", "확정된 견적입니다"), ("ja", "この見積は確定済みです")] {
                let page = try await browser.request(.get, "/quotes/\(quote)", headers: [.acceptLanguage: language])
                #expect(!page.body.contains("data-quote-builder") && page.body.contains(words), "\(language)")
                guard let r = page.body.range(of: #"name="_csrf" value=""#) else { throw TestFailure("no token") }
                let token = String(page.body[r.upperBound...].prefix { $0 != "\"" })
                let version = try await api.call(.get, "/api/v1/quotes/\(quote)").object()["version"]?.numberLiteral ?? ""
                let refused = try await browser.request(.post, "/quotes/\(quote)/lines", form: [("_csrf", token), ("version", version), ("l0_id", ids[0]), ("l0_remove", "1")] + Self.rows([[:], ["description": "More", "quantity": "1", "unit_price": "5"]]).map { ($0.0.replacingOccurrences(of: "l0_", with: "l9_").replacingOccurrences(of: "l1_", with: "l10_"), $0.1) },
                                                         headers: [.acceptLanguage: language])
                #expect(refused.status == .unprocessableContent && refused.body.contains(words) && refused.body.contains("role=\"alert\""), "\(language) \(refused.status)")
            }
            #expect(try await Self.lines(api, quote).compactMap { $0.string("id") } == ids)
        }
    }

    /// The live totals are the server's: for generated tables the preview's total equals
    /// ``QuoteMath`` on the same lines, and equals what saving the table stores.
    @Test(arguments: Backend.available)
    func previewTotalsAreQuoteMaths(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let quote = try await Self.quote(api, currency: "USD")
            var browser = try await WorkspacePageTests.signedIn(api)
            let (csrf, _, _) = try await Self.form(&browser, quote)
            let usd = Currency.named("USD")!
            var generator = SeededGenerator(seed: 20261201)
            for case_ in 0..<40 {
                let count = Int.random(in: 1...4, using: &generator)
                var rows: [[String: String]] = [], lines: [QuoteLine] = []
                for _ in 0..<count {
                    let quantity = Decimal(Int.random(in: 0...50_000, using: &generator)) / 100
                    let cents = Int64.random(in: 0...5_000_000, using: &generator)
                    let discount = Decimal(Int.random(in: 0...3000, using: &generator)) / 100
                    let tax = [Decimal(0), 8, 10, Decimal(string: "8.875")!].randomElement(using: &generator)!
                    let price = Money(minorUnits: cents, currency: usd)
                    rows.append(["description": "Line", "quantity": "\(quantity)", "unit_price": price.decimalString, "discount": "\(discount)", "tax": "\(tax)"])
                    lines.append(QuoteLine(quantity: quantity, unitPrice: price, discountPercent: discount, taxPercent: tax))
                }
                let expected = try QuoteMath.amounts(lines, currency: usd, rounding: .perLine)
                let reply = try await browser.request(.post, "/quotes/\(quote)/lines/preview", form: [("_csrf", csrf)] + Self.rows(rows))
                #expect(reply.status == .ok, "\(reply.body)")
                let body = try reply.object()
                #expect(body["total"]?.objectValue?.string("amount") == expected.total.decimalString, "case \(case_): \(rows)")
                let shown = body["rows"]?.arrayValue?.compactMap { $0.objectValue?.string("total") } ?? []
                #expect(shown == expected.lines.map { MoneyDisplay.format($0.total, language: "en") }, "case \(case_)")
                if case_ == 39 {
                    let version = try await api.call(.get, "/api/v1/quotes/\(quote)").object()["version"]?.numberLiteral ?? ""
                    _ = try await browser.request(.post, "/quotes/\(quote)/lines", form: [("_csrf", csrf), ("version", version)] + Self.rows(rows))
                    let stored = try await api.call(.get, "/api/v1/quotes/\(quote)").object()
                    #expect(stored["total"]?.objectValue?.string("amount") == expected.total.decimalString)
                }
            }
        }
    }

    /// Amounts at the edge of their range are refused with a 422 naming the row, in the
    /// preview and on save, and change nothing; nothing traps.
    @Test(arguments: Backend.available)
    func amountsBeyondTheRangeAreRefused(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let quote = try await Self.quote(api)
            var browser = try await WorkspacePageTests.signedIn(api)
            let (csrf, version, _) = try await Self.form(&browser, quote)
            let cases: [[[String: String]]] = [
                [["description": "Huge", "quantity": "1", "unit_price": "99999999999999999999999999"]],
                [["description": "Many", "quantity": "1000000000", "unit_price": "1000000000000"]],
                [["description": "A", "quantity": "1", "unit_price": "900000000000000"], ["description": "B", "quantity": "1", "unit_price": "900000000000000"]],
                [["description": "Far", "quantity": "99999999999999999999999999999999999999", "unit_price": "1"]],
                [["description": "Odd", "quantity": "1e400", "unit_price": "1", "tax": "1000"]],
            ]
            for rows in cases {
                let preview = try await browser.request(.post, "/quotes/\(quote)/lines/preview", form: [("_csrf", csrf)] + Self.rows(rows))
                #expect(preview.status == .unprocessableContent && preview.headers[.contentType] == "application/problem+json", "\(rows): \(preview.status) \(preview.body)")
                #expect(try !preview.errorFields().isEmpty)
                let saved = try await browser.request(.post, "/quotes/\(quote)/lines", form: [("_csrf", csrf), ("version", version)] + Self.rows(rows))
                #expect(saved.status == .unprocessableContent, "\(rows): \(saved.status)")
                #expect(saved.body.contains("role=\"alert\""))
            }
            #expect(try await Self.lines(api, quote).isEmpty)
        }
    }

    /// The printed quote names the seller (legal name, address, registration number under
    /// its country's name for it), the buyer and their address, the issue and validity
    /// dates, in English, Korean and Japanese.
    @Test(arguments: Backend.available)
    func printedQuoteNamesSellerBuyerAndDates(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            var browser = try await WorkspacePageTests.signedIn(api)
            let sellers: [(String, String, [String: String])] = [
                (#"{"legal_name":"한빛상사 주식회사","country":"KR","address":"서울특별시 중구 세종대로 110","tax_number":"1248100998"}"#, "124-81-00998",
                 ["en": "Business registration no.", "ko": "사업자등록번호", "ja": "事業者登録番号"]),
                (#"{"legal_name":"山田商店株式会社","country":"JP","address":"東京都千代田区霞が関3-1-1","tax_number":"T7000012050002"}"#, "T7000012050002",
                 ["en": "Qualified invoice issuer registration no.", "ko": "적격청구서 발행사업자 등록번호", "ja": "適格請求書発行事業者登録番号"]),
            ]
            for (profile, number, labels) in sellers {
                #expect(try await api.call(.put, "/api/v1/settings/company", json: profile).status == .ok)
                let name = try JSONValue.parse(profile).objectValue?.string("legal_name") ?? ""
                for (language, words) in [("en", ["Issue date", "Valid until", "Customer", "Dec 31, 2030"]), ("ko", ["발행일", "유효기간", "Hanbit Software 귀중", "2030"]), ("ja", ["発行日", "有効期限", "Hanbit Software 御中", "2030"])] {
                    let quote = try await Self.quote(api, extra: #","language":"\#(language)","valid_until":"2030-12-31""#)
                    _ = try await api.create("quote_lines", #"{"quote_id":"\#(quote)","description":"Seats","quantity":3,"unit_price":{"amount":"33333","currency":"KRW"},"tax_percent":10}"#)
                    let printed = try await browser.request(.get, "/quotes/\(quote)/print")
                    #expect(printed.status == .ok)
                    let body = printed.body
                    for expected in words + [name, number, labels[language]!, "서울특별시 강남구 테헤란로 152", "₩109,999"] {
                        #expect(body.contains(expected), "\(language): \(expected)")
                    }
                    // Lines stay a table with labelled columns (not list cards), and the Print button is the script's.
                    #expect(body.contains("class=\"qd-lines\"") && !body.contains("table class=\"list") && body.contains("data-print"))
                    // With a person named, the person takes the honorific and the company none.
                    if language != "en" {
                        let deal = try await api.call(.get, "/api/v1/quotes/\(quote)").object().string("deal_id") ?? ""
                        let person = try await api.create("people", #"{"display_name":"山田花子"}"#).string("id") ?? ""
                        _ = try await api.create("deal_contacts", #"{"deal_id":"\#(deal)","person_id":"\#(person)","role":"decision_maker"}"#)
                        let named = try await browser.request(.get, "/quotes/\(quote)/print").body
                        let honorific = language == "ja" ? ("山田花子 様", "Hanbit Software 御中") : ("山田花子 귀하", "Hanbit Software 귀중")
                        #expect(named.contains(honorific.0) && !named.contains(honorific.1) && named.contains("Hanbit Software"), "\(language)")
                    }
                }
            }
        }
    }
}

