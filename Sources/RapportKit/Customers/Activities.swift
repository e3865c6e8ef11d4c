/// Every interaction on the timeline (calls, emails, meetings, notes, messages, survey
/// answers) and tasks,
/// linked to any records so one meeting shows on the person, the company and the deal.
public enum Activities {
    /// What people log by hand; a `survey` answer is written only by the survey page.
    public static let logged = ["call", "email", "meeting", "note", "message", "task"]
    public static let kinds = logged + ["survey"]

    public static let type = RecordType(
        name: "activities",
        singular: "activity",
        fields: [
            FieldSpec("kind", .choice(kinds), required: true),
            FieldSpec("subject", .text(maxLength: 300), search: .name),
            FieldSpec("body", .longText, search: .text),
            FieldSpec("occurred_at", .dateTime),
            FieldSpec("due_at", .dateTime),
            FieldSpec("completed_at", .dateTime),
            FieldSpec("participants", .references("people")),
            FieldSpec("links", .links),
        ],
        titleField: "subject",
        listColumns: ["kind", "occurred_at", "due_at", "participants", "updated_at"],
        hooks: RecordHooks(validate: validate),
        personalFields: ["subject", "body"],
        icon: "activity"
    )

    @Sendable static func validate(_ record: JSONObject) -> [FieldError] {
        var errors: [FieldError] = []
        let kind = record["kind"]?.stringValue
        if kind != "task" {
            for f in ["due_at", "completed_at"] where record[f]?.stringValue != nil {
                errors.append(FieldError(field: f, code: "task_only", message: "Only tasks have \(f)."))
            }
        }
        if kind != "task" && record["subject"]?.stringValue == nil && record["body"]?.stringValue == nil {
            errors.append(FieldError(field: "body", code: "required", message: "A \(kind ?? "activity") needs a subject or a body."))
        }
        if kind == "task" && record["subject"]?.stringValue == nil {
            errors.append(FieldError(field: "subject", code: "required", message: "A task needs a subject."))
        }
        return errors
    }
}
