import Foundation

/// A partnership's objectives, with their key results (OKRs), placed on a balanced
/// scorecard perspective. A goal becomes active only once it can be judged: specific and
/// measurable (``GoalReadiness``) and saying why each side wants it, because a goal only one
/// side cares about is the first thing a joint review argues over.
public enum PartnershipGoals {
    public static let perspectives = ["financial", "customer", "process", "learning_growth"]
    public static let statuses = ["draft", "active", "achieved", "missed", "dropped"]

    public static let type = RecordType(
        name: "partnership_goals",
        singular: "goal",
        fields: [
            .partnership,
            FieldSpec("objective", .text(maxLength: 300), required: true, search: .name),
            FieldSpec("perspective", .choice(perspectives)),
            FieldSpec("status", .choice(statuses)),
            FieldSpec("why_ours", .longText, search: .text, label: "Why we want it"),
            FieldSpec("why_theirs", .longText, search: .text, label: "Why the partner wants it"),
            FieldSpec("due_on", .date, label: "Due"),
            FieldSpec("shared", .boolean, label: "Shared with the partner"),
        ],
        titleField: "objective",
        listColumns: ["perspective", "status", "due_on"],
        hooks: RecordHooks(derive: derive),
        inNavigation: false,
        parent: .partnership,
        area: .partners,
        icon: "chart",
        partnerShare: PartnerShare(kind: "goals", flag: "shared", summaryHides: ["why_ours", "why_theirs"])
    )

    @Sendable static func derive(_ record: inout JSONObject) {
        if record["status"]?.stringValue == nil { record["status"] = .string("draft") }
    }
}

/// The measurable results an objective is judged by: a measure from a baseline to a target
/// by a date, owned by one contact of either side.
public enum KeyResults {
    public static let type = RecordType(
        name: "key_results",
        singular: "key result",
        fields: [
            FieldSpec("goal_id", .reference("partnership_goals"), required: true, label: "Goal"),
            FieldSpec("measure", .text(maxLength: 300), required: true, search: .name),
            FieldSpec("unit", .text(maxLength: 40)),
            FieldSpec("baseline", .number),
            FieldSpec("target", .number),
            FieldSpec("current", .number),
            FieldSpec("due_on", .date, label: "Due"),
            FieldSpec("owner_contact_id", .reference("partnership_contacts"), label: "Owner"),
        ],
        titleField: "measure",
        listColumns: ["baseline", "target", "current", "unit", "due_on", "owner_contact_id"],
        allowsCustomFields: false,
        inNavigation: false,
        parent: ParentRule(type: "partnership_goals", field: "goal_id", onDelete: .cascade),
        area: .partners,
        icon: "chart",
        partnerShare: .withParent
    )
}

/// Whether a goal can be activated, and how far along it is.
public enum GoalReadiness {
    /// What keeps `goal` from being active, given its key results; empty when it may be.
    /// Every gap is named at once so the form shows them together.
    public static func problems(goal: JSONObject, keyResults: [JSONObject]) -> [FieldError] {
        var missing: [String] = []
        func blank(_ value: JSONValue?) -> Bool { (value?.stringValue ?? "").allSatisfy(\.isWhitespace) }
        if blank(goal["why_ours"]) { missing.append("why we want it") }
        if blank(goal["why_theirs"]) { missing.append("why the partner wants it") }
        if keyResults.isEmpty { missing.append("a key result") }
        for kr in keyResults {
            let name = kr["measure"]?.stringValue ?? ""
            missing += keyResultGaps(kr, goalDue: goal["due_on"]?.stringValue).map { "\($0) of “\(name)”" }
        }
        guard !missing.isEmpty else { return [] }
        return [FieldError(field: "status", code: "not_measurable", message: "A goal becomes active when it has " + missing.joined(separator: ", ") + ".")]
    }

    /// What a key result lacks to be measurable: a target, an owner and a due date (its own
    /// or the goal's).
    public static func keyResultGaps(_ kr: JSONObject, goalDue: String?) -> [String] {
        var gaps: [String] = []
        if kr["target"]?.numberLiteral == nil { gaps.append("a target") }
        if kr["owner_contact_id"]?.stringValue == nil { gaps.append("an owner") }
        if kr["due_on"]?.stringValue == nil && goalDue == nil { gaps.append("a due date") }
        return gaps
    }

    /// How far `current` has come from `baseline` to `target`, 0...1; a target below the
    /// baseline (fewer escalations) counts down. Nil when it cannot be said (no target, or
    /// target equal to the baseline).
    public static func progress(baseline: String?, target: String?, current: String?) -> Double? {
        guard let target = target.flatMap({ Decimal(string: $0) }) else { return nil }
        let base = baseline.flatMap { Decimal(string: $0) } ?? 0
        let now = current.flatMap { Decimal(string: $0) } ?? base
        let span = target - base
        guard span != 0 else { return now == target ? 1 : nil }
        let share = NSDecimalNumber(decimal: (now - base) / span).doubleValue
        return min(1, max(0, share))
    }

    /// A goal's progress: the mean of its key results' that can be said.
    public static func progress(of keyResults: [JSONObject]) -> Double? {
        let shares = keyResults.compactMap {
            progress(baseline: $0["baseline"]?.numberLiteral, target: $0["target"]?.numberLiteral, current: $0["current"]?.numberLiteral)
        }
        guard !shares.isEmpty else { return nil }
        return shares.reduce(0, +) / Double(shares.count)
    }
}
