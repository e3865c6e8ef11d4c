import Foundation
import RapportKit

extension RecordStore {
    /// Recomputes every live record's search terms from its fields and the records it
    /// refers to. SQLite's index is contentless, so a copy to PostgreSQL cannot carry it
    /// over and builds it again here. Returns how many records it indexed.
    public func rebuildSearchIndex(batch: Int = 1000) async throws -> Int {
        var total = 0
        for base in catalog.types {
            let type = try await self.type(named: base.name)
            let codec = self.codec(type)
            var after: Int64 = 0
            while true {
                let count = try await db.transaction { s -> Int in
                    let rows = try await s.query("""
                        SELECT \(raw: codec.selectList) FROM \(raw: type.name) WHERE seq > \(after) AND deleted_at IS NULL ORDER BY seq LIMIT \(batch)
                        """)
                    var titles: [String: [String]] = [:]
                    var entries: [(seq: Int64, terms: String)] = []
                    for row in rows {
                        let r = codec.decode(row)
                        let referenced = try await self.referencedText(s, type: type, record: r.fields, titles: &titles)
                        entries.append((r.seq, type.searchTerms(r.fields, referenced: referenced).joined(separator: " ")))
                        after = r.seq
                    }
                    try await self.reindexMany(s, type: type, entries: entries)
                    return rows.count
                }
                total += count
                if count < batch { break }
            }
        }
        return total
    }
}
