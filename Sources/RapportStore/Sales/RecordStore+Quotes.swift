import Foundation
import RapportKit

extension RecordStore {
    /// A new version of a quote: same number, the next revision, a draft with copies of
    /// the lines, while the version it replaces becomes `superseded`. A customer who asks
    /// for a change gets a new document and the old one stays as it was sent.
    public func reviseQuote(id: String, actor: Actor) async throws -> StoredRecord {
        let quotes = try await type(named: Quotes.type.name), lines = try await type(named: QuoteLines.type.name)
        try require(.create, quotes, actor)
        try require(.update, quotes, actor)
        let revised = try await db.transaction { s -> StoredRecord in
            let old = try await self.load(s, quotes, id: id, forUpdate: true, actor: actor)
            let status = old.fields["status"]?.stringValue ?? "draft"
            guard status != "accepted", status != "superseded" else {
                throw RecordError.invalid([FieldError(field: "status", code: status, message: status == "accepted"
                    ? "An accepted quote is final; its order has been placed." : "A newer version already replaced this quote.")])
            }
            let number = old.fields["number"]?.stringValue ?? ""
            let latest = try await s.query("SELECT revision FROM quotes WHERE number = \(number) AND deleted_at IS NULL").compactMap { $0.text("revision").flatMap { Int($0) } }.max() ?? 1
            let now = Timestamp.format(Date())
            var fields = old.fields
            fields["status"] = .string("draft")
            fields["revision"] = .number(String(latest + 1))
            // A validity date already past would expire the new version at once.
            if let until = fields["valid_until"]?.stringValue, QuoteValidity.hasExpired(validUntil: until, today: String(now.prefix(10))) { fields["valid_until"] = .null }
            for derived in ["subtotal", "discount", "tax", "total"] { fields[derived] = .null }
            let quote = StoredRecord.new(quotes, fields: fields, owner: old.ownerID, actor: actor, now: now)
            try await self.createRecords(in: s, quotes, [quote], actor: actor, now: now)
            let codec = self.codec(lines)
            let copies = try await s.query("SELECT \(raw: codec.selectList) FROM quote_lines WHERE quote_id = \(old.id) AND deleted_at IS NULL ORDER BY seq").map { row in
                var line = codec.decode(row).fields
                line["quote_id"] = .string(quote.id)
                return StoredRecord.new(lines, fields: line, owner: old.ownerID, actor: actor, now: now)
            }
            try await self.createRecords(in: s, lines, copies, actor: actor, now: now)
            _ = try await self.update(in: s, quotes, id: old.id, changes: JSONObject([("status", .string("superseded"))]), ifMatch: nil, actor: actor)
            return try await self.load(s, quotes, id: quote.id, forUpdate: false, actor: actor)
        }
        return redact(revised, quotes, actor)
    }

    /// Marks draft and sent quotes whose validity date has passed as expired, each as an
    /// audited update by the system; returns how many. `serve` runs this hourly.
    @discardableResult
    public func expireQuotes(today: String = String(Timestamp.format(Date()).prefix(10))) async throws -> Int {
        let quotes = try await type(named: Quotes.type.name)
        let ids = try await db.read { s in
            try await s.query("""
                SELECT id FROM quotes WHERE deleted_at IS NULL AND status IN ('draft', 'sent') AND valid_until IS NOT NULL AND valid_until < \(today)
                """).compactMap { $0.text("id") }
        }
        for id in ids {
            try await db.transaction { s in
                _ = try await self.update(in: s, quotes, id: id, changes: JSONObject([("status", .string("expired"))]), ifMatch: nil, actor: .system)
            }
        }
        return ids.count
    }
}
