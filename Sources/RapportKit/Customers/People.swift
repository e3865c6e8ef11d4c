/// Contacts: names in any script, a phonetic reading for Japanese names, several emails
/// and phones.
public enum People {
    public static let type = RecordType(
        name: "people",
        singular: "person",
        fields: [
            FieldSpec("display_name", .text(maxLength: 200), search: .name),
            FieldSpec("family_name", .text(maxLength: 100), search: .name),
            FieldSpec("given_name", .text(maxLength: 100), search: .name),
            FieldSpec("name_reading", .text(maxLength: 200), search: .name, label: "Name reading"),
            FieldSpec("emails", .emails, search: .email, sensitive: true),
            FieldSpec("phones", .phones, search: .phone, sensitive: true),
            FieldSpec("job_title", .text(maxLength: 200), search: .text),
            FieldSpec("organization_id", .reference("organizations"), search: .text, label: "Organization"),
            FieldSpec("language", .language),
            FieldSpec("time_zone", .timeZone),
            FieldSpec("lifecycle_stage", .choice(LifecycleStage.all)),
            FieldSpec("source", .text(maxLength: 100)),
            FieldSpec("tags", .tags),
            FieldSpec("sort_name", .text(maxLength: 200), label: "Sort name", isDerived: true, isInternal: true),
        ],
        titleField: "display_name",
        listColumns: ["organization_id", "emails", "phones", "job_title", "updated_at"],
        uniqueKeys: [.init(field: "emails", kind: "email")],
        hooks: RecordHooks(derive: derive, validate: validate),
        // The company, stage and tags describe the relationship, not the person.
        personalFields: ["display_name", "family_name", "given_name", "name_reading", "emails", "phones", "job_title", "language", "time_zone", "source", "sort_name"],
        icon: "person",
        showsAvatar: true
    )

    /// Display names follow the script: family name first without a space for Korean,
    /// Chinese and Japanese (`김보경`, `山田太郎`), given name first otherwise.
    public static func displayName(family: String?, given: String?) -> String? {
        let f = family ?? "", g = given ?? ""
        if f.isEmpty { return g.isEmpty ? nil : g }
        if g.isEmpty { return f }
        let eastAsian = (f + g).unicodeScalars.contains { SearchText.isCJK($0) }
        return eastAsian ? f + g : g + " " + f
    }

    @Sendable static func derive(_ record: inout JSONObject) {
        if record["display_name"]?.stringValue == nil {
            let name = displayName(family: record["family_name"]?.stringValue, given: record["given_name"]?.stringValue)
                ?? record["emails"]?.arrayValue?.first?.objectValue?["address"]?.stringValue
            record["display_name"] = name.map(JSONValue.string) ?? .null
        }
        record["sort_name"] = sortName(reading: record["name_reading"]?.stringValue, display: record["display_name"]?.stringValue).map(JSONValue.string) ?? .null
    }

    /// People are ordered by how their name is read: the Japanese reading when there is one
    /// (山田 sorts as やまだ), else the display name, folded so case and accents do not
    /// split the alphabet.
    public static func sortName(reading: String?, display: String?) -> String? {
        (reading ?? display).map(SearchText.fold)
    }

    @Sendable static func validate(_ record: JSONObject) -> [FieldError] {
        let hasName = ["display_name", "family_name", "given_name"].contains { record[$0]?.stringValue != nil }
        let hasEmail = record["emails"]?.arrayValue?.isEmpty == false
        return hasName || hasEmail ? [] : [FieldError(field: "display_name", code: "required", message: "A person needs a name or an email address.")]
    }
}
