import Foundation

/// Joint reviews of a partnership (monthly or quarterly), prepared from its data and
/// closed with a scorecard, minutes and action items. The scorecard weighs five
/// dimensions; its total is exactly the weighted sum, in decimal arithmetic to the cent
/// (``Scorecard``), so the figure on the page is the one anyone recomputes by hand.
public enum PartnerReviews {
    public static let cadences = ["monthly", "quarterly"]
    public static let statuses = ["planned", "held", "cancelled"]

    public static let type = RecordType(
        name: "partner_reviews",
        singular: "joint review",
        fields: [
            .partnership,
            FieldSpec("title", .text(maxLength: 200), required: true, search: .name),
            FieldSpec("cadence", .choice(cadences)),
            FieldSpec("period_start", .date, required: true, label: "Period from"),
            FieldSpec("period_end", .date, required: true, label: "Period to"),
            FieldSpec("held_on", .date, label: "Held on"),
            FieldSpec("status", .choice(statuses)),
        ] + Scorecard.dimensions.map { FieldSpec("score_" + $0, .number) }
          + Scorecard.dimensions.map { FieldSpec("weight_" + $0, .number) }
          + [
            FieldSpec("score_total", .number, label: "Scorecard total", isDerived: true),
            FieldSpec("minutes", .longText, search: .text),
          ],
        titleField: "title",
        listColumns: ["period_start", "period_end", "status", "score_total"],
        allowsCustomFields: false,
        hooks: RecordHooks(derive: derive, validate: validate),
        inNavigation: false,
        parent: .partnership,
        area: .partners,
        icon: "calendar",
        partnerShare: PartnerShare(kind: "reviews", summaryHides: ["minutes"])
    )

    @Sendable static func derive(_ record: inout JSONObject) {
        if record["status"]?.stringValue == nil { record["status"] = .string("planned") }
        if record["cadence"]?.stringValue == nil { record["cadence"] = .string("quarterly") }
        record["score_total"] = Scorecard.total(record).map { .number(Scorecard.text($0)) } ?? .null
    }

    @Sendable static func validate(_ record: JSONObject) -> [FieldError] {
        var errors = Scorecard.problems(record)
        if let from = record["period_start"]?.stringValue, let to = record["period_end"]?.stringValue, to < from {
            errors.append(FieldError(field: "period_end", code: "before_start", message: "The period ends before it starts."))
        }
        if record["status"]?.stringValue == "held" && record["held_on"]?.stringValue == nil {
            errors.append(FieldError(field: "held_on", code: "required", message: "Give the day the review was held."))
        }
        return errors
    }
}

/// The partner scorecard: five dimensions scored 0–100, weighted in percent.
public enum Scorecard {
    public static let dimensions = ["performance", "collaboration", "communication", "responsiveness", "esg"]
    /// Performance counts most; ESG practices are weighed but do not swamp the rest.
    public static let defaultWeights: [String: Decimal] = ["performance": 30, "collaboration": 20, "communication": 20, "responsiveness": 20, "esg": 10]
    static let range: ClosedRange<Decimal> = 0...100

    /// A value with at most two decimals in 0...100, or nil.
    static func value(_ json: JSONValue?) -> Decimal? {
        guard let text = json?.numberLiteral, let d = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), range.contains(d) else { return nil }
        var copy = d, rounded = Decimal()
        NSDecimalRound(&rounded, &copy, 2, .plain)
        return rounded == d ? d : nil
    }

    /// The weights a record uses: its own when it gives any (then all five), else the defaults.
    public static func weights(_ record: JSONObject) -> [String: Decimal] {
        let given = dimensions.compactMap { d in value(record["weight_" + d]).map { (d, $0) } }
        return given.isEmpty ? defaultWeights : Dictionary(uniqueKeysWithValues: given)
    }

    public static func problems(_ record: JSONObject) -> [FieldError] {
        var errors: [FieldError] = []
        for prefix in ["score_", "weight_"] {
            for d in dimensions {
                guard let v = record[prefix + d], !v.isNull else { continue }
                if value(v) == nil {
                    errors.append(FieldError(field: prefix + d, code: "out_of_range", message: "A number from 0 to 100 with at most two decimals."))
                }
            }
        }
        let given = dimensions.filter { !(record["weight_" + $0]?.isNull ?? true) }
        if !given.isEmpty && errors.isEmpty {
            if given.count < dimensions.count {
                errors.append(FieldError(field: "weight_" + dimensions.first { !given.contains($0) }!, code: "required", message: "Give every dimension a weight, or none for the defaults."))
            } else if weights(record).values.reduce(0, +) != 100 {
                errors.append(FieldError(field: "weight_performance", code: "weights_sum", message: "The weights add up to 100."))
            }
        }
        return errors
    }

    /// Σ weight × score / 100, rounded half up to the cent; nil until every dimension is
    /// scored (a partial total would read as a low score).
    public static func total(_ record: JSONObject) -> Decimal? {
        let w = weights(record)
        var sum: Decimal = 0
        for d in dimensions {
            guard let score = value(record["score_" + d]), let weight = w[d] else { return nil }
            sum += score * weight
        }
        guard w.values.reduce(0, +) == 100 else { return nil }
        var exact = sum / 100, rounded = Decimal()
        NSDecimalRound(&rounded, &exact, 2, .plain)
        return rounded
    }

    /// A total as the API and pages write it: two decimals.
    public static func text(_ d: Decimal) -> String {
        let f = NumberFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.numberStyle = .decimal
        f.usesGroupingSeparator = false
        f.minimumFractionDigits = 2
        f.maximumFractionDigits = 2
        f.roundingMode = .halfUp
        return f.string(from: d as NSDecimalNumber) ?? "\(d)"
    }
}

/// What a joint review agreed to do: each action has an owner and a due date, and becomes
/// a task on the owner's list (``ReviewActions``' write rule), done when the action is.
public enum ReviewActions {
    public static let statuses = ["open", "done", "dropped"]

    public static let type = RecordType(
        name: "review_actions",
        singular: "action item",
        fields: [
            FieldSpec("review_id", .reference("partner_reviews"), required: true, label: "Review"),
            FieldSpec("title", .text(maxLength: 300), required: true, search: .name),
            FieldSpec("owner_contact_id", .reference("partnership_contacts"), required: true, label: "Owner"),
            FieldSpec("due_on", .date, required: true, label: "Due"),
            FieldSpec("status", .choice(statuses)),
        ],
        titleField: "title",
        listColumns: ["owner_contact_id", "due_on", "status"],
        allowsCustomFields: false,
        hooks: RecordHooks(derive: { r in if r["status"]?.stringValue == nil { r["status"] = .string("open") } }),
        inNavigation: false,
        parent: ParentRule(type: "partner_reviews", field: "review_id", onDelete: .cascade),
        area: .partners,
        icon: "task",
        partnerShare: .withParent
    )
}
