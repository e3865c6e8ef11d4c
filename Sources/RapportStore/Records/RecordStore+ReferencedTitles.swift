import RapportKit

extension RecordStore {
    /// Reads the titles and domains of every record a batch refers to through searchable
    /// references, one query per target table and chunk of ids, into the cache that
    /// ``referencedText(_:type:record:titles:)`` reads.
    ///
    /// An import of 100,000 people naming 10,000 companies otherwise asked for each company
    /// in a query of its own, one round trip per company on PostgreSQL. The values cached
    /// are exactly what ``referencedText(_:type:record:titles:)`` would read one by one
    /// (a missing or deleted id caches as no text), so the terms stay those of a single create.
    func prefetchReferencedTitles(_ s: Session, type: RecordType, records: [JSONObject], titles: inout [String: [String]]) async throws {
        for field in type.searchFields {
            guard case .reference(let target) = field.kind, let targetType = catalog[target] else { continue }
            var ids = Set<String>()
            for record in records {
                if let id = record[field.name]?.stringValue, titles[id] == nil { ids.insert(id) }
            }
            guard !ids.isEmpty else { continue }
            let columns = [targetType.titleField] + targetType.searchFields.filter { $0.search == .domain }.map(\.name)
            let sorted = ids.sorted()
            for start in stride(from: 0, to: sorted.count, by: 500) {
                let chunk = sorted[start..<min(start + 500, sorted.count)]
                let rows = try await s.query("""
                    SELECT id, \(raw: columns.joined(separator: ", ")) FROM \(raw: target) WHERE id IN (\(SQL.join(chunk.map { "\($0)" }, ", ")))
                    """)
                for row in rows {
                    guard let id = row.text("id") else { continue }
                    titles[id] = columns.compactMap { row.text($0) }
                }
                for id in chunk where titles[id] == nil { titles[id] = [] }
            }
        }
    }
}
