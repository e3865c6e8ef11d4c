import Foundation
import Testing
@testable import RapportKit

/// Instants are stored as fixed-width UTC text so that string order is time order on both
/// databases; the parser must therefore convert every RFC 3339 offset exactly and refuse
/// anything that is not a real instant instead of guessing.
@Suite struct TimestampParseTests {
    /// The examples printed in RFC 3339 section 5.8.
    @Test(arguments: [
        ("1985-04-12T23:20:50.52Z", Int64(482_196_050_520), "1985-04-12T23:20:50.520Z"),
        ("1996-12-19T16:39:57-08:00", 851_042_397_000, "1996-12-20T00:39:57.000Z"),
        ("1937-01-01T12:00:27.87+00:20", -1_041_337_172_130, "1937-01-01T11:40:27.870Z"),
    ])
    func rfc3339Examples(_ text: String, _ millis: Int64, _ normalized: String) {
        #expect(Timestamp.parse(text) == millis)
        #expect(Timestamp.normalize(text) == normalized)
    }

    /// RFC 3339 allows second 60 for leap seconds; this parser deliberately refuses it
    /// (seconds must be below 60), so leap-second instants are rejected, with or without offset.
    @Test(arguments: ["1990-12-31T23:59:60Z", "1990-12-31T15:59:60-08:00"])
    func leapSecondsAreRejected(_ text: String) {
        #expect(Timestamp.parse(text) == nil)
        #expect(Timestamp.normalize(text) == nil)
        // The second before the leap second is fine and lands on the same UTC instant either way.
        let before = String(text.prefix(17)) + "59" + String(text.dropFirst(19))
        #expect(Timestamp.normalize(before) == "1990-12-31T23:59:59.000Z")
    }

    @Test(arguments: [
        ("2026-11-25T17:34:51+09:00", "2026-11-25T08:34:51.000Z"),
        ("2026-11-25T17:34:51Z", "2026-11-25T17:34:51.000Z"),
        ("2026-11-25t17:34:51z", "2026-11-25T17:34:51.000Z"),
        ("2026-11-25 17:34:51Z", "2026-11-25T17:34:51.000Z"),
        ("2026-11-25T17:34:51.1Z", "2026-11-25T17:34:51.100Z"),
        ("2026-11-25T17:34:51.123Z", "2026-11-25T17:34:51.123Z"),
        ("2026-01-01T00:30:00+01:00", "2025-12-31T23:30:00.000Z"),
        ("2025-12-31T23:30:00-00:30", "2026-01-01T00:00:00.000Z"),
        ("2024-02-29T12:00:00Z", "2024-02-29T12:00:00.000Z"),
        ("2000-02-29T00:00:00Z", "2000-02-29T00:00:00.000Z"),
        ("1970-01-01T00:00:00Z", "1970-01-01T00:00:00.000Z"),
        ("0001-01-01T00:00:00Z", "0001-01-01T00:00:00.000Z"),
        ("9999-12-31T23:59:59.999Z", "9999-12-31T23:59:59.999Z"),
    ])
    func normalizes(_ text: String, _ expected: String) {
        #expect(Timestamp.normalize(text) == expected)
    }

    @Test(arguments: [
        "2023-02-29T00:00:00Z",  // not a leap year
        "1900-02-29T00:00:00Z",  // century, not a leap year
        "2024-04-31T00:00:00Z",
        "2024-13-01T00:00:00Z",
        "2024-00-10T00:00:00Z",
        "2024-01-00T00:00:00Z",
        "0000-01-01T00:00:00Z",
        "2026-11-25T24:00:00Z",
        "2026-11-25T23:60:00Z",
        "2026-11-25T17:34:51",  // no offset
        "2026-11-25T17:34:51.Z",  // empty fraction
        "2026-11-25T17:34:51+0900",  // offset without colon
        "2026-11-25T17:34:51+24:00",
        "2026-11-25T17:34:51+09:60",
        "2026-11-25T17:34:51Zjunk",
        "2026-11-25X17:34:51Z",
        "2026-11-25",
        "",
        "2026/11/25T17:34:51Z",
        "２０２６-11-25T17:34:51Z",
    ])
    func rejects(_ text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func offsetsMeanTheSameInstant() {
        let a = Timestamp.parse("2026-01-31T09:00:00+09:00")
        let b = Timestamp.parse("2026-01-31T00:00:00Z")
        let c = Timestamp.parse("2026-01-30T19:00:00-05:00")
        #expect(a != nil)
        #expect(a == b)
        #expect(b == c)
    }
}

/// Formatting is the other half of the stored form: fixed width, millisecond precision,
/// correct on both sides of the epoch, so lexical order equals time order.
@Suite struct TimestampFormatTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (951_782_400_000, "2000-02-29T00:00:00.000Z"),
        (-1, "1969-12-31T23:59:59.999Z"),
        (-86_400_000, "1969-12-31T00:00:00.000Z"),
        (1_000, "1970-01-01T00:00:01.000Z"),
        (482_196_050_520, "1985-04-12T23:20:50.520Z"),
        (1_709_164_800_000, "2024-02-29T00:00:00.000Z"),
        (-62_135_596_800_000, "0001-01-01T00:00:00.000Z"),
        (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
    ])
    func formatsKnownValues(_ millis: Int64, _ expected: String) {
        #expect(Timestamp.format(millisecondsSince1970: millis) == expected)
        #expect(Timestamp.parse(expected) == millis)
    }

    @Test func formatsDatesRoundingDownToMilliseconds() {
        #expect(Timestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1.9999)) == "1970-01-01T00:00:01.999Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: -0.0005)) == "1969-12-31T23:59:59.999Z")
    }

    @Test func lexicalOrderIsTimeOrder() {
        let millis: [Int64] = [-62_135_596_800_000, -86_400_001, -1, 0, 1, 999, 1_000, 951_782_400_000, 253_402_300_799_999]
        let texts = millis.map { Timestamp.format(millisecondsSince1970: $0) }
        #expect(texts == texts.sorted())
        #expect(Set(texts.map(\.count)) == [24])
    }

    @Test(arguments: Array(stride(from: Int64(-5_000_000_000_000), through: 5_000_000_000_000, by: 123_456_789_017)))
    func formatParseRoundTrip(_ millis: Int64) {
        #expect(Timestamp.parse(Timestamp.format(millisecondsSince1970: millis)) == millis)
    }
}

