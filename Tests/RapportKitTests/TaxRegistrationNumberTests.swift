import RapportKit
import Testing

/// Registration numbers printed on invoices, checked against published numbers of real
/// companies and their one-digit mistypes.
@Suite struct TaxRegistrationNumberTests {
    /// The National Tax Agency's own corporate number, 7000012050002, and Toyota Motor's,
    /// 1180301018771, as listed on the NTA's corporate number publication site; with `T`
    /// in front they are their qualified invoice issuer numbers.
    @Test func japanAcceptsPublishedIssuerNumbers() {
        #expect(TaxRegistrationNumber.canonical("T7000012050002", country: "JP") == "T7000012050002")
        #expect(TaxRegistrationNumber.canonical("t1180301018771", country: "jp") == "T1180301018771")
        #expect(TaxRegistrationNumber.canonical("T7-0000-1205-0002", country: "JP") == "T7000012050002")
    }

    @Test func japanRefusesWrongCheckDigitsAndShapes() {
        for bad in ["T7000012050003", "T8000012050002", "7000012050002", "T700001205000", "T70000120500021", "X7000012050002", "T70000120５0002", ""] {
            #expect(TaxRegistrationNumber.canonical(bad, country: "JP") == nil, "\(bad)")
        }
    }

    /// Samsung Electronics 124-81-00998 and NAVER 220-81-62517, as printed on their
    /// public business information (사업자정보) pages.
    @Test func koreaAcceptsPublishedBusinessNumbers() {
        #expect(TaxRegistrationNumber.canonical("1248100998", country: "KR") == "124-81-00998")
        #expect(TaxRegistrationNumber.canonical("220-81-62517", country: "KR") == "220-81-62517")
    }

    @Test func koreaRefusesWrongCheckDigitsAndShapes() {
        for bad in ["124-81-00997", "124-81-0099", "124-81-009988", "A24-81-00998", "２２０8162517"] {
            #expect(TaxRegistrationNumber.canonical(bad, country: "KR") == nil, "\(bad)")
        }
    }

    @Test func otherCountriesTakeAnyShortPrintableNumber() {
        #expect(TaxRegistrationNumber.canonical(" DE123456789 ", country: "DE") == "DE123456789")
        #expect(TaxRegistrationNumber.canonical(String(repeating: "1", count: 41), country: nil) == nil)
    }

    /// The settings name every wrong field at once, and a Japanese seller's number is
    /// checked as Japan's.
    @Test func companyProfileNamesEachWrongField() throws {
        let bad = JSONObject([("country", .string("XX")), ("currency", .string("ABC")), ("colour", .string("red"))])
        guard case .failure(.invalid(let errors)) = CompanyProfile.parse(bad) else { Issue.record("accepted \(bad)"); return }
        #expect(Set(errors.map(\.field)) == ["country", "currency", "colour"])
        let wrongNumber = JSONObject([("country", .string("jp")), ("tax_number", .string("T7000012050003"))])
        guard case .failure(.invalid(let numberErrors)) = CompanyProfile.parse(wrongNumber) else { Issue.record("accepted \(wrongNumber)"); return }
        #expect(numberErrors.map(\.field) == ["tax_number"])
        let good = JSONObject([("legal_name", .string("山田商店株式会社")), ("country", .string("jp")), ("tax_number", .string("t7000012050002")), ("currency", .string("jpy"))])
        #expect(try CompanyProfile.parse(good).get() == CompanyProfile(legalName: "山田商店株式会社", country: "JP", taxNumber: "T7000012050002", currency: "JPY"))
    }
}
