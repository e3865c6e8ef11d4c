import RapportKit
import Testing

/// The seller's identity: one admin-edited record every user reads, whose country decides
/// how a new quote or order rounds tax, and which the printed quote names as its issuer.
@Suite struct CompanySettingsTests {
    static func quote(_ api: API, _ extra: String = "") async throws -> JSONObject {
        let (pipeline, stage) = try await DealTests.stages(api)
        let deal = try await api.create("deals", #"{"title":"Tokyo","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Proposal"]!)"}"#)
        return try await api.create("quotes", #"{"deal_id":"\#(deal.string("id") ?? "")","currency":"JPY","status":"draft"\#(extra)}"#)
    }

    /// Japan's qualified invoice: with the seller in JP a quote that names no mode rounds
    /// per rate (NTA Q&A 問57: ¥315 at 10% and ¥321 at 8% → ¥32 + ¥26 = ¥58, where per line
    /// it is ¥60); an explicit `per_line` still wins, and orders follow the same default.
    @Test(arguments: Backend.available)
    func japaneseSellerDefaultsToPerRate(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let saved = try await api.call(.put, "/api/v1/settings/company", json: #"{"legal_name":"山田商店株式会社","country":"jp","address":"東京都千代田区霞が関3-1-1","tax_number":"T7000012050002","currency":"JPY"}"#)
            #expect(saved.status == .ok, "\(saved.body)")
            #expect(try saved.object().string("country") == "JP")
            let quote = try await Self.quote(api, #","language":"ja""#)
            #expect(quote.string("tax_rounding") == "per_rate")
            let qid = quote.string("id") ?? ""
            for (price, rate) in [("105", "10"), ("105", "10"), ("105", "10"), ("107", "8"), ("107", "8"), ("107", "8")] {
                _ = try await api.create("quote_lines", #"{"quote_id":"\#(qid)","quantity":1,"unit_price":{"amount":"\#(price)","currency":"JPY"},"tax_percent":\#(rate)}"#)
            }
            let totals = try await api.call(.get, "/api/v1/quotes/\(qid)").object()
            #expect(totals["tax"]?.objectValue?.string("amount") == "58" && totals["total"]?.objectValue?.string("amount") == "694")
            let explicit = try await Self.quote(api, #","tax_rounding":"per_line""#)
            #expect(explicit.string("tax_rounding") == "per_line")
            let org = try await api.create("organizations", #"{"name":"Suzuki Trading"}"#).string("id") ?? ""
            let order = try await api.create("orders", #"{"organization_id":"\#(org)","status":"open","ordered_on":"2026-03-02","currency":"JPY"}"#)
            #expect(order.string("tax_rounding") == "per_rate")
            // The printed quote names its issuer and registration number.
            var browser = try await WorkspacePageTests.signedIn(api)
            let printed = try await browser.request(.get, "/quotes/\(qid)/print")
            #expect(printed.status == .ok && printed.body.contains("山田商店株式会社") && printed.body.contains("登録番号 T7000012050002")
                    && printed.body.contains("東京都千代田区霞が関3-1-1"), "\(printed.body)")
        }
    }

    @Test(arguments: Backend.available)
    func otherSellersDefaultToPerLine(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            #expect(try await Self.quote(api).string("tax_rounding") == "per_line")
            let empty = try await api.call(.get, "/api/v1/settings/company")
            #expect(try empty.status == .ok && empty.object()["country"]?.isNull ?? false, "\(empty.body)")
            let saved = try await api.call(.put, "/api/v1/settings/company", json: #"{"legal_name":"삼성전자 주식회사","country":"KR","tax_number":"1248100998"}"#)
            #expect(try saved.status == .ok && saved.object().string("tax_number") == "124-81-00998", "\(saved.body)")
            #expect(try await Self.quote(api).string("tax_rounding") == "per_line")
            // The printed quote names the seller; without an address it shows no address line.
            let qid = try await Self.quote(api).string("id") ?? ""
            var browser = try await WorkspacePageTests.signedIn(api)
            let printed = try await browser.request(.get, "/quotes/\(qid)/print")
            #expect(printed.status == .ok && printed.body.contains("삼성전자 주식회사") && printed.body.contains("124-81-00998")
                    && !printed.body.contains("<br><span class=\"body\">"), "\(printed.body)")
        }
    }

    /// Every user reads the settings; only an admin changes them, and a wrong field is a
    /// 422 naming it that stores nothing and audits nothing.
    @Test(arguments: Backend.available)
    func onlyAdminsChangeAndBadInputChangesNothing(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let good = #"{"legal_name":"Yamada Shoten","country":"JP","tax_number":"T1180301018771"}"#
            #expect(try await api.call(.put, "/api/v1/settings/company", json: good).status == .ok)
            let rep = try await api.user("rep@example.com", role: "sales")
            let read = try await api.call(.get, "/api/v1/settings/company", token: rep.token)
            #expect(try read.status == .ok && read.object().string("legal_name") == "Yamada Shoten", "\(read.body)")
            let refused = try await api.call(.put, "/api/v1/settings/company", json: #"{"legal_name":"Mine","country":"KR"}"#, token: rep.token)
            #expect(refused.status == .forbidden, "\(refused.body)")
            let badCountry = try await api.call(.put, "/api/v1/settings/company", json: #"{"legal_name":"X","country":"ZZ"}"#)
            #expect(try badCountry.status == .unprocessableContent && badCountry.errorFields() == ["country"], "\(badCountry.body)")
            let badNumber = try await api.call(.put, "/api/v1/settings/company", json: #"{"legal_name":"X","country":"JP","tax_number":"T1180301018772"}"#)
            #expect(try badNumber.status == .unprocessableContent && badNumber.errorFields() == ["tax_number"], "\(badNumber.body)")
            let wrongType = try await api.call(.put, "/api/v1/settings/company", json: #"{"legal_name":42}"#)
            #expect(try wrongType.status == .unprocessableContent && wrongType.errorFields() == ["legal_name"], "\(wrongType.body)")
            let after = try await api.call(.get, "/api/v1/settings/company").object()
            #expect(after.string("legal_name") == "Yamada Shoten" && after.string("country") == "JP" && after.string("tax_number") == "T1180301018771")
            // One audit entry: the good save; the refused ones left none.
            let audited = try await api.call(.get, "/api/v1/audit?action=settings.company").object()["data"]?.arrayValue ?? []
            #expect(audited.count == 1)
            #expect(audited.first?.objectValue?["changes"]?.objectValue?["country"] != nil, "\(audited)")
            #expect(try await Self.quote(api).string("tax_rounding") == "per_rate")
            // The OpenAPI document describes both operations and the body they take.
            let document = try await api.call(.get, "/api/openapi.json").object()
            let path = document["paths"]?.objectValue?["/api/v1/settings/company"]?.objectValue
            #expect(path?["get"] != nil && path?["put"] != nil, "\(document.keys)")
            #expect(document["components"]?.objectValue?["schemas"]?.objectValue?["CompanySettings"] != nil)
        }
    }

    /// Settings → Company: an admin saves through the form (a wrong number is shown back
    /// as a 422 and stores nothing); a sales rep sees the values and no form.
    @Test(arguments: Backend.available)
    func companyPageSavesForAdminsOnly(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            var admin = try await WorkspacePageTests.signedIn(api)
            let page = try await admin.request(.get, "/settings/company")
            #expect(page.status == .ok && page.body.contains("name=\"tax_number\""), "\(page.body)")
            let csrf = PageClient.csrf(page.body) ?? ""
            let bad = try await admin.request(.post, "/settings/company", form: [("_csrf", csrf), ("legal_name", "Yamada"), ("country", "JP"), ("tax_number", "T7000012050003")])
            #expect(bad.status == .unprocessableContent, "\(bad.body)")
            #expect(try await api.call(.get, "/api/v1/settings/company").object()["legal_name"]?.isNull ?? false)
            let good = try await admin.request(.post, "/settings/company", form: [("_csrf", csrf), ("legal_name", "Yamada"), ("country", "JP"), ("tax_number", "T7000012050002")])
            #expect(good.status == .seeOther || good.status == .found, "\(good.body)")
            #expect(try await api.call(.get, "/api/v1/settings/company").object().string("tax_number") == "T7000012050002")
            var rep = try await WorkspacePageTests.signedIn(api, email: "rep@example.com", role: "sales")
            let shown = try await rep.request(.get, "/settings/company")
            #expect(shown.status == .ok && shown.body.contains("T7000012050002") && !shown.body.contains("name=\"tax_number\""), "\(shown.body)")
            let refused = try await rep.request(.post, "/settings/company", form: [("_csrf", PageClient.csrf(shown.body) ?? ""), ("legal_name", "Mine")])
            #expect(refused.status == .forbidden, "\(refused.body)")
            #expect(try await api.call(.get, "/api/v1/settings/company").object().string("legal_name") == "Yamada")
        }
    }
}
