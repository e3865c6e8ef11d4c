import PostgresNIO
import RapportKit
import SQLiteNIO

/// A deal has at most one accepted quote, so at most one order and one set of contracts
/// come from acceptance. Two quotes of one deal accepted at the same moment must not both
/// win: the deal's row is locked first (PostgreSQL; SQLite has one writer), then the
/// status moves by one conditional update that only succeeds while the quote is still an
/// open offer and no other quote of the deal is accepted. The partial unique index
/// `quotes_one_accepted` (migration 10) is the backstop should anything skip this path.
enum QuoteAcceptance {
    static func claim(_ s: Session, quoteID: String, dealID: String) async throws {
        if s.dialect == .postgres {
            _ = try await s.query("SELECT id FROM deals WHERE id = \(dealID) FOR UPDATE")
        }
        if let other = try await s.query("""
            SELECT number, revision FROM quotes WHERE deal_id = \(dealID) AND status = 'accepted' AND deleted_at IS NULL AND id <> \(quoteID)
            """).first {
            throw RecordError.conflict("This deal already has an accepted quote (\(other.text("number") ?? "") revision \(other.text("revision") ?? "1")); a deal is won by one quote.")
        }
        let claimed: [Row]
        do {
            claimed = try await s.query("""
                UPDATE quotes SET status = 'accepted' WHERE id = \(quoteID) AND status IN ('draft', 'sent') AND deleted_at IS NULL
                AND NOT EXISTS (SELECT 1 FROM quotes o WHERE o.deal_id = \(dealID) AND o.status = 'accepted' AND o.deleted_at IS NULL AND o.id <> \(quoteID))
                RETURNING id
                """)
        } catch where isUniqueViolation(error) {
            throw RecordError.conflict("Another quote of this deal was accepted at the same moment; a deal is won by one quote.")
        }
        if claimed.isEmpty {
            throw RecordError.conflict("This quote is no longer an open offer, or another quote of its deal was accepted first.")
        }
    }

    static func isUniqueViolation(_ error: any Error) -> Bool {
        if let e = error as? PSQLError { return e.serverInfo?[.sqlState] == "23505" }
        if let e = error as? SQLiteError { return e.reason == .constraint || e.reason == .constraintUniqueFailed }
        return false
    }
}
