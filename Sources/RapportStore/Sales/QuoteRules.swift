import Foundation
import RapportKit

/// Quotes get a number when created (`Q-2026-0001`, kept by later versions); their totals
/// are recomputed from their lines whenever a line changes; a line must be priced in its
/// quote's currency; accepting a quote (it needs a line,
/// must still be an open, valid offer, and be its deal's only accepted quote, see
/// ``QuoteAcceptance``) moves its deal to the pipeline's won stage. Accepted and
/// superseded quotes are final (``QuoteStatus``).
enum QuoteRules {
    static let quote = WriteRules(before: beforeQuote, after: afterQuote)
    static let line = WriteRules(before: beforeLine, after: afterLine)

    @Sendable static func beforeQuote(_ store: RecordStore, _ s: Session, _ record: JSONObject, _ existing: StoredRecord?) async throws -> JSONObject {
        var record = record
        // Only when missing: a new version arrives with its quote's number.
        if record["number"]?.stringValue == nil {
            record["number"] = .string(try await DocumentNumbers.next(s, prefix: "Q", table: "quotes", now: Timestamp.format(Date())))
        }
        if record["tax_rounding"]?.stringValue == nil { record["tax_rounding"] = .string(try await CompanySettings.defaultRounding(s).rawValue) }
        if record["revision"] == nil || record["revision"]?.isNull == true { record["revision"] = .number("1") }
        if existing?.fields["currency"] != nil, record["currency"] != existing?.fields["currency"],
           let id = existing?.id, try await !s.query("SELECT 1 AS found FROM quote_lines WHERE quote_id = \(id) AND deleted_at IS NULL").isEmpty {
            throw RecordError.invalid([FieldError(field: "currency", code: "invalid", message: "A quote with lines keeps its currency.")])
        }
        let today = String(Timestamp.format(Date()).prefix(10))
        let changed = existing.map { AuditLog.diff(before: $0.fields, after: record, fields: Quotes.type.fields.filter { !QuoteStatus.editableWhenFinal.contains($0.name) }).count > 0 } ?? true
        let refused = QuoteStatus.errors(from: existing?.fields["status"]?.stringValue, to: record["status"]?.stringValue,
                                         oldValidUntil: existing?.fields["valid_until"]?.stringValue, newValidUntil: record["valid_until"]?.stringValue,
                                         changed: changed, today: today)
        if !refused.isEmpty { throw RecordError.invalid(refused) }
        if record["status"]?.stringValue == "accepted", existing?.fields["status"]?.stringValue != "accepted" {
            let id = existing?.id ?? ""
            if try await s.query("SELECT 1 AS found FROM quote_lines WHERE quote_id = \(id) AND deleted_at IS NULL").isEmpty {
                throw RecordError.invalid([FieldError(field: "status", code: "invalid", message: "A quote needs a line before it can be accepted.")])
            }
            // The deal it wins is the one stored: moving a quote to another deal and
            // accepting it in one write would let the check look at the wrong deal.
            if let deal = existing?.fields["deal_id"]?.stringValue {
                if record["deal_id"] != existing?.fields["deal_id"] {
                    throw RecordError.invalid([FieldError(field: "deal_id", code: "invalid", message: "Move the quote to its deal before accepting it.")])
                }
                try await QuoteAcceptance.claim(s, quoteID: id, dealID: deal)
            }
        }
        return record
    }

    /// Accepting a quote wins its deal (through the deal's own rules, so the history
    /// records the move, unflagged) at the quote's total, which is what was sold; places
    /// an order with the quote's lines; and opens a contract for the recurring products
    /// among them.
    @Sendable static func afterQuote(_ store: RecordStore, _ s: Session, _ before: StoredRecord?, _ after: StoredRecord, _ actor: Actor, _ now: String) async throws {
        // A delete arrives as the same record before and after (same version).
        if let before, before.version == after.version, after.fields["status"]?.stringValue == "accepted" {
            throw RecordError.invalid([FieldError(field: "status", code: "final", message: "An accepted quote placed an order; it stays as the record of what was sold.")])
        }
        if let before, before.fields["tax_rounding"] != after.fields["tax_rounding"] {
            try await DocumentTotals.quotes.recompute(s, id: after.id, now: now)
        }
        guard after.fields["status"]?.stringValue == "accepted", before?.fields["status"]?.stringValue != "accepted",
              let dealID = after.fields["deal_id"]?.stringValue else { return }
        let deals = try await store.type(named: Deals.type.name, in: s)
        let deal = try await store.load(s, deals, id: dealID, forUpdate: true)
        if let pipeline = deal.fields["pipeline_id"]?.stringValue,
           let won = try await s.query("SELECT id FROM pipeline_stages WHERE pipeline_id = \(pipeline) AND outcome = 'won' AND deleted_at IS NULL ORDER BY position LIMIT 1").first?.text("id") {
            var changes = JSONObject()
            if deal.fields["stage_id"]?.stringValue != won { changes["stage_id"] = .string(won) }
            if let total = after.fields["total"], !total.isNull { changes["amount"] = total }
            if changes.count > 0 { _ = try await store.update(in: s, deals, id: dealID, changes: changes, ifMatch: nil, actor: actor) }
        }
        // A deal marked won before its quote was accepted now has one: the warning is settled.
        try await s.execute("UPDATE deal_stage_history SET flag = NULL WHERE deal_id = \(dealID) AND flag = 'won_without_accepted_quote'")
        try await placeOrder(store, s, quote: after, deal: deal, actor: actor, now: now)
    }

