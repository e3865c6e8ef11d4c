import Foundation
import RapportKit

/// A registration as the engine keeps it: partner users submit and never decide; an
/// approval stamps its time and the last protected day in the partner's time zone and
/// opens the registered deal (``RegistrationDeals``); and every registration notes what
/// the channel-conflict check finds.
enum DealRegistrationRules {
    static let rules = WriteRules(before: { store, s, record, existing in
        var record = record
        let status = record["status"]?.stringValue ?? "submitted"
        let before = existing?.fields["status"]?.stringValue
        if let viewer = WriteRules.writer?.viewer, viewer.role.grant(for: DealRegistrations.type.name).visibility == .partnership {
            // The partner registers; the partner manager decides.
            let decided = existing == nil ? status != "submitted" : status != before && status != "withdrawn"
            let protection = existing.map { $0.fields["protection_days"] != record["protection_days"] } ?? (DealRegistrations.days(record) != DealRegistrations.defaultProtectionDays)
            if decided || protection {
                throw RecordError.invalid([FieldError(field: decided ? "status" : "protection_days", code: "partner_manager_decides", message: "The partner manager approves registrations and sets their protection.")])
            }
        }
        if status == "approved" {
            if before != "approved" || existing?.fields["protection_days"] != record["protection_days"] {
                let approvedAt = before == "approved" ? existing?.fields["approved_at"]?.stringValue.flatMap(Timestamp.parse) : nil
                let at = approvedAt ?? Timestamp.millis(WriteRules.clock())
                let zone = try await partnerZone(s, record["partnership_id"]?.stringValue)
                record["approved_at"] = .string(Timestamp.format(millisecondsSince1970: at))
                record["protected_until"] = .string(RegistrationProtection.lastDay(approvedAt: at, days: DealRegistrations.days(record), zone: zone))
            }
            if before != "approved", record["deal_id"]?.stringValue == nil {
                record["deal_id"] = .string(try await RegistrationDeals.open(store, s, for: record, actor: WriteRules.writer ?? .system))
            }
        } else {
            record["approved_at"] = .null
            record["protected_until"] = .null
        }
        let watched = ["company_name", "company_domain", "partnership_id"]
        if existing == nil || watched.contains(where: { existing?.fields[$0] != record[$0] }) {
            let found = try await channelConflicts(store, s, record, excluding: existing?.id)
            record["conflict_note"] = found.isEmpty ? .null : .string(found.joined(separator: "\n"))
        }
        return record
    })

    /// The partnership's time zone; UTC when it names none.
    static func partnerZone(_ s: Session, _ partnershipID: String?) async throws -> TimeZone {
        guard let id = partnershipID,
              let name = try await s.query("SELECT time_zone FROM partnerships WHERE id = \(id)").first?.text("time_zone") else { return TimeZone(identifier: "UTC")! }
        return TimeZone(identifier: name) ?? TimeZone(identifier: "UTC")!
    }

    /// Open deals of a company with the registration's domain or name, and other
    /// partnerships' live registrations (submitted, or approved and still protected) of it.
    /// Names compare folded (case, width), so "ACME", "Acme" and "ＡＣＭＥ" meet: the
    /// candidates come from the search index, whose terms are folded the same way, and the
    /// whole folded names are compared here.
    static func channelConflicts(_ store: RecordStore, _ s: Session, _ record: JSONObject, excluding id: String?) async throws -> [String] {
        let domain = record["company_domain"]?.stringValue
        let name = record["company_name"]?.stringValue.map(SearchText.fold) ?? ""
        guard domain != nil || !name.isEmpty else { return [] }
        var out: [String] = []
        let organizations = try await store.type(named: Organizations.type.name, in: s)
        let registrations = try await store.type(named: DealRegistrations.type.name, in: s)
        let query = SearchQuery(name)
        let byName = { (type: RecordType, id: String, column: String) -> SQL in
            guard !query.terms.isEmpty else { return "lower(\(raw: column)) = \(name)" }
            return "\(raw: id) IN (SELECT id FROM \(raw: type.name) WHERE \(store.searchCondition(type, query, dialect: s.dialect)))"
        }
        let byDomain: SQL = domain.map { "domain = \($0) OR " } ?? ""
        let orgs = try await s.query("SELECT id, name, domain FROM organizations WHERE deleted_at IS NULL AND (\(byDomain)\(byName(organizations, "id", "name"))) LIMIT 200")
        let matching = orgs.filter { $0.text("domain") == domain || SearchText.fold($0.text("name") ?? "") == name }.compactMap { $0.text("id") }
        if !matching.isEmpty {
            let list = SQL.join(matching.map { "\($0)" }, ", ")
            for row in try await s.query("SELECT id, title FROM deals WHERE deleted_at IS NULL AND status = 'open' AND organization_id IN (\(list)) ORDER BY id LIMIT 5") {
                out.append("Open deal “\(row.text("title") ?? "")” (deals/\(row.text("id") ?? ""))")
            }
        }
        let partnership = record["partnership_id"]?.stringValue ?? ""
        let today = String(Timestamp.format(WriteRules.clock()).prefix(10))
        for row in try await s.query("""
            SELECT r.id, r.company_name, r.company_domain, r.status, r.protected_until, p.name AS partnership FROM deal_registrations r
            JOIN partnerships p ON p.id = r.partnership_id
            WHERE r.deleted_at IS NULL AND r.partnership_id <> \(partnership) AND r.id <> \(id ?? "")
            AND (r.status = 'submitted' OR (r.status = 'approved' AND r.protected_until >= \(today)))
            AND (\(domain.map { "r.company_domain = \($0) OR " } ?? "" as SQL)\(byName(registrations, "r.id", "r.company_name")))
            ORDER BY r.id LIMIT 50
            """) where out.count < 10 && (row.text("company_domain") == domain || SearchText.fold(row.text("company_name") ?? "") == name) {
            out.append("Registered by \(row.text("partnership") ?? "") (\(row.text("status") ?? ""), deal_registrations/\(row.text("id") ?? ""))")
        }
        return out
    }
}
