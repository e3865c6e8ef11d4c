import Foundation

/// Conflicts between the partners, logged with their facts and walked through one
/// procedure: internal discussion, escalation, mediation by a named third party (when the
/// agreement provides for it), resolution with an action plan and owners, a reconciliation
/// meeting, and lessons learned that later conflicts can search. Each move is dated with
/// who made it (``StageRule``); skipping a step needs a stated reason.
public enum Conflicts {
    public static let severities = ["low", "medium", "high", "critical"]

    public static let procedure = StageRule(
        field: "step",
        steps: ["internal_discussion", "escalation", "mediation", "resolution", "reconciliation", "lessons_learned", "closed"],
        moves: .forwardSkippingWithReason,
        reasonField: "step_reason"
    )

    public static let type = RecordType(
        name: "conflicts",
        singular: "conflict",
        fields: [
            .partnership,
            FieldSpec("title", .text(maxLength: 200), required: true, search: .name),
            FieldSpec("raised_by_id", .reference("partnership_contacts"), label: "Raised by"),
            FieldSpec("party_ids", .references("partnership_contacts"), label: "Parties"),
            FieldSpec("facts", .longText, search: .text, label: "Facts and evidence"),
            FieldSpec("impact", .longText, search: .text),
            FieldSpec("severity", .choice(severities)),
            FieldSpec("step", .choice(procedure.steps)),
            FieldSpec("step_reason", .text(maxLength: 500), label: "Why steps were skipped"),
            FieldSpec("mediator", .text(maxLength: 200), search: .text),
            FieldSpec("action_plan", .longText, search: .text),
            FieldSpec("action_owner_ids", .references("partnership_contacts"), label: "Action owners"),
            FieldSpec("reconciled_on", .date, label: "Reconciliation meeting"),
            FieldSpec("lessons", .longText, search: .text, label: "Lessons learned"),
        ],
        titleField: "title",
        listColumns: ["severity", "step", "raised_by_id", "updated_at"],
        allowsCustomFields: false,
        hooks: RecordHooks(derive: derive, validate: validate),
        inNavigation: false,
        parent: .partnership,
        area: .partners,
        icon: "bell",
        stages: procedure,
        partnerShare: PartnerShare(kind: "conflicts", summaryHides: ["facts", "impact", "action_plan"])
    )

    /// A conflict starts at the first step of the procedure.
    @Sendable static func derive(_ record: inout JSONObject) {
        if record["step"]?.stringValue == nil { record["step"] = .string(procedure.steps[0]) }
        if record["severity"]?.stringValue == nil { record["severity"] = .string("medium") }
    }

    /// What each step needs before the conflict may stand there: a mediator to mediate, a
    /// plan with owners to resolve, the meeting's date to be reconciled, lessons to close.
    @Sendable static func validate(_ record: JSONObject) -> [FieldError] {
        guard let step = record["step"]?.stringValue, let at = procedure.steps.firstIndex(of: step) else { return [] }
        func index(_ s: String) -> Int { procedure.steps.firstIndex(of: s)! }
        func blank(_ f: String) -> Bool { (record[f]?.stringValue ?? "").allSatisfy(\.isWhitespace) }
        var errors: [FieldError] = []
        if step == "mediation" && blank("mediator") {
            errors.append(FieldError(field: "mediator", code: "required", message: "Name the mediator."))
        }
        if at >= index("resolution") {
            if blank("action_plan") { errors.append(FieldError(field: "action_plan", code: "required", message: "A resolution has an action plan.")) }
            if (record["action_owner_ids"]?.arrayValue ?? []).isEmpty {
                errors.append(FieldError(field: "action_owner_ids", code: "required", message: "Each action plan has owners."))
            }
        }
        if at >= index("reconciliation") && record["reconciled_on"]?.stringValue == nil {
            errors.append(FieldError(field: "reconciled_on", code: "required", message: "Give the date of the reconciliation meeting."))
        }
        if at >= index("closed") && blank("lessons") {
            errors.append(FieldError(field: "lessons", code: "required", message: "Write the lessons learned before closing."))
        }
        return errors
    }
}

/// The decision log: what was decided, by whom, between which options, why, on what data
/// (links to records and reports), and whether the partner sees it.
public enum Decisions {
    public static let type = RecordType(
        name: "decisions",
        singular: "decision",
        fields: [
            .partnership,
            FieldSpec("title", .text(maxLength: 300), required: true, search: .name, label: "Decision"),
            FieldSpec("decided_on", .date, required: true, label: "Decided on"),
            FieldSpec("decided_by_ids", .references("partnership_contacts"), label: "Decided by"),
            FieldSpec("options", .longText, search: .text, label: "Options considered"),
            FieldSpec("rationale", .longText, search: .text),
            FieldSpec("evidence", .links, label: "Based on"),
            FieldSpec("evidence_urls", .longText, label: "Reports and documents (one address per line)"),
            FieldSpec("shared", .boolean, label: "Shared with the partner"),
        ],
        titleField: "title",
        listColumns: ["decided_on", "decided_by_ids", "shared"],
        allowsCustomFields: false,
        hooks: RecordHooks(validate: validate),
        inNavigation: false,
        parent: .partnership,
        area: .partners,
        icon: "document",
        partnerShare: PartnerShare(kind: "decisions", flag: "shared", summaryHides: ["options", "rationale", "evidence", "evidence_urls"])
    )

    /// Each line of the report addresses is an absolute http(s) URL.
    @Sendable static func validate(_ record: JSONObject) -> [FieldError] {
        guard let text = record["evidence_urls"]?.stringValue else { return [] }
        for line in text.split(whereSeparator: \.isNewline) {
            let url = line.trimmingCharacters(in: .whitespaces)
            guard !url.isEmpty else { continue }
            if !(url.hasPrefix("https://") || url.hasPrefix("http://")) || url.contains(" ") {
                return [FieldError(field: "evidence_urls", code: "invalid_url", message: "“\(url)” is not an http(s) address.")]
            }
        }
        return []
    }
}