    static func placeOrder(_ store: RecordStore, _ s: Session, quote: StoredRecord, deal: StoredRecord, actor: Actor, now: String) async throws {
        let orders = try await store.type(named: Orders.type.name, in: s), orderLines = try await store.type(named: OrderLines.type.name, in: s)
        let contracts = try await store.type(named: Contracts.type.name, in: s)
        let lineRows = try await s.query("""
            SELECT l.product_id, l.description, l.quantity, l.unit_price_amount, l.unit_price_currency, l.discount_percent, l.tax_percent, l.line_total_amount, p.billing_period
            FROM quote_lines l LEFT JOIN products p ON p.id = l.product_id WHERE l.quote_id = \(quote.id) AND l.deleted_at IS NULL
            ORDER BY CAST(l.position AS INTEGER), l.seq
            """)
        let today = String(now.prefix(10))
        let owner = deal.ownerID ?? actor.userID
        // The order and contract name the deal's buyer: its decision maker if it has one.
        let buyer = try await RecordStore.dealBuyer(s, dealID: deal.id).map(JSONValue.string) ?? .null
        // Its number comes from the order's own rule.
        let order = StoredRecord.new(orders, fields: JSONObject([
            ("direction", .string("sell")), ("organization_id", deal.fields["organization_id"] ?? .null), ("person_id", buyer),
            ("deal_id", .string(deal.id)), ("quote_id", .string(quote.id)), ("ordered_on", .string(today)), ("status", .string("open")),
            ("currency", quote.fields["currency"] ?? .null), ("tax_rounding", quote.fields["tax_rounding"] ?? .null),
            ("subtotal", quote.fields["subtotal"] ?? .null), ("discount", quote.fields["discount"] ?? .null), ("tax", quote.fields["tax"] ?? .null),
            ("total", quote.fields["total"] ?? .null),
        ]), owner: owner, actor: actor, now: now)
        try await store.createRecords(in: s, orders, [order], actor: actor, now: now)
        func money(_ minor: Int64?, _ code: String?) -> JSONValue {
            guard let minor, let code, let c = Currency.named(code) else { return .null }
            return Money(minorUnits: minor, currency: c).json
        }
        let lines = lineRows.map { r in
            StoredRecord.new(orderLines, fields: JSONObject([
                ("order_id", .string(order.id)), ("product_id", r.text("product_id").map(JSONValue.string) ?? .null),
                ("description", r.text("description").map(JSONValue.string) ?? .null), ("quantity", r.text("quantity").map(JSONValue.number) ?? .null),
                ("unit_price", money(r.int("unit_price_amount"), r.text("unit_price_currency"))),
                ("discount_percent", r.text("discount_percent").map(JSONValue.number) ?? .null), ("tax_percent", r.text("tax_percent").map(JSONValue.number) ?? .null),
                ("line_total", money(r.int("line_total_amount"), r.text("unit_price_currency"))),
            ]), owner: owner, actor: actor, now: now)
        }
        try await store.createRecords(in: s, orderLines, lines, actor: actor, now: now)
        // Recurring products become contracts, one per billing period, so monthly and
        // yearly products on one quote are not billed as one period; each contract's
        // value is its lines' total.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let end = calendar.date(byAdding: .year, value: 1, to: Date()).map { String(Timestamp.format($0).prefix(10)) } ?? today
        let periods = Products.billingPeriods.filter { $0 != "one_time" }
        let groups = periods.map { period in (period, lineRows.filter { $0.text("billing_period") == period }) }.filter { !$0.1.isEmpty }
        let title = (deal.fields["title"]?.stringValue ?? "") + " · " + (quote.fields["number"]?.stringValue ?? "")
        let records = groups.compactMap { period, rows -> StoredRecord? in
            guard let code = rows.first?.text("unit_price_currency") else { return nil }
            let value = rows.reduce(Int64(0)) { $0 + ($1.int("line_total_amount") ?? 0) }
            return StoredRecord.new(contracts, fields: JSONObject([
                ("title", .string(groups.count > 1 ? title + " · " + period : title)),
                ("direction", .string("sell")), ("organization_id", deal.fields["organization_id"] ?? .null), ("person_id", buyer), ("deal_id", .string(deal.id)),
                ("start_date", .string(today)), ("end_date", .string(end)), ("value", money(value, code)),
                ("billing_period", .string(period)), ("auto_renew", .bool(true)), ("notice_days", .number("30")),
                ("renewal_date", .string(end)), ("status", .string("active")),
            ]), owner: owner, actor: actor, now: now)
        }
        if !records.isEmpty { try await store.createRecords(in: s, contracts, records, actor: actor, now: now) }
    }

