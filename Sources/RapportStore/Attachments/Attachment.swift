import RapportKit

/// A file attached to a record (a company, a person, a deal, an activity on a timeline —
/// any type): what the row holds. The bytes live in the ``BlobStore``.
public struct Attachment: Sendable, Equatable {
    public var id: String
    public var recordType: String
    public var recordID: String
    /// As the uploader named it, checked by ``AttachmentName``; shown, never a path.
    public var fileName: String
    public var size: Int64
    public var sha256: String
    /// Sniffed from the bytes (``ContentSniffer``), never the client's claim.
    public var contentType: String
    public var createdBy: String?
    public var createdAt: String

    static let columns = "id, record_type, record_id, file_name, size, sha256, content_type, created_by, created_at"

    /// ``columns`` of a table named `alias` in a join.
    static func columns(of alias: String) -> String {
        columns.split(separator: ",").map { "\(alias).\($0.trimmingCharacters(in: .whitespaces))" }.joined(separator: ", ")
    }

    init(row: Row) {
        id = row.text("id") ?? ""
        recordType = row.text("record_type") ?? ""
        recordID = row.text("record_id") ?? ""
        fileName = row.text("file_name") ?? ""
        size = row.int("size") ?? 0
        sha256 = row.text("sha256") ?? ""
        contentType = row.text("content_type") ?? "application/octet-stream"
        createdBy = row.text("created_by")
        createdAt = row.text("created_at") ?? ""
    }

    public var json: JSONObject {
        JSONObject([
            ("id", .string(id)), ("record_type", .string(recordType)), ("record_id", .string(recordID)), ("file_name", .string(fileName)),
            ("size", .number(String(size))), ("sha256", .string(sha256)), ("content_type", .string(contentType)),
            ("created_by", createdBy.map(JSONValue.string) ?? .null), ("created_at", .string(createdAt)),
            ("content_url", .string("/api/v1/attachments/\(id)/content")),
        ])
    }

    /// What the audit log keeps about the file: enough to tell which one, never its bytes.
    var auditChanges: JSONValue {
        .object(JSONObject([
            ("attachment_id", .string(id)), ("file_name", .string(fileName)), ("size", .number(String(size))), ("sha256", .string(sha256)),
        ]))
    }
}
