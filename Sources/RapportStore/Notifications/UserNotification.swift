import RapportKit

/// One thing a user is told about: why (``NotificationKind``), which record, who did it.
public struct UserNotification: Sendable, Equatable {
    public var id: String
    public var recipientID: String
    public var kind: String
    public var recordType: String
    public var recordID: String
    public var actorID: String?
    public var createdAt: String
    public var readAt: String?

    public var json: JSONObject {
        JSONObject([
            ("id", .string(id)), ("kind", .string(kind)), ("record_type", .string(recordType)), ("record_id", .string(recordID)),
            ("actor_id", actorID.map(JSONValue.string) ?? .null), ("created_at", .string(createdAt)), ("read_at", readAt.map(JSONValue.string) ?? .null),
        ])
    }

    static let columns = "id, recipient_id, kind, record_type, record_id, actor_id, created_at, read_at"

    static func decode(_ row: Row) -> UserNotification {
        UserNotification(
            id: row.text("id") ?? "", recipientID: row.text("recipient_id") ?? "", kind: row.text("kind") ?? "", recordType: row.text("record_type") ?? "",
            recordID: row.text("record_id") ?? "", actorID: row.text("actor_id"), createdAt: row.text("created_at") ?? "", readAt: row.text("read_at"))
    }
}
