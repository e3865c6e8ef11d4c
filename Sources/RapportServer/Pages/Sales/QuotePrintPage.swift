import Foundation
import Hummingbird
import RapportKit
import RapportStore

/// `/quotes/{id}/print`: the quote as the customer reads it (견적서, 見積書), in the quote's
/// language (else the reader's): the seller from the company settings with its
/// registration number named as its country names it, the buyer's name and address, the
/// number, revision, issue and validity dates, the lines as a table, tax per rate and the
/// totals in the quote's currency. Its print styles fit A4 and Letter alike.
struct QuotePrintPage {
    let deps: PageDependencies
    var store: RecordStore { deps.store }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await RecordPages(deps: deps).page(request) { reader in
            let actor = reader.actor(context)
            let quotes = try await store.type(named: Quotes.type.name)
            let quote = try await store.get(quotes, id: context.parameters.get("id") ?? "", actor: actor)
            // The customer's language when the quote names one of ours.
            let language = quote.fields["language"]?.stringValue.flatMap { code in PageStrings.languages.first { code.hasPrefix($0) } } ?? reader.language
            let user = PageUser(session: reader.session, user: reader.user, viewer: reader.viewer, language: language, timeZone: reader.timeZone)
            let lineType = try await store.type(named: QuoteLines.type.name)
            let lines = try await store.quoteLines(quoteID: quote.id, actor: actor)
            var formatter = ValueFormatter(user: user)
            try await formatter.prepare(lines, type: lineType, store: store, admin: deps.admin, actor: actor)
            let deals = try await store.type(named: Deals.type.name)
            let deal = try? await store.get(deals, id: quote.fields["deal_id"]?.stringValue ?? "", actor: actor)
            var attention: String?
            if let deal { attention = try await store.dealBuyerName(dealID: deal.id, actor: actor) }
            let buyer = try await self.buyer(deal, attention: attention, formatter: formatter, user: user, actor: actor)
            func money(_ name: String, _ r: StoredRecord) -> String { formatter.text(r.fields[name], field: FieldSpec(name, .money)) }
            func percent(_ v: JSONValue?) -> String { v?.numberLiteral.map { $0 + "%" } ?? "—" }
            func day(_ text: String?) -> String? { text.map { formatter.text(.string(String($0.prefix(10))), field: FieldSpec("d", .date)) } }
            // The subtotal and tax per rate, which a qualified invoice must show; computed by
            // the same arithmetic that stored the totals.
            let rounding = quote.fields["tax_rounding"]?.stringValue.flatMap(TaxRounding.init(rawValue:)) ?? .perLine
            let rates = quote.fields["currency"]?.stringValue.flatMap(Currency.named).flatMap { currency in
                try? QuoteMath.amounts(lines.compactMap { QuoteLines.line($0.fields) }, currency: currency, rounding: rounding).rates
            } ?? []
            // A qualified invoice must name its issuer and registration number (Japan's
            // Consumption Tax Act art. 57-4); shown whenever the company settings hold them.
            let company = try await CompanySettings(db: store.db).profile()
            var seller: [String: Any] = ["taxLabel": user.t(Self.taxNumberKey(country: company.country))]
            for (key, value) in [("name", company.legalName), ("address", company.address), ("taxNumber", company.taxNumber)] {
                if let value { seller[key] = value }
            }
            func shown(_ m: Money) -> String { formatter.text(m.json, field: FieldSpec("total", .money)) }
            let revision = quote.fields["revision"]?.numberLiteral.flatMap { Int($0) } ?? 1
            var values: [String: Any] = [
                "id": quote.id,
                "number": quote.fields["number"]?.stringValue ?? "—",
                "status": user.choiceLabel("status", quote.fields["status"]?.stringValue ?? "draft"),
                "dealTitle": deal?.fields["title"]?.stringValue ?? "",
                // A named person takes the honorific (様, 귀하) and the company none: "○○株式会社
                // 御中 ○○様" is wrong in a Japanese document.
                "attention": attention.map { user.t("qp_attention_line").replacingOccurrences(of: "{name}", with: $0) } ?? "",
                "issued": day(quote.createdAt) ?? "",
                "wide": true,
                "notes": quote.fields["notes"]?.stringValue ?? "",
                "lines": lines.enumerated().map { i, l in [
                    "n": i + 1,
                    "description": l.fields["description"]?.stringValue ?? formatter.text(l.fields["product_id"], field: FieldSpec("product_id", .reference("products"))),
                    "quantity": l.fields["quantity"]?.numberLiteral ?? "", "unitPrice": money("unit_price", l),
                    "discount": percent(l.fields["discount_percent"]), "tax": percent(l.fields["tax_percent"]), "total": money("line_total", l),
                ] as [String: Any] },
                "rates": rates.map { r in [
                    "label": user.t("quote.rate_subject").replacingOccurrences(of: "{rate}", with: "\(r.taxPercent)"), "net": shown(r.net),
                    "taxLabel": user.t("qb_tax_at").replacingOccurrences(of: "{rate}", with: "\(r.taxPercent)"), "tax": shown(r.tax),
                ] },
                "subtotal": money("subtotal", quote), "discount": money("discount", quote), "tax": money("tax", quote), "total": money("total", quote),
                "labels": [
                    "n": "#", "description": user.t("qb_item"), "quantity": user.t("field.quantity"), "unitPrice": user.t("field.unit_price"),
                    "discount": user.t("field.discount_percent"), "tax": user.t("field.tax_percent"), "total": user.t("field.line_total"),
                    "subtotal": user.t("field.subtotal"), "discountTotal": user.t("field.discount"), "taxTotal": user.t("field.tax"), "grandTotal": user.t("field.total"),
                    "validUntil": user.t("qp_valid_until"), "status": user.t("field.status"), "buyer": user.t("qp_buyer"),
                    "deal": user.t("type.deals.one"), "issued": user.t("qp_issued"), "notes": user.t("field.notes"), "heading": user.t("qp_heading"),
                    "number": user.t("qp_number"), "revision": user.t("revision_label"), "seller": user.t("qp_seller"), "amount": user.t("qp_amount"),
                    "greeting": user.t("qp_greeting"), "back": user.t("qp_back"),
                ],
            ]
            // Versions after the first say which one this is: the customer compares them.
            if revision > 1 { values["revision"] = String(revision) }
            if let until = day(quote.fields["valid_until"]?.stringValue) { values["validUntil"] = until }
            if let buyer { values["buyer"] = buyer }
            if company.legalName != nil || company.taxNumber != nil { values["seller"] = seller }
            return deps.renderer.render("quote_print", language: language, title: user.t("qp_heading") + " " + (quote.fields["number"]?.stringValue ?? ""), values: values)
        }
    }

    /// The key naming a registration number as the seller's country does: Korea's
    /// 사업자등록번호, Japan's 適格請求書発行事業者登録番号 (T and 13 digits).
    static func taxNumberKey(country: String?) -> String {
        switch country?.uppercased() {
        case "KR": "qp_tax_number_kr"
        case "JP": "qp_tax_number_jp"
        default: "qp_tax_number"
        }
    }

    /// The buyer as the document addresses them: the deal's organization (its name, with the
    /// honorific the language uses when no person is named, and its address), or nil when
    /// the reader may not see it.
    func buyer(_ deal: StoredRecord?, attention: String?, formatter: ValueFormatter, user: PageUser, actor: Actor) async throws -> [String: Any]? {
        guard let id = deal?.fields["organization_id"]?.stringValue else { return nil }
        let organizations = try await store.type(named: Organizations.type.name)
        guard let org = try? await store.get(organizations, id: id, actor: actor), let name = org.fields["name"]?.stringValue else { return nil }
        func text(_ key: String) -> String? {
            guard let v = org.fields[key]?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines), !v.isEmpty else { return nil }
            return v
        }
        let country = text("country").map { formatter.text(.string($0), field: FieldSpec("country", .country)) }
        let street = text("address")
        // Korean and Japanese addresses run from the largest place to the smallest.
        let parts: [String?] = user.language == "en" ? [street, text("city"), text("region"), country] : [country, text("region"), text("city"), street]
        let places = parts.compactMap { $0 }.filter { part in part == street || !(street?.contains(part) ?? false) }
        var out: [String: Any] = ["name": attention == nil ? user.t("qp_addressee").replacingOccurrences(of: "{name}", with: name) : name]
        if !places.isEmpty { out["address"] = places.joined(separator: user.language == "en" ? ", " : " ") }
        return out
    }
}
