import Foundation
import RapportKit

extension RecordStore {
    /// Exports leave a trace: who took which data out, and how much.
    public func recordExport(type: String, format: String, count: Int, actor: Actor) async throws {
        try await db.transaction { s in
            try await AuditLog.append(s, actor: actor, action: "export", type: type, id: nil, changes: .object(JSONObject([
                ("format", .string(format)), ("records", .number(String(count))),
            ])), at: Timestamp.format(Date()))
        }
    }
}
