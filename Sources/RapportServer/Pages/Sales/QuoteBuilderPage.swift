import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import RapportKit
import RapportStore

/// The quote builder's posts: `POST /quotes/{id}/lines` saves the whole table at once
/// (through ``RecordStore/saveQuoteLines(quoteID:rows:ifMatch:actor:)``, one transaction
/// with the API's checks) and `POST /quotes/{id}/lines/preview` totals the unsaved table
/// with ``QuoteMath`` for the live totals, so the page never does its own arithmetic.
///
/// Rows arrive as `l{n}_id`, `l{n}_product`, `l{n}_description`, `l{n}_quantity`,
/// `l{n}_unit_price`, `l{n}_discount`, `l{n}_tax` and `l{n}_remove`, in the order of `n`;
/// `move=n:up` or `move=n:down` (the reorder buttons without script) moves row `n` first.
struct QuoteBuilderPage {
    let deps: PageDependencies
    var store: RecordStore { deps.store }
    /// More rows than any quote needs; a bigger post is refused, not read.
    static let maxRows = 500

    func register(on router: Router<AppRequestContext>) {
        // Under the generic `:type` segment: a fixed `quotes` segment would shadow the
        // record pages' `/quotes/{id}` in the router's tree. Other types answer 404.
        router.post(":type/:id/lines", use: TypeRoute.only(Quotes.type.name, save))
        router.post(":type/:id/lines/preview", use: TypeRoute.only(Quotes.type.name, preview))
        router.get(":type/:id/print", use: TypeRoute.by([
            Quotes.type.name: QuotePrintPage(deps: deps).page, PartnerReviews.type.name: ReviewPrintPage(deps: deps).page,
        ]))
        router.post(":type/:id/revise", use: TypeRoute.only(Quotes.type.name, revise))
    }


    /// `POST /quotes/{id}/revise`: a new version of the quote, opened for editing its lines.
    @Sendable func revise(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await RecordPages(deps: deps).page(request) { user in
            if case .stop(let response) = try await deps.signedInForm(request) { return response }
            let id = context.parameters.get("id") ?? ""
            do {
                let quote = try await store.reviseQuote(id: id, actor: user.actor(context))
                return PageRenderer.redirect("/quotes/\(quote.id)?notice=created")
            } catch RecordError.invalid {
                // Accepted or already replaced meanwhile: the quote's page shows which.
                return PageRenderer.redirect("/quotes/\(id)")
            }
        }
    }

    /// The rows of a posted table, in order, with `move` applied; nil when it has more
    /// rows than ``maxRows``.
    static func rows(_ fields: [String: String]) -> [QuoteLineDraft]? {
        var byIndex: [Int: QuoteLineDraft] = [:]
        for (key, value) in fields where key.hasPrefix("l") {
            guard let underscore = key.firstIndex(of: "_"), let n = Int(key[key.index(after: key.startIndex)..<underscore]), n >= 0 else { continue }
            if byIndex[n] == nil {
                guard byIndex.count < maxRows else { return nil }
                byIndex[n] = QuoteLineDraft()
            }
            let value = String(value.prefix(1000))
            switch key[key.index(after: underscore)...] {
            case "id": byIndex[n]?.id = value.isEmpty ? nil : value
            case "product": byIndex[n]?.productID = value.isEmpty ? nil : value
            case "description": byIndex[n]?.description = value
            case "quantity": byIndex[n]?.quantity = value
            case "unit_price": byIndex[n]?.unitPrice = value
            case "discount": byIndex[n]?.discountPercent = value
            case "tax": byIndex[n]?.taxPercent = value
            case "remove": byIndex[n]?.remove = !value.isEmpty
            default: continue
            }
        }
        var rows = byIndex.sorted { $0.key < $1.key }.map(\.value)
        if let move = fields["move"], let colon = move.firstIndex(of: ":"), let n = Int(move[..<colon]), rows.indices.contains(n) {
            let to = move[move.index(after: colon)...] == "up" ? n - 1 : n + 1
            if rows.indices.contains(to) { rows.swapAt(n, to) }
        }
        return rows
    }

