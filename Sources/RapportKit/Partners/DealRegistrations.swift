import Foundation

/// Deals a partner registers: the customer they found, submitted through the portal and
/// approved (or not) by the partner manager. An approved registration is protected for a
/// number of days counted in the partner's own calendar (``RegistrationProtection``), and
/// every registration is checked against existing deals and other partners' registrations
/// by the company's domain and name, so a channel conflict is seen before it is a dispute.
public enum DealRegistrations {
    public static let statuses = ["submitted", "approved", "rejected", "withdrawn"]
    public static let defaultProtectionDays = 90
    public static let protectionDays = 1...730

    public static let type = RecordType(
        name: "deal_registrations",
        singular: "deal registration",
        fields: [
            .partnership,
            FieldSpec("company_name", .text(maxLength: 200), required: true, search: .name, label: "Company"),
            FieldSpec("company_domain", .domain, search: .domain, label: "Company domain"),
            FieldSpec("contact_name", .text(maxLength: 200), search: .text, label: "Contact"),
            FieldSpec("amount", .money, label: "Expected amount"),
            FieldSpec("expected_close", .date, label: "Expected close"),
            FieldSpec("description", .longText, search: .text),
            FieldSpec("status", .choice(statuses)),
            FieldSpec("protection_days", .number, label: "Protection (days)"),
            FieldSpec("approved_at", .dateTime, isDerived: true),
            FieldSpec("protected_until", .date, label: "Protected through", isDerived: true),
            // What the channel-conflict check found when the registration was written.
            FieldSpec("conflict_note", .longText, label: "Possible channel conflict", isDerived: true),
            // The deal its approval opened.
            FieldSpec("deal_id", .reference("deals"), label: "Deal", isDerived: true),
        ],
        titleField: "company_name",
        listColumns: ["status", "amount", "protected_until", "conflict_note"],
        allowsCustomFields: false,
        hooks: RecordHooks(derive: derive, validate: validate),
        personalFields: ["contact_name"],
        inNavigation: false,
        parent: .partnership,
        area: .partners,
        icon: "deal",
        partnerShare: PartnerShare(kind: nil)
    )

    @Sendable static func derive(_ record: inout JSONObject) {
        if record["status"]?.stringValue == nil { record["status"] = .string("submitted") }
        if record["protection_days"]?.numberLiteral == nil { record["protection_days"] = .number(String(defaultProtectionDays)) }
    }

    @Sendable static func validate(_ record: JSONObject) -> [FieldError] {
        guard let days = record["protection_days"], !days.isNull else { return [] }
        if let n = days.numberLiteral.flatMap(Int.init), protectionDays.contains(n) { return [] }
        return [FieldError(field: "protection_days", code: "out_of_range", message: "A whole number of days from 1 to 730.")]
    }

    public static func days(_ record: JSONObject) -> Int {
        record["protection_days"]?.numberLiteral.flatMap(Int.init).flatMap { protectionDays.contains($0) ? $0 : nil } ?? defaultProtectionDays
    }
}

/// When a registration's protection ends, in the partner's calendar.
public enum RegistrationProtection {
    /// The last protected day: the day of approval in `zone` (day 0) plus `days`. A deal
    /// approved at 01:30 in Seoul on 2 December is protected for 90 days through 2 March,
    /// though it was still 1 December in UTC.
    public static func lastDay(approvedAt millis: Int64, days: Int, zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let approved = Date(timeIntervalSince1970: Double(millis) / 1000)
        let c = calendar.dateComponents([.year, .month, .day], from: approved)
        let start = CivilDate.toDays(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
        let (y, m, d) = CivilDate.fromDays(start + Int64(days))
        return String(format: "%04d-%02d-%02d", Int(y), m, d)
    }

    /// Whether a registration protected through `lastDay` still is at `now` in `zone`.
    public static func isProtected(lastDay: String, now millis: Int64, zone: TimeZone) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(millis) / 1000))
        return String(format: "%04d-%02d-%02d", c.year ?? 1970, c.month ?? 1, c.day ?? 1) <= lastDay
    }
}
