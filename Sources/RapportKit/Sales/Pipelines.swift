/// Sales pipelines and their ordered stages. A stage carries the probability a deal in it
/// is won (for the weighted forecast) and whether it ends the deal (won or lost).
public enum Pipelines {
    public static let type = RecordType(
        name: "pipelines",
        singular: "pipeline",
        fields: [
            FieldSpec("name", .text(maxLength: 100), required: true, search: .name),
            FieldSpec("description", .text(maxLength: 500)),
            FieldSpec("is_default", .boolean),
        ],
        titleField: "name",
        uniqueKeys: [.init(field: "name", kind: "pipeline")],
        hasOwner: false,
        allowsCustomFields: false,
        inNavigation: false,
        area: .sales,
        icon: "board"
    )

    /// The pipeline every installation starts with.
    public static let defaultName = "Sales"
    public static let defaultStages: [(name: String, probability: Int, outcome: String)] = [
        ("lead", 10, "open"), ("qualified", 25, "open"), ("proposal", 50, "open"), ("negotiation", 75, "open"),
        ("won", 100, "won"), ("lost", 0, "lost"),
    ]
}

public enum PipelineStages {
    public static let outcomes = ["open", "won", "lost"]

    public static let type = RecordType(
        name: "pipeline_stages",
        singular: "pipeline stage",
        fields: [
            FieldSpec("name", .text(maxLength: 100), required: true, search: .name),
            FieldSpec("pipeline_id", .reference("pipelines"), required: true),
            FieldSpec("position", .number, required: true),
            FieldSpec("probability", .number, required: true),
            FieldSpec("outcome", .choice(outcomes), required: true),
        ],
        titleField: "name",
        listColumns: ["pipeline_id", "outcome", "probability", "position"],
        hasOwner: false,
        allowsCustomFields: false,
        hooks: RecordHooks(validate: validate),
        inNavigation: false,
        area: .sales,
        icon: "board"
    )

    @Sendable static func validate(_ record: JSONObject) -> [FieldError] {
        var errors: [FieldError] = []
        if let p = record["probability"]?.numberLiteral.flatMap(Double.init), !(0...100).contains(p) {
            errors.append(FieldError(field: "probability", code: "out_of_range", message: "A probability is 0 to 100."))
        }
        if let p = record["position"]?.numberLiteral.flatMap(Double.init), p < 0 || p != p.rounded() {
            errors.append(FieldError(field: "position", code: "out_of_range", message: "Positions are whole numbers from 0."))
        }
        return errors
    }
}