    /// `POST /quotes/{id}/lines`: saves the table and shows the quote again; a refused save
    /// shows the quote with the table as posted and what was wrong, and changes nothing.
    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await RecordPages(deps: deps).page(request) { user in
            let form: PageDependencies.SignedInForm
            switch try await deps.signedInForm(request) {
            case .proceed(let posted): form = posted
            case .stop(let response): return response
            }
            let id = context.parameters.get("id") ?? ""
            let actor = user.actor(context)
            let version = form.fields["version"].flatMap { Int($0) }
            guard var rows = Self.rows(form.fields) else {
                return try await refused(request, context, user, id: id, rows: [], version: version ?? 0, errors: [(nil, nil, user.t("qb_too_many"))])
            }
            try await namedProducts(&rows, actor: actor)
            do {
                _ = try await store.saveQuoteLines(quoteID: id, rows: rows, ifMatch: version, actor: actor)
            } catch RecordError.invalid(let errors) {
                return try await refused(request, context, user, id: id, rows: rows, version: version ?? 0, errors: errors.map { Self.explain($0, user: user) })
            } catch RecordError.stale(let current) {
                // Their change stays; this table is shown again over it, to be saved knowingly.
                return try await refused(request, context, user, id: id, rows: rows, version: current, errors: [(nil, nil, user.t("qb_stale"))], status: .preconditionFailed)
            }
            return PageRenderer.redirect("/quotes/\(id)?notice=saved#lines")
        }
    }

    /// New rows that name a product without having picked it (the builder without script,
    /// where the typeahead cannot run) get the one product the reader may see whose name
    /// is exactly what they typed, so its list price and tax apply; a name shared by two
    /// products, or by none, stays a free-text line for the engine's checks.
    func namedProducts(_ rows: inout [QuoteLineDraft], actor: Actor) async throws {
        let products = try await store.type(named: Products.type.name)
        var found: [String: String?] = [:]
        for i in rows.indices where rows[i].id == nil && rows[i].productID == nil && !rows[i].remove {
            let name = rows[i].description.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            if found[name] == nil {
                guard case .success(let query) = ListQuery.parse([("filter[\(products.titleField)]", name), ("limit", "2")], type: store.view(products, for: actor)) else { continue }
                let page = try await store.list(products, query: query, actor: actor)
                found[name] = page.records.count == 1 ? page.records[0].id : String?.none
            }
            if let id = found[name] ?? nil { rows[i].productID = id }
        }
    }

    func refused(_ request: Request, _ context: AppRequestContext, _ user: PageUser, id: String, rows: [QuoteLineDraft], version: Int,
                 errors: [(row: Int?, field: String?, message: String)], status: HTTPResponse.Status = .unprocessableContent) async throws -> Response {
        let pages = RecordPages(deps: deps)
        let quotes = try await store.type(named: Quotes.type.name)
        let quote = try await store.get(quotes, id: id, actor: user.actor(context))
        let state = QuoteBuilderState(rows: rows, version: version, errors: errors)
        return try await QuoteBuilderSection.$posted.withValue(state) {
            try await pages.renderRecord(request, context: context, user: user, type: quotes, record: quote, activityError: nil, status: status)
        }
    }

    /// An engine error in the reader's words, naming the row and the column it is about.
    static func explain(_ error: FieldError, user: PageUser) -> (row: Int?, field: String?, message: String) {
        var row: Int?, field = error.field
        if field.hasPrefix("lines["), let close = field.firstIndex(of: "]"), let n = Int(field[field.index(field.startIndex, offsetBy: 6)..<close]) {
            row = n
            field = String(field[field.index(after: close)...].drop { $0 == "." })
        }
        let message = error.code == "final" ? user.t("qb_final") : user.errorMessage(error)
        guard let row else { return (nil, field, message) }
        let column = user.t("field.\(field == "product_id" ? "description" : field)")
        let place = user.t("qb_line_n").replacingOccurrences(of: "{n}", with: String(row + 1))
        return (row, field, "\(place) · \(column): \(message)")
    }

    /// `POST /quotes/{id}/lines/preview`: the unsaved table's totals as JSON (each row's
    /// total, list prices for product rows without a price, and the totals block), or a
    /// problem+json 422 naming the row and column that cannot be totalled.
    @Sendable func preview(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = try await deps.pageUser(request) else { return Self.problem(.unauthorized, []) }
        guard case .proceed(let form) = try await deps.signedInForm(request) else { return Self.problem(.forbidden, []) }
        let actor = user.actor(context)
        let quotes = try await store.type(named: Quotes.type.name)
        let quote: StoredRecord
        do { quote = try await store.get(quotes, id: context.parameters.get("id") ?? "", actor: actor) } catch let error as RecordError {
            if case .forbidden = error { return Self.problem(.forbidden, []) }
            return Self.problem(.notFound, [])
        }
        guard let currency = quote.fields["currency"]?.stringValue.flatMap(Currency.named) else { return Self.problem(.unprocessableContent, []) }
        guard let rows = Self.rows(form.fields) else { return Self.problem(.unprocessableContent, [(nil, nil, user.t("qb_too_many"))]) }
        let rounding = quote.fields["tax_rounding"]?.stringValue.flatMap(TaxRounding.init(rawValue:)) ?? .perLine
        let prices = try await store.listPrices(products: rows.filter { $0.unitPrice.trimmingCharacters(in: .whitespaces).isEmpty }.compactMap(\.productID), currency: currency)
        let lines: [(row: Int, line: QuoteLine)]
        do { lines = try QuoteLineDraft.lines(rows, currency: currency) { prices[$0] } } catch {
            guard case .field(let row, let fieldError) = error else { return Self.problem(.unprocessableContent, []) }
            return Self.problem(.unprocessableContent, [Self.explain(FieldError(field: "lines[\(row)].\(fieldError.field)", code: fieldError.code, message: fieldError.message), user: user)])
        }
        let amounts: QuoteAmounts
        do { amounts = try QuoteMath.amounts(lines.map(\.line), currency: currency, rounding: rounding) } catch {
            let fieldError = QuoteMath.fieldError(error)
            let row: Int? = switch error {
            case .mixedCurrencies(let i), .negativeQuantity(let i), .quantityOutOfRange(let i), .lineOutOfRange(let i), .percentOutOfRange(let i, _): lines[i].row
            case .totalOutOfRange: nil
            }
            let named = row.map { "lines[\($0)].\(fieldError.field)" } ?? fieldError.field
            return Self.problem(.unprocessableContent, [Self.explain(FieldError(field: named, code: fieldError.code, message: fieldError.message), user: user)])
        }
        let rowsOut: [JSONValue] = lines.enumerated().map { k, entry in
            var item = JSONObject([("index", .number(String(entry.row))), ("total", .string(MoneyDisplay.format(amounts.lines[k].total, language: user.language)))])
            if rows[entry.row].unitPrice.trimmingCharacters(in: .whitespaces).isEmpty { item["unit_price"] = .string(entry.line.unitPrice.decimalString) }
            return .object(item)
        }
        let body = JSONObject([
            ("rows", .array(rowsOut)), ("total", amounts.total.json),
            ("totals", .string(QuoteBuilderSection.totalsHTML(amounts, user: user, deps: deps))),
        ])
        return Response(status: .ok, headers: [.contentType: "application/json", .cacheControl: "no-store"], body: .init(byteBuffer: ByteBuffer(string: JSONValue.object(body).serialized())))
    }

    /// An RFC 9457 problem with each error's row, column and words.
    static func problem(_ status: HTTPResponse.Status, _ errors: [(row: Int?, field: String?, message: String)]) -> Response {
        let list: [JSONValue] = errors.map { e in
            var item = JSONObject([("message", .string(e.message))])
            item["field"] = e.field.map { f in .string(e.row.map { "lines[\($0)].\(f)" } ?? f) } ?? .null
            if let row = e.row { item["row"] = .number(String(row)) }
            return .object(item)
        }
        let body = JSONObject([("status", .number(String(status.code))), ("title", .string(status.reasonPhrase)), ("errors", .array(list))])
        return Response(status: status, headers: [.contentType: "application/problem+json", .cacheControl: "no-store"],
                        body: .init(byteBuffer: ByteBuffer(string: JSONValue.object(body).serialized())))
    }
}
