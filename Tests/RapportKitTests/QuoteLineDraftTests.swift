import Foundation
import PropertyBased
import RapportKit
import Testing

/// The builder's rows as typed: what the live totals add up and what the save sends to the
/// engine, both in the quote's currency.
@Suite struct QuoteLineDraftTests {
    static let krw = Currency.named("KRW")!

    /// The body a row sends is the API's: the quote's currency on the price, the row's
    /// place, and no empty fields on a new line (a stored line clears them instead).
    @Test func bodyIsInTheQuotesCurrency() {
        let row = QuoteLineDraft(description: " Seats ", quantity: "3", unitPrice: "33333", discountPercent: "10", taxPercent: "")
        let body = row.body(currency: Self.krw, position: 2)
        #expect(body["unit_price"]?.objectValue?["currency"]?.stringValue == "KRW" && body["unit_price"]?.objectValue?["amount"]?.stringValue == "33333")
        #expect(body["description"]?.stringValue == "Seats" && body["position"]?.numberLiteral == "2" && body["tax_percent"] == nil && body["quantity"]?.numberLiteral == "3")
        var stored = row
        stored.id = "01a23000-0000-7000-8000-000000000000"
        #expect(stored.body(currency: Self.krw, position: 1)["tax_percent"]?.isNull == true)
        // Text that is not a number goes on as text, for the engine to name the field.
        #expect(QuoteLineDraft(quantity: "three").body(currency: Self.krw, position: 1)["quantity"]?.stringValue == "three")
        #expect(QuoteLineDraft().isBlank && !QuoteLineDraft(quantity: "1").isBlank && !QuoteLineDraft(productID: "p").isBlank)
    }

    /// The published example (3 × ₩33,333, 10% off, 10% tax → ₩98,999), a product row
    /// priced from the list, a removed row and a blank row left out.
    @Test func rowsBecomeQuoteMathLines() throws {
        let rows = [
            QuoteLineDraft(description: "Seats", quantity: "3", unitPrice: "33333", discountPercent: "10", taxPercent: "10"),
            QuoteLineDraft(),
            QuoteLineDraft(productID: "onboarding", quantity: "1", taxPercent: "10"),
            QuoteLineDraft(id: "gone", description: "Old", quantity: "1", unitPrice: "5", remove: true),
        ]
        let lines = try QuoteLineDraft.lines(rows, currency: Self.krw) { $0 == "onboarding" ? Money(minorUnits: 500_000, currency: Self.krw) : nil }
        #expect(lines.map(\.row) == [0, 2])
        let amounts = try QuoteMath.amounts(lines.map(\.line), currency: Self.krw)
        #expect(amounts.lines.map(\.total.minorUnits) == [98_999, 550_000] && amounts.total.minorUnits == 648_999)
        #expect(throws: QuoteLineDraft.Problem.self) { try QuoteLineDraft.lines([QuoteLineDraft(quantity: "1", unitPrice: "12.5")], currency: Self.krw) { _ in nil } }
        do {
            _ = try QuoteLineDraft.lines([QuoteLineDraft(), QuoteLineDraft(quantity: "1", unitPrice: "1", discountPercent: "ten")], currency: Self.krw) { _ in nil }
            Issue.record("a percentage in words was read")
        } catch .field(let row, let error) {
            #expect(row == 1 && error.field == "discount_percent")
        }
    }

    /// For any typed row, what the rows become is exactly the line built from the same
    /// numbers: the preview adds up what was typed, nothing rounded or dropped on the way.
    @Test func typedRowsAreReadExactly() async {
        await propertyCheck(count: 500, input: Gen.int64(in: 0...10_000_000), Gen.int64(in: 0...1_000_000_000_000), Gen.int64(in: 0...100_000_000), Gen.int64(in: 0...100_000_000)) { q, p, d, t in
            func text(_ micros: Int64) -> String { "\(micros / 1_000_000).\(String(format: "%06lld", micros % 1_000_000))" }
            let row = QuoteLineDraft(description: "x", quantity: text(q), unitPrice: String(p), discountPercent: text(d), taxPercent: text(t))
            let expected = QuoteLine(quantity: Decimal(sign: .plus, exponent: -6, significand: Decimal(q)), unitPrice: Money(minorUnits: p, currency: Self.krw),
                                     discountPercent: Decimal(sign: .plus, exponent: -6, significand: Decimal(d)), taxPercent: Decimal(sign: .plus, exponent: -6, significand: Decimal(t)))
            let lines = try? QuoteLineDraft.lines([row], currency: Self.krw) { _ in nil }
            #expect(lines?.map(\.line) == [expected], "q=\(q) p=\(p) d=\(d) t=\(t)")
        }
    }
}
