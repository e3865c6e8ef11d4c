import Foundation
import Hummingbird
import RapportKit
import RapportStore

/// `/quotes/{id}/print`: the quote as the customer reads it, in the quote's language
/// (else the reader's), with print styles that leave only the document on paper.
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
            guard case .success(let q) = ListQuery.parse([("filter[quote_id]", quote.id), ("limit", "200"), ("sort", "created_at")], type: lineType) else { throw RecordError.notFound(type: "quotes", id: quote.id) }
            let lines = try await store.list(lineType, query: q, actor: actor).records
            var formatter = ValueFormatter(user: user)
            try await formatter.prepare(lines, type: lineType, store: store, admin: deps.admin, actor: actor)
            let deals = try await store.type(named: Deals.type.name)
            let deal = try? await store.get(deals, id: quote.fields["deal_id"]?.stringValue ?? "", actor: actor)
            if let deal { try await formatter.prepare([deal], type: deals, store: store, admin: deps.admin, actor: actor) }
            var attention: String?
            if let deal { attention = try await store.dealBuyerName(dealID: deal.id, actor: actor) }
            func money(_ name: String, _ r: StoredRecord) -> String { formatter.text(r.fields[name], field: FieldSpec(name, .money)) }
            func percent(_ v: JSONValue?) -> String { v?.numberLiteral.map { $0 + "%" } ?? "—" }
            // The subtotal and tax per rate, which a qualified invoice must show; computed by
            // the same arithmetic that stored the totals.
            let rounding = quote.fields["tax_rounding"]?.stringValue.flatMap(TaxRounding.init(rawValue:)) ?? .perLine
            let rates = quote.fields["currency"]?.stringValue.flatMap(Currency.named).flatMap { currency in
                try? QuoteMath.amounts(lines.compactMap { QuoteLines.line($0.fields) }, currency: currency, rounding: rounding).rates
            } ?? []
            // A qualified invoice must name its issuer and registration number (Japan's
            // Consumption Tax Act art. 57-4); shown whenever the company settings hold them.
            let company = try await CompanySettings(db: store.db).profile()
            var seller: [String: Any] = ["taxLabel": user.t("quote.seller_tax_number")]
            for (key, value) in [("name", company.legalName), ("address", company.address), ("taxNumber", company.taxNumber)] {
                if let value { seller[key] = value }
            }
            func shown(_ m: Money) -> String { formatter.text(m.json, field: FieldSpec("total", .money)) }
            var values: [String: Any] = [
                // Versions after the first say which one this is: the customer compares them.
                "number": (quote.fields["number"]?.stringValue ?? "—") + ((quote.fields["revision"]?.numberLiteral).flatMap { Int($0) }.map { $0 > 1 ? " · \(user.t("revision_label")) \($0)" : "" } ?? ""),
                "status": user.choiceLabel("status", quote.fields["status"]?.stringValue ?? "draft"),
                "customer": deal.map { formatter.text($0.fields["organization_id"], field: FieldSpec("organization_id", .reference("organizations"))) } ?? "",
                "dealTitle": deal?.fields["title"]?.stringValue ?? "",
                "attention": attention ?? "",
                "issued": formatter.instant(quote.createdAt),
                "validUntil": formatter.text(quote.fields["valid_until"], field: FieldSpec("valid_until", .date)),
                "wide": true,
                "notes": quote.fields["notes"]?.stringValue ?? "",
                "lines": lines.map { l in [
                    "description": l.fields["description"]?.stringValue ?? formatter.text(l.fields["product_id"], field: FieldSpec("product_id", .reference("products"))),
                    "quantity": l.fields["quantity"]?.numberLiteral ?? "", "unitPrice": money("unit_price", l),
                    "discount": percent(l.fields["discount_percent"]), "tax": percent(l.fields["tax_percent"]), "total": money("line_total", l),
                ] },
                "rates": rates.map { r in [
                    "label": user.t("quote.rate_subject").replacingOccurrences(of: "{rate}", with: "\(r.taxPercent)"), "net": shown(r.net), "tax": shown(r.tax),
                ] },
                "subtotal": money("subtotal", quote), "discount": money("discount", quote), "tax": money("tax", quote), "total": money("total", quote),
                "labels": [
                    "description": user.t("field.description"), "quantity": user.t("field.quantity"), "unitPrice": user.t("field.unit_price"),
                    "discount": user.t("field.discount_percent"), "tax": user.t("field.tax_percent"), "total": user.t("field.line_total"),
                    "subtotal": user.t("field.subtotal"), "discountTotal": user.t("field.discount"), "taxTotal": user.t("field.tax"), "grandTotal": user.t("field.total"),
                    "validUntil": user.t("field.valid_until"), "status": user.t("field.status"), "customer": user.t("type.organizations.one"), "attention": user.t("field.person_id"),
                    "deal": user.t("type.deals.one"), "issued": user.t("field.created_at"), "notes": user.t("field.notes"), "heading": user.t("type.quotes.one"),
                ],
            ]
            if company.legalName != nil || company.taxNumber != nil { values["seller"] = seller }
            return deps.renderer.render("quote_print", language: language, title: user.t("type.quotes.one") + " " + (quote.fields["number"]?.stringValue ?? ""), values: values)
        }
    }
}
