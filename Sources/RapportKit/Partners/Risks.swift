/// A partnership's risk register: each risk scored likelihood × impact on 1–5 scales, banded,
/// owned, with its mitigation, contingency and next review, and the score it had at the last
/// review so the register shows which way each risk is going.
public enum Risks {
    public static let categories = ["strategic", "operational", "financial", "legal", "reputational", "esg"]
    public static let statuses = ["open", "closed"]

    public static let type = RecordType(
        name: "risks",
        singular: "risk",
        fields: [
            .partnership,
            FieldSpec("title", .text(maxLength: 200), required: true, search: .name),
            FieldSpec("description", .longText, search: .text),
            FieldSpec("category", .choice(categories)),
            FieldSpec("likelihood", .number, required: true),
            FieldSpec("impact", .number, required: true),
            FieldSpec("score", .number, isDerived: true),
            FieldSpec("band", .choice(RiskBand.allCases.map(\.rawValue)), isDerived: true),
            // Kept by the engine when a review is recorded (``reviewed_on`` moves on).
            FieldSpec("previous_score", .number, label: "Score at the last review", isDerived: true),
            FieldSpec("owner_contact_id", .reference("partnership_contacts"), label: "Owner"),
            FieldSpec("mitigation", .longText, search: .text),
            FieldSpec("contingency", .longText, search: .text),
            FieldSpec("reviewed_on", .date, label: "Last reviewed"),
            FieldSpec("review_on", .date, label: "Next review"),
            FieldSpec("status", .choice(statuses)),
        ],
        titleField: "title",
        listColumns: ["band", "score", "owner_contact_id", "review_on", "status"],
        allowsCustomFields: false,
        hooks: RecordHooks(derive: derive, validate: validate),
        inNavigation: false,
        parent: .partnership,
        area: .partners,
        icon: "bell",
        partnerShare: PartnerShare(kind: "risks", summaryHides: ["description", "mitigation", "contingency"])
    )

    @Sendable static func derive(_ record: inout JSONObject) {
        if record["status"]?.stringValue == nil { record["status"] = .string("open") }
        guard let l = RiskScore.level(record["likelihood"]), let i = RiskScore.level(record["impact"]) else {
            record["score"] = .null
            record["band"] = .null
            return
        }
        record["score"] = .number(String(l * i))
        record["band"] = RiskScore.band(score: l * i).map { .string($0.rawValue) } ?? .null
    }

    @Sendable static func validate(_ record: JSONObject) -> [FieldError] {
        var errors: [FieldError] = []
        for field in ["likelihood", "impact"] {
            guard let value = record[field], !value.isNull else { continue }
            if RiskScore.level(value) == nil {
                errors.append(FieldError(field: field, code: "out_of_range", message: "A whole number from 1 to 5."))
            }
        }
        if let reviewed = record["reviewed_on"]?.stringValue, let next = record["review_on"]?.stringValue, next < reviewed {
            errors.append(FieldError(field: "review_on", code: "before_review", message: "The next review is before the last one."))
        }
        return errors
    }
}

/// Risk bands, from the scores a 5 × 5 matrix can reach.
public enum RiskBand: String, CaseIterable, Sendable {
    case low, medium, high, critical
}

/// Which way a risk went between two reviews.
public enum RiskTrend: String, Sendable {
    case rising, falling, steady
}

public enum RiskScore {
    public static let scale = 1...5

    /// The products of two levels: 14 of the 25 numbers from 1 to 25. Scores like 7 or 11
    /// cannot occur, so bands are drawn on these only and an unreachable score has no band.
    public static let reachable: [Int] = Array(Set(scale.flatMap { l in scale.map { l * $0 } })).sorted()

    /// The band of a reachable score, as the NHS National Patient Safety Agency's 5 × 5
    /// matrix (2008) grades them: 1–3 low, 4–6 moderate (medium here), 8–12 high, 15–25
    /// extreme (critical here). Its boundaries fall in the gaps between reachable scores
    /// (7, 13 and 14 cannot occur); nil for any number that is not a reachable score.
    public static func band(score: Int) -> RiskBand? {
        guard reachable.contains(score) else { return nil }
        switch score {
        case ...3: return .low
        case ...6: return .medium
        case ...12: return .high
        default: return .critical
        }
    }

    public static func band(likelihood: Int, impact: Int) -> RiskBand? {
        guard scale.contains(likelihood), scale.contains(impact) else { return nil }
        return band(score: likelihood * impact)
    }

    /// A level 1–5 from a JSON number, or nil.
    public static func level(_ value: JSONValue?) -> Int? {
        guard let text = value?.numberLiteral, let n = Int(text), scale.contains(n) else { return nil }
        return n
    }

    public static func trend(previous: Int?, current: Int?) -> RiskTrend? {
        guard let previous, let current else { return nil }
        return current > previous ? .rising : current < previous ? .falling : .steady
    }

    /// Open risks counted per cell of the 5 × 5 heat map: `[likelihood - 1][impact - 1]`.
    public static func heatMap(_ risks: [(likelihood: Int, impact: Int)]) -> [[Int]] {
        var cells = Array(repeating: Array(repeating: 0, count: scale.count), count: scale.count)
        for risk in risks where scale.contains(risk.likelihood) && scale.contains(risk.impact) {
            cells[risk.likelihood - 1][risk.impact - 1] += 1
        }
        return cells
    }
}