/// Day arithmetic underlies every date and instant; an off-by-one around leap years or
/// the epoch would shift stored data by a day.
@Suite struct CivilDateTests {
    @Test func knownDayNumbers() {
        #expect(CivilDate.toDays(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilDate.toDays(year: 1969, month: 12, day: 31) == -1)
        #expect(CivilDate.toDays(year: 2000, month: 3, day: 1) == 11_017)
        #expect(CivilDate.toDays(year: 2000, month: 2, day: 29) == 11_016)
        #expect(CivilDate.toDays(year: 1600, month: 1, day: 1) == -135_140)
        #expect(CivilDate.fromDays(0) == (1970, 1, 1))
        #expect(CivilDate.fromDays(11_016) == (2000, 2, 29))
        #expect(CivilDate.fromDays(-1) == (1969, 12, 31))
    }

    /// Samples the 1st, 8th, 15th, 22nd and last day of every month of 1600..2400, one
    /// century per case (the range contains the 400-year cycle boundaries 1600, 2000, 2400).
    @Test(arguments: Array(stride(from: 1600, through: 2400, by: 100)))
    func roundTripsAcrossCentury(_ century: Int) {
        var previous: Int64?
        for year in century...min(century + 99, 2400) {
            for month in 1...12 {
                let last = CivilDate.daysIn(year: year, month: month)
                for day in Set([1, 8, 15, 22, last]).sorted() {
                    let n = CivilDate.toDays(year: year, month: month, day: day)
                    let back = CivilDate.fromDays(n)
                    #expect(back.0 == Int64(year) && back.1 == month && back.2 == day, "\(year)-\(month)-\(day)")
                    if let previous { #expect(n > previous) }
                    previous = n
                }
            }
            // Consecutive years differ by the year's length.
            let length = CivilDate.toDays(year: year + 1, month: 1, day: 1) - CivilDate.toDays(year: year, month: 1, day: 1)
            #expect(length == (CivilDate.daysIn(year: year, month: 2) == 29 ? 366 : 365), "\(year)")
        }
    }

    @Test func everyDayNumberInRangeRoundTrips() {
        let start = CivilDate.toDays(year: 1600, month: 1, day: 1)
        let end = CivilDate.toDays(year: 2400, month: 12, day: 31)
        var n = start
        while n <= end {
            let (y, m, d) = CivilDate.fromDays(n)
            #expect(CivilDate.isValid(year: Int(y), month: m, day: d))
            #expect(CivilDate.toDays(year: Int(y), month: m, day: d) == n)
            n += 997
        }
    }

    @Test(arguments: [
        (2024, 2, 29), (2000, 2, 29), (2400, 2, 29), (2023, 12, 31), (2023, 4, 30), (1, 1, 1), (9999, 12, 31),
    ])
    func validDates(_ y: Int, _ m: Int, _ d: Int) {
        #expect(CivilDate.isValid(year: y, month: m, day: d))
    }

    @Test(arguments: [
        (2023, 2, 29), (1900, 2, 29), (2100, 2, 29), (2023, 4, 31), (2023, 13, 1), (2023, 0, 1), (2023, 1, 0), (0, 1, 1), (10000, 1, 1),
    ])
    func invalidDates(_ y: Int, _ m: Int, _ d: Int) {
        #expect(!CivilDate.isValid(year: y, month: m, day: d))
    }

    @Test func parseISO() {
        #expect(CivilDate.parseISO("2024-02-29").map { [$0.0, $0.1, $0.2] } == [2024, 2, 29])
        #expect(CivilDate.parseISO("2023-02-29") == nil)
        #expect(CivilDate.parseISO("2024-2-29") == nil)
        #expect(CivilDate.parseISO("2024-02-29T") == nil)
        #expect(CivilDate.parseISO("2024_02_29") == nil)
        #expect(CivilDate.parseISO("20x4-02-29") == nil)
    }
}

/// Database and Python clients send microseconds; they must parse, not crash.
@Suite struct TimestampFractionRegressionTests {
    @Test(arguments: ["2026-11-25T17:34:51.123456Z", "2026-11-25T17:34:51.1234Z", "2026-11-25T17:34:51.123456789+00:00"])
    func longFractions(text: String) {
        #expect(Timestamp.normalize(text) == "2026-11-25T17:34:51.123Z")
    }
}
