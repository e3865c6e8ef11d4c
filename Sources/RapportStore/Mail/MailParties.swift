import RapportKit

/// The records a received message belongs to besides its ticket: every known person whose
/// address is on it, the companies those people work for, and the open deals they are
/// contacts of. A rep opening a customer's company or deal then sees what the customer
/// wrote to support, without a second copy of the text; the timeline reads the message
/// through these links (``RecordStore/mailEntries(_:type:ids:before:limit:actor:)``).
///
/// Links are taken when the message arrives: a person who changes company later leaves
/// their earlier mail with the company it was written to, as a logged email would stay.
enum MailParties {
    /// Links `mail` to `records` (its ticket message) and to the live `people` among the
    /// given ids (everyone on the message that a person has: ``Requesters/ids(_:_:addresses:)``),
    /// then to their companies and open deals, in one statement.
    static func link(_ s: Session, mail: String, records: [(type: String, id: String)] = [], people ids: [String]) async throws {
        guard !ids.isEmpty || !records.isEmpty else { return }
        let list = ids.isEmpty ? SQL("NULL") : SQL.join(ids.map { "\($0)" }, ", ")
        let given = records.map { record -> SQL in "SELECT CAST(\(record.type) AS TEXT) AS kind, CAST(\(record.id) AS TEXT) AS record_id UNION " }
        try await s.execute("""
            INSERT INTO mail_links (mail_id, record_type, record_id)
            SELECT \(mail), kind, record_id FROM (
            \(SQL.join(given, ""))SELECT 'people' AS kind, id AS record_id FROM people WHERE id IN (\(list)) AND deleted_at IS NULL
            UNION SELECT 'organizations', organization_id FROM people WHERE id IN (\(list)) AND organization_id IS NOT NULL AND deleted_at IS NULL
            UNION SELECT 'deals', c.deal_id FROM deal_contacts c JOIN deals d ON d.id = c.deal_id
            WHERE c.person_id IN (\(list)) AND c.deleted_at IS NULL AND d.deleted_at IS NULL AND d.status = 'open'
            ) AS parties WHERE record_id IS NOT NULL ON CONFLICT DO NOTHING
            """)
    }
}
