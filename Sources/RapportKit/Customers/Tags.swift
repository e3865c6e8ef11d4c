/// Shared labels. Records carry tag names directly; this type lets admins describe and
/// colour them, and lists them for pickers.
public enum Tags {
    public static let type = RecordType(
        name: "tags",
        singular: "tag",
        fields: [
            FieldSpec("name", .text(maxLength: 50), required: true, search: .name),
            FieldSpec("color", .choice(["gray", "red", "orange", "yellow", "green", "teal", "blue", "purple", "pink"])),
            FieldSpec("description", .text(maxLength: 500)),
        ],
        titleField: "name",
        listColumns: ["color", "description", "updated_at"],
        uniqueKeys: [.init(field: "name", kind: "tag")],
        hasOwner: false,
        allowsCustomFields: false,
        icon: "tag"
    )
}
