/// Who does what in a partnership, as a RACI matrix: per workstream and activity, exactly
/// one Accountable (a single reference, so a second one cannot even be written), at least
/// one Responsible, and those Consulted and Informed; with the decision the activity
/// carries, up to which amount, and the approvals it needs in order.
public enum Responsibilities {
    public static let type = RecordType(
        name: "responsibilities",
        singular: "responsibility",
        fields: [
            .partnership,
            FieldSpec("workstream", .text(maxLength: 120), required: true, search: .text),
            FieldSpec("activity", .text(maxLength: 200), required: true, search: .name),
            FieldSpec("accountable_id", .reference("partnership_contacts"), required: true, label: "Accountable"),
            FieldSpec("responsible_ids", .references("partnership_contacts"), required: true, label: "Responsible"),
            FieldSpec("consulted_ids", .references("partnership_contacts"), label: "Consulted"),
            FieldSpec("informed_ids", .references("partnership_contacts"), label: "Informed"),
            FieldSpec("decides", .text(maxLength: 300), search: .text, label: "Decides"),
            FieldSpec("decision_limit", .money, label: "Up to"),
            FieldSpec("approver_ids", .references("partnership_contacts"), label: "Approvals, in order"),
        ],
        titleField: "activity",
        listColumns: ["workstream", "accountable_id", "responsible_ids", "decides"],
        allowsCustomFields: false,
        hooks: RecordHooks(validate: validate),
        inNavigation: false,
        parent: .partnership,
        area: .partners,
        icon: "task",
        partnerShare: PartnerShare(kind: nil)
    )

    /// The contact reference fields, for the check that they belong to the partnership.
    public static let contactFields = ["accountable_id", "responsible_ids", "consulted_ids", "informed_ids", "approver_ids"]

    /// One letter per person and activity: whoever does the work is not also merely
    /// consulted or informed about it, and a decision limit needs a decision.
    @Sendable static func validate(_ record: JSONObject) -> [FieldError] {
        var errors: [FieldError] = []
        let responsible = ids(record["responsible_ids"])
        if record["responsible_ids"] != nil && !(record["responsible_ids"]?.isNull ?? true) && responsible.isEmpty {
            errors.append(FieldError(field: "responsible_ids", code: "required", message: "At least one person is responsible."))
        }
        let doers = responsible.union(record["accountable_id"]?.stringValue.map { [$0] } ?? [])
        for field in ["consulted_ids", "informed_ids"] where !ids(record[field]).isDisjoint(with: doers) {
            errors.append(FieldError(field: field, code: "overlap", message: "Someone accountable or responsible for the activity is not also listed here."))
        }
        if !ids(record["consulted_ids"]).isDisjoint(with: ids(record["informed_ids"])) {
            errors.append(FieldError(field: "informed_ids", code: "overlap", message: "Someone consulted is informed already."))
        }
        if record["decision_limit"]?.objectValue != nil && (record["decides"]?.stringValue ?? "").isEmpty {
            errors.append(FieldError(field: "decides", code: "required", message: "Say what is decided up to this amount."))
        }
        return errors
    }

    static func ids(_ value: JSONValue?) -> Set<String> {
        Set(JSONValue.ids(value))
    }

    /// The letters a contact holds on one activity, in RACI order ("A", "R", "C", "I";
    /// accountable and responsible may be the same person: "A/R").
    public static func letters(of contact: String, in record: JSONObject) -> String {
        var out: [String] = []
        if record["accountable_id"]?.stringValue == contact { out.append("A") }
        if ids(record["responsible_ids"]).contains(contact) { out.append("R") }
        if ids(record["consulted_ids"]).contains(contact) { out.append("C") }
        if ids(record["informed_ids"]).contains(contact) { out.append("I") }
        return out.joined(separator: "/")
    }
}
