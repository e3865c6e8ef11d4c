import Foundation
import RapportKit
import RapportStore

/// What a refused save of the quote builder posted, so the page shown again keeps every
/// row as typed and marks what was wrong.
struct QuoteBuilderState: Sendable {
    var rows: [QuoteLineDraft]
    var version: Int
    /// Errors already in the reader's words; `row` is nil for the table as a whole.
    var errors: [(row: Int?, field: String?, message: String)]
}

/// The quote page's lines as one editable table (the quote builder): one row per line in
/// its place on the quote, labelled columns, spare rows to add lines, up and down to
/// reorder, remove, and the quote's totals; saved by one post to `/quotes/{id}/lines`.
/// A final quote shows its lines without boxes.
struct QuoteBuilderSection: RecordPageSection {
    /// Set while a refused save draws the page again.
    @TaskLocal static var posted: QuoteBuilderState?
    /// Empty rows drawn under the lines, for adding lines without script.
    static let spareRows = 3

    var place: RecordPagePlace { .header }
    var template: String { "quote_builder" }

    func values(_ record: StoredRecord, type: RecordType, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [String: Any]? {
        guard user.viewer.role.allows(.read, on: QuoteLines.type.name) else { return nil }
        let status = record.fields["status"]?.stringValue ?? "draft"
        let editable = !QuoteStatus.final.contains(status) && user.viewer.role.allows(.update, on: QuoteLines.type.name)
            && user.viewer.role.allows(.create, on: QuoteLines.type.name)
        let currency = record.fields["currency"]?.stringValue.flatMap(Currency.named)
        let stored = try await deps.store.quoteLines(quoteID: record.id, actor: actor)
        let posted = Self.posted
        var rows: [QuoteLineDraft] = posted?.rows ?? stored.map(Self.draft)
        if editable { rows += Array(repeating: QuoteLineDraft(), count: max(Self.spareRows - rows.filter(\.isBlank).count, 0)) }
        let totalsByID = Dictionary(stored.map { ($0.id, $0.fields["line_total"]) }, uniquingKeysWith: { a, _ in a })
        let formatter = ValueFormatter(user: user)
        let errors = posted?.errors ?? []
        let lines: [[String: Any]] = rows.enumerated().map { i, row in
            let wrong = Set(errors.filter { $0.row == i }.compactMap(\.field))
            var out: [String: Any] = [
                "i": i, "number": i + 1, "id": row.id ?? "", "product": row.productID ?? "", "description": row.description,
                "quantity": row.quantity, "unitPrice": row.unitPrice, "discount": row.discountPercent, "tax": row.taxPercent,
                "remove": row.remove, "first": i == 0, "last": i == rows.count - 1, "stored": row.id != nil,
                "upLabel": user.t("qb_move_up").replacingOccurrences(of: "{n}", with: String(i + 1)),
                "downLabel": user.t("qb_move_down").replacingOccurrences(of: "{n}", with: String(i + 1)),
                "removeLabel": user.t("qb_remove_line").replacingOccurrences(of: "{n}", with: String(i + 1)),
            ]
            for field in ["description", "quantity", "unit_price", "discount_percent", "tax_percent"] where wrong.contains(field) || (field == "description" && wrong.contains("product_id")) {
                out["bad_" + field] = true
            }
            if posted == nil, let id = row.id, let total = totalsByID[id] ?? nil {
                out["total"] = formatter.text(total, field: FieldSpec("line_total", .money))
            }
            return out
        }
        var values: [String: Any] = [
            "quoteID": record.id, "iconsPath": Assets.iconsPath, "version": posted?.version ?? record.version, "editable": editable, "rows": lines,
            "currency": currency?.code ?? "", "totals": try totals(stored, quote: record, user: user, deps: deps),
            "errors": errors.map { ["message": $0.message] },
            "labels": Self.labels(user), "template_row": Self.templateRow(user),
            "unitPriceLabel": user.t("qb_unit_price_in").replacingOccurrences(of: "{currency}", with: currency?.code ?? ""),
        ]
        if !editable, QuoteStatus.final.contains(status) { values["finalNote"] = user.t("qb_final") }
        if !editable, stored.isEmpty { return nil }
        return values
    }

    /// The column and total names, from the fields' own labels.
    static func labels(_ user: PageUser) -> [String: String] {
        Dictionary(uniqueKeysWithValues: ["description", "quantity", "unit_price", "discount_percent", "tax_percent", "line_total", "subtotal", "discount", "tax", "total"]
            .map { ($0, user.t("field.\($0)")) })
    }

    /// The row the script copies to add a line; `__i__` becomes the new row's number.
    static func templateRow(_ user: PageUser) -> [String: Any] {
        ["i": "__i__", "number": "", "id": "", "product": "", "description": "", "quantity": "", "unitPrice": "", "discount": "", "tax": "",
         "upLabel": user.t("qb_move_up").replacingOccurrences(of: "{n}", with: ""), "downLabel": user.t("qb_move_down").replacingOccurrences(of: "{n}", with: ""),
         "removeLabel": user.t("qb_remove_line").replacingOccurrences(of: "{n}", with: "")]
    }

    /// A stored line as the builder's row shows it.
    static func draft(_ line: StoredRecord) -> QuoteLineDraft {
        func number(_ name: String) -> String { line.fields[name]?.numberLiteral ?? "" }
        return QuoteLineDraft(id: line.id, productID: line.fields["product_id"]?.stringValue, description: line.fields["description"]?.stringValue ?? "",
                              quantity: number("quantity"), unitPrice: line.fields["unit_price"]?.objectValue?["amount"]?.stringValue ?? "",
                              discountPercent: number("discount_percent"), taxPercent: number("tax_percent"))
    }

    /// The stored quote's totals as the builder's totals block shows them.
    func totals(_ lines: [StoredRecord], quote: StoredRecord, user: PageUser, deps: PageDependencies) throws -> String {
        guard let currency = quote.fields["currency"]?.stringValue.flatMap(Currency.named) else { return "" }
        let rounding = quote.fields["tax_rounding"]?.stringValue.flatMap(TaxRounding.init(rawValue:)) ?? .perLine
        guard let amounts = try? QuoteMath.amounts(lines.compactMap { QuoteLines.line($0.fields) }, currency: currency, rounding: rounding) else { return "" }
        return Self.totalsHTML(amounts, user: user, deps: deps)
    }

    /// The totals block: subtotal, discount, tax per rate and the total, in the quote's
    /// currency; the same fragment the live preview sends back.
    static func totalsHTML(_ amounts: QuoteAmounts, user: PageUser, deps: PageDependencies) -> String {
        func shown(_ m: Money) -> String { MoneyDisplay.format(m, language: user.language) }
        let values: [String: Any] = [
            "labels": labels(user), "subtotal": shown(amounts.subtotal), "discount": shown(amounts.discount), "tax": shown(amounts.tax), "total": shown(amounts.total),
            // Tax per rate only when there is more than one rate; one rate is the tax line.
            "rates": (amounts.rates.count > 1 ? amounts.rates : []).map { rate in [
                "label": user.t("qb_tax_at").replacingOccurrences(of: "{rate}", with: "\(rate.taxPercent)"),
                "net": shown(rate.net), "tax": shown(rate.tax),
            ] },
        ]
        return deps.renderer.fragment("quote_totals", user: user, values: values)
    }
}
