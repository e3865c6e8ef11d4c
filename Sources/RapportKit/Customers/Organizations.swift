/// Companies and institutions: customers, prospects, partners and suppliers alike, so a
/// supplier that is also a customer is one record with two roles, not two records.
public enum Organizations {
    public static let relationshipRoles = ["customer", "prospect", "partner", "supplier"]
    public static let sizeBands = ["1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5001-10000", "10001+"]

    public static let type = RecordType(
        name: "organizations",
        singular: "organization",
        fields: [
            FieldSpec("name", .text(maxLength: 200), required: true, search: .name),
            FieldSpec("domain", .domain, search: .domain),
            FieldSpec("website", .url),
            FieldSpec("industry", .text(maxLength: 100)),
            FieldSpec("size_band", .choice(sizeBands)),
            FieldSpec("country", .country),
            FieldSpec("region", .text(maxLength: 100)),
            FieldSpec("city", .text(maxLength: 100), search: .text),
            FieldSpec("address", .text(maxLength: 500)),
            FieldSpec("phones", .phones, search: .phone),
            FieldSpec("parent_id", .reference("organizations"), label: "Parent organization"),
            FieldSpec("relationship_roles", .choices(relationshipRoles)),
            FieldSpec("lifecycle_stage", .choice(LifecycleStage.all)),
            FieldSpec("annual_revenue", .money),
            FieldSpec("tags", .tags),
            FieldSpec("portal_shares_tickets", .boolean, label: "Colleagues see each other's tickets in the portal"),
        ],
        titleField: "name",
        listColumns: ["domain", "industry", "country", "lifecycle_stage", "updated_at"],
        uniqueKeys: [.init(field: "domain", kind: "domain")],
        hooks: RecordHooks(derive: derive),
        icon: "building",
        showsAvatar: true
    )

    /// A website given without a domain fills the domain, so dedupe works for either.
    @Sendable static func derive(_ record: inout JSONObject) {
        if record["domain"]?.stringValue == nil, let site = record["website"]?.stringValue, let d = Domain.normalize(site) {
            record["domain"] = .string(d)
        }
    }
}
