import RapportKit

/// A record as read back: its field values plus the engine's bookkeeping.
public struct StoredRecord: Sendable {
    public var type: String
    public var id: String
    public var seq: Int64
    public var version: Int
    /// Built-in and custom field values by name, canonical JSON.
    public var fields: JSONObject
    public var ownerID: String?
    public var createdAt: String
    public var updatedAt: String
    public var createdBy: String?
    public var updatedBy: String?

    /// The API representation: id first, fields in description order, bookkeeping last.
    public func json(_ recordType: RecordType) -> JSONObject {
        var out = JSONObject()
        out["id"] = .string(id)
        for field in recordType.fields {
            out[field.name] = fields[field.name] ?? .null
        }
        if recordType.hasOwner { out["owner_id"] = ownerID.map(JSONValue.string) ?? .null }
        out["created_at"] = .string(createdAt)
        out["updated_at"] = .string(updatedAt)
        out["created_by"] = createdBy.map(JSONValue.string) ?? .null
        out["updated_by"] = updatedBy.map(JSONValue.string) ?? .null
        out["version"] = .number(String(version))
        return out
    }

    /// A record about to be inserted: version 1, owned by `owner` (else the actor) when the
    /// type has owners, created and last changed by `actor` at `now`.
    static func new(_ type: RecordType, id: String = RecordID.make(), fields: JSONObject, owner: String?, actor: Actor, now: String) -> StoredRecord {
        StoredRecord(
            type: type.name, id: id, seq: 0, version: 1, fields: fields, ownerID: type.hasOwner ? (owner ?? actor.userID) : nil,
            createdAt: now, updatedAt: now, createdBy: actor.userID, updatedBy: actor.userID)
    }

    /// Strong validator for `ETag` / `If-Match`: changes with every write.
    public var etag: String { "\"\(version)\"" }
}