    @Sendable static func beforeLine(_ store: RecordStore, _ s: Session, _ record: JSONObject, _ existing: StoredRecord?) async throws -> JSONObject {
        // The quote's currency, by the one rule orders' lines follow too.
        guard var (record, currency) = try await DocumentTotals.quotes.checkLine(s, record) else { return record }
        // A line added without a place goes after the quote's last one.
        if existing == nil, record["position"]?.isNull ?? true, let quote = record["quote_id"]?.stringValue {
            let last = try await s.query("SELECT position FROM quote_lines WHERE quote_id = \(quote) AND deleted_at IS NULL")
                .compactMap { $0.text("position").flatMap { Int($0) } }.max() ?? 0
            record["position"] = .number(String(last + 1))
        }
        if let product = record["product_id"]?.stringValue {
            try await fillFromPriceList(s, &record, product: product, currency: currency)
        }
        return record
    }

    /// A product line without a price takes the product's price in the quote's currency
    /// (the latest one already valid), and without a description the product's name.
    static func fillFromPriceList(_ s: Session, _ record: inout JSONObject, product: String, currency: String) async throws {
        if record["unit_price"]?.isNull ?? true {
            guard let minor = try await listPrice(s, product: product, currency: currency), let code = Currency.named(currency) else {
                throw RecordError.invalid([FieldError(field: "unit_price", code: "required", message: "This product has no price in \(currency) yet; enter a unit price.")])
            }
            record["unit_price"] = Money(minorUnits: minor, currency: code).json
            QuoteLines.type.hooks.derive(&record)
        }
        if record["description"]?.isNull ?? true, let name = try await s.query("SELECT name FROM products WHERE id = \(product)").first?.text("name") {
            record["description"] = .string(name)
        }
    }

    /// The product's price in `currency`: the latest one already valid.
    static func listPrice(_ s: Session, product: String, currency: String) async throws -> Int64? {
        let today = String(Timestamp.format(Date()).prefix(10))
        return try await s.query("""
            SELECT unit_price_amount FROM product_prices WHERE product_id = \(product) AND unit_price_currency = \(currency) AND deleted_at IS NULL
            AND (valid_from IS NULL OR valid_from <= \(today)) ORDER BY COALESCE(valid_from, '') DESC, created_at DESC LIMIT 1
            """).first?.int("unit_price_amount")
    }

    /// The quotes a line was on and is on are re-totalled, except one going to the trash
    /// with its lines, which keeps the totals they come back with. (Lines of a final quote
    /// never get here: their ``ParentRule`` refuses them first.)
    @Sendable static func afterLine(_ store: RecordStore, _ s: Session, _ before: StoredRecord?, _ after: StoredRecord, _ actor: Actor, _ now: String) async throws {
        let quotes = Set([before?.fields["quote_id"]?.stringValue, after.fields["quote_id"]?.stringValue].compactMap { $0 })
        for quote in quotes where !ParentWriteRules.deleting.contains(quote) { try await recompute(s, quoteID: quote, now: now) }
    }

    /// The quote's subtotal, discount, tax and total from its live lines.
    static func recompute(_ s: Session, quoteID: String, now: String) async throws {
        try await DocumentTotals.quotes.recompute(s, id: quoteID, now: now)
    }
}
