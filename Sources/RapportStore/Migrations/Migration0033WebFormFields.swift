/// The ticket fields a group's public request form asks for besides name, address, subject
/// and message (a JSON list of field names, in the order the form shows them).
enum Migration0033WebFormFields {
    private static let statements = ["CREATE TABLE web_form_fields (team_id TEXT PRIMARY KEY, fields TEXT NOT NULL, updated_at TEXT NOT NULL)"]
    static let migration = Migration(version: 33, name: "web form fields", sqlite: statements, postgres: statements)
}
