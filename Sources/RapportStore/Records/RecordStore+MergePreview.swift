import Foundation
import RapportKit

/// Which record's value of a field survives a merge.
public enum MergeSide: String, Sendable, CaseIterable {
    case survivor, duplicate
}

/// What a merge would move from the duplicate to the survivor, counted before the user
/// confirms it.
public struct MergeMoves: Sendable, Equatable {
    /// Timeline entries (calls, meetings, notes, tasks) that name the duplicate.
    public var activities = 0
    /// Records of other types that point at the duplicate (a person's deals, an
    /// organization's people).
    public var related = 0
    public var attachments = 0
}

extension RecordStore {
    /// The fields a merge lets the actor choose a value for: those they may see and
    /// write, without computed ones.
    public static func mergeChoosable(_ shown: RecordType) -> [FieldSpec] {
        shown.fields.filter { !$0.isDerived && !$0.isInternal }
    }

    /// Counts what ``merge(_:survivorID:duplicateID:choices:actor:)`` would move that the
    /// actor may see, after checking that they may see the duplicate and merge this type.
    public func mergeMoves(_ type: RecordType, duplicateID: String, actor: Actor) async throws -> MergeMoves {
        try require(.update, type, actor)
        try require(.delete, type, actor)
        _ = try await get(type, id: duplicateID, actor: actor)
        return try await db.read { s in
            var moves = MergeMoves()
            /// Rows of `other` matching `condition` that the actor may see: the page counts
            /// only what its reader could list, never records hidden from them.
            func visible(_ other: RecordType, _ condition: SQL) async throws -> Int {
                if let viewer = actor.viewer, !viewer.role.allows(.read, on: other.name) { return 0 }
                var clauses: [SQL] = ["deleted_at IS NULL", condition]
                if let rule = self.visibility(other, actor) { clauses.append(rule) }
                return Int(try await s.query("SELECT COUNT(*) AS n FROM \(raw: other.name) WHERE \(SQL.join(clauses, " AND "))").first?.int("n") ?? 0)
            }
            let activities = try await self.type(named: Activities.type.name, in: s)
            moves.activities = try await visible(activities, """
                id IN (SELECT record_id FROM record_members WHERE record_type = 'activities' AND field IN ('participants', 'links') AND value = \(duplicateID))
                """)
            for base in self.catalog.types where base.name != Activities.type.name {
                let other = try await self.type(named: base.name, in: s)
                for field in other.columnFields {
                    switch field.kind {
                    case .reference(let target) where target == type.name:
                        moves.related += try await visible(other, "\(raw: field.name) = \(duplicateID)")
                    case .references(let target) where target == type.name:
                        moves.related += try await visible(other, "id IN (SELECT record_id FROM record_members WHERE record_type = \(other.name) AND field = \(field.name) AND value = \(duplicateID))")
                    default:
                        continue
                    }
                }
            }
            moves.attachments = Int(try await s.query("SELECT COUNT(*) AS n FROM attachments WHERE record_type = \(type.name) AND record_id = \(duplicateID) AND deleted_at IS NULL").first?.int("n") ?? 0)
            return moves
        }
    }

    /// Files attached to the duplicate belong to the survivor from now on.
    func moveAttachments(_ s: Session, type: RecordType, from: String, into: String) async throws -> Int {
        let n = Int(try await s.query("SELECT COUNT(*) AS n FROM attachments WHERE record_type = \(type.name) AND record_id = \(from) AND deleted_at IS NULL").first?.int("n") ?? 0)
        if n > 0 {
            try await s.execute("UPDATE attachments SET record_id = \(into) WHERE record_type = \(type.name) AND record_id = \(from) AND deleted_at IS NULL")
        }
        return n
    }
}
