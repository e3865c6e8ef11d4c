import RapportKit
import Testing

@Suite struct MoneyDisplayTests {
    @Test(arguments: [
        ("33333", "KRW", "ko", "₩33,333"), ("1200", "JPY", "ja", "￥1,200"), ("1200", "JPY", "en", "¥1,200"),
        ("1200.5", "USD", "en", "$1,200.50"), ("1200.5", "USD", "ko", "US$1,200.50"), ("-0.05", "EUR", "en", "-€0.05"),
        ("1234567.891", "BHD", "en", "BHD 1,234,567.891"), ("999", "KRW", "en", "₩999"), ("1000", "KRW", "en", "₩1,000"),
    ])
    func formats(_ amount: String, _ code: String, _ language: String, _ expected: String) throws {
        let money = try Money(decimal: amount, currency: Currency.named(code)!)
        #expect(MoneyDisplay.format(money, language: language) == expected)
    }
}

@Suite struct RelativeTimeTests {
    @Test(arguments: [
        (30.0, RelativeTime.Unit.now, 0), (59, .now, 0), (60, .minutes, 1), (3599, .minutes, 59), (3600, .hours, 1),
        (86_399, .hours, 23), (86_400, .days, 1), (6.9 * 86_400, .days, 6),
    ])
    func describes(_ elapsed: Double, _ unit: RelativeTime.Unit, _ count: Int) {
        let r = RelativeTime.describe(1000, since: 1000 + elapsed)
        #expect(r?.0 == unit && r?.1 == count)
    }

    @Test func olderThanAWeekOrFutureIsADate() {
        #expect(RelativeTime.describe(0, since: 7 * 86_400) == nil)
        #expect(RelativeTime.describe(100, since: 50) == nil)
    }
}
