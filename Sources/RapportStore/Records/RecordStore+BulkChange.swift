import Foundation
import RapportKit

/// A change to many chosen records at once, from a list's selection.
public enum BulkChange: Sendable {
    /// The same fields on every record (owner, a choice, a date …), checked as a PATCH is:
    /// the list's "change owner" and "update a field" actions.
    case update(JSONObject)
    /// One more tag on every record, keeping the tags each already has.
    case addTag(String)
    /// Every record to the trash.
    case delete
}

extension RecordStore {
    /// The most records one bulk change may name: a page of a list at its largest.
    public static let bulkLimit = 500

    /// Applies `change` to every record in `ids` in one transaction, each through the same
    /// path as a single API write (rights, fields the actor may see, owners they may assign,
    /// references, unique keys, write rules, audit entry per record), with one more audit
    /// entry naming the operation. The first record that fails cancels them all, so a bulk
    /// change lands whole or not at all. Returns how many records changed.
    @discardableResult
    public func apply(_ change: BulkChange, to type: RecordType, ids: [String], actor: Actor) async throws -> Int {
        // Locked in one order, so two bulk changes over the same records wait for each
        // other instead of deadlocking.
        let ids = Array(Set(ids)).sorted()
        guard !ids.isEmpty else {
            throw RecordError.invalid([FieldError(field: "ids", code: "required", message: "Choose at least one record.")])
        }
        guard ids.count <= Self.bulkLimit else {
            throw RecordError.invalid([FieldError(field: "ids", code: "too_long", message: "At most \(Self.bulkLimit) records can be changed at once.")])
        }
        if let bad = ids.first(where: { !RecordID.isValid($0) }) {
            throw RecordError.invalid([FieldError(field: "ids", code: "invalid", message: "'\(bad.prefix(40))' is not a record id.")])
        }
        let now = Timestamp.format(Date())
        switch change {
        case .update(let body):
            try require(.update, type, actor)
            let changes = try RecordInput.validate(body, type: view(type, for: actor), mode: .update).get()
            try checkAssignable(type, owner: changes["owner_id"]?.stringValue, actor)
            try await db.transaction { s in
                try await self.requireReach(s, type, ids: ids, actor: actor)
                for id in ids { _ = try await self.update(in: s, type, id: id, changes: changes, ifMatch: nil, actor: actor) }
                try await self.auditBulk(s, "bulk_update", type: type, ids: ids, fields: changes.keys.sorted(), actor: actor, now: now)
            }
        case .addTag(let tag):
            try require(.update, type, actor)
            guard let field = view(type, for: actor).fields.first(where: { $0.kind == .tags }) else {
                throw RecordError.invalid([FieldError(field: "tag", code: "unknown_field", message: "\(type.name) have no tags.")])
            }
            try await db.transaction { s in
                try await self.requireReach(s, type, ids: ids, actor: actor)
                for id in ids {
                    let existing = try await self.load(s, type, id: id, forUpdate: true, actor: actor)
                    var tags = existing.fields[field.name]?.arrayValue ?? []
                    if tags.contains(where: { $0.stringValue?.lowercased() == tag.lowercased() }) { continue }
                    tags.append(.string(tag))
                    let changes = try RecordInput.validate(JSONObject([(field.name, .array(tags))]), type: self.view(type, for: actor), mode: .update).get()
                    _ = try await self.update(in: s, type, id: id, changes: changes, ifMatch: nil, actor: actor)
                }
                try await self.auditBulk(s, "bulk_update", type: type, ids: ids, fields: [field.name], actor: actor, now: now)
            }
        case .delete:
            try require(.delete, type, actor)
            try await db.transaction { s in
                try await self.requireReach(s, type, ids: ids, actor: actor)
                for id in ids { try await self.delete(in: s, type, id: id, ifMatch: nil, actor: actor, now: now) }
                try await self.auditBulk(s, "bulk_delete", type: type, ids: ids, fields: [], actor: actor, now: now)
            }
        }
        return ids.count
    }

    private func auditBulk(_ s: Session, _ action: String, type: RecordType, ids: [String], fields: [String], actor: Actor, now: String) async throws {
        var summary = JSONObject([("records", .number(String(ids.count)))])
        if !fields.isEmpty { summary["fields"] = .array(fields.map(JSONValue.string)) }
        try await AuditLog.append(s, actor: actor, action: action, type: type.name, id: nil, changes: .object(summary), at: now)
    }
}
