/// Deals: what a sales team is trying to win, moving through a pipeline's stages. The
/// status follows the stage (its outcome); every stage change is kept as history. The
/// people on a deal, with their roles, are ``DealContacts``.
public enum Deals {
    public static let statuses = ["open", "won", "lost"]

    public static let type = RecordType(
        name: "deals",
        singular: "deal",
        fields: [
            FieldSpec("title", .text(maxLength: 200), required: true, search: .name),
            FieldSpec("organization_id", .reference("organizations"), search: .text, label: "Organization"),
            FieldSpec("pipeline_id", .reference("pipelines"), required: true, label: "Pipeline"),
            FieldSpec("stage_id", .reference("pipeline_stages"), required: true, label: "Stage"),
            FieldSpec("amount", .money),
            FieldSpec("close_date", .date),
            FieldSpec("source", .text(maxLength: 100)),
            FieldSpec("status", .choice(statuses), isDerived: true),
            FieldSpec("lost_reason", .text(maxLength: 300)),
            FieldSpec("next_step", .text(maxLength: 300)),
            FieldSpec("tags", .tags),
            // The partnership that brought the deal, and those that helped: what a partner's
            // sourced pipeline, revenue and lifetime value are counted from.
            FieldSpec("partnership_id", .reference("partnerships"), label: "Sourced by partnership"),
            FieldSpec("influenced_by_ids", .references("partnerships"), label: "Influenced by partnerships"),
        ],
        titleField: "title",
        listColumns: ["organization_id", "stage_id", "amount", "close_date", "updated_at"],
        area: .sales,
        icon: "deal"
    )
}
