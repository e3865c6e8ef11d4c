import Foundation
import RapportKit
import RapportStore

/// The filters of the sales reports, read the same way by the API and the reports page so
/// a page's address and an API call with the same parameters give the same figures:
/// `pipeline`, `period` (this_month, this_quarter, last_quarter, this_year, custom),
/// `from` and `to` (close dates, `YYYY-MM-DD`, inclusive), `owner` (a user id) and `team`.
/// A bad value is refused naming its parameter; an unknown owner or team is a 422.
struct ReportQuery: Sendable {
    var pipeline: String?
    var period: ReportPeriod?
    var from: String?
    var to: String?
    var owner: String?
    var team: String?
    /// The days `period` resolved to in the reader's zone.
    var days: ReportPeriod.Days?

    static let names = ["pipeline", "period", "from", "to", "owner", "team"]

    /// Reads the report parameters from `params`; `also` names further parameters the
    /// caller reads itself (the page's `by`), anything else is refused.
    /// `presetWins` is the page's form: days left typed in beside a preset period give way
    /// to the preset rather than refuse the form; the API refuses the pair.
    static func parse(_ params: [(String, String)], today: String, also: Set<String> = [], presetWins: Bool = false) throws -> ReportQuery {
        var q = ReportQuery()
        var seen: Set<String> = []
        func bad(_ field: String, _ code: String, _ message: String) -> RecordError {
            .badRequest("Query parameter '\(field)': \(message)", [FieldError(field: field, code: code, message: message)])
        }
        for (key, value) in params {
            if also.contains(key) { continue }
            guard names.contains(key) else { throw bad(key, "unknown_parameter", "Reports take \(names.joined(separator: ", ")).") }
            guard seen.insert(key).inserted else { throw bad(key, "repeated_parameter", "Give '\(key)' once.") }
            // An empty value is the form's "any" choice, not an error.
            if value.isEmpty { continue }
            switch key {
            case "pipeline":
                // Not checked here: the API answers an unknown pipeline with a 404, the page
                // falls back to the default one.
                q.pipeline = value
            case "period":
                guard let p = ReportPeriod(rawValue: value) else {
                    throw bad(key, "invalid_choice", "One of \(ReportPeriod.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                q.period = p
            case "from", "to":
                guard ReportPeriod.isDay(value) else { throw bad(key, "invalid_date", "A day written YYYY-MM-DD, such as 2026-09-30.") }
                if key == "from" { q.from = value } else { q.to = value }
            case "owner":
                guard RecordID.isValid(value) else { throw bad(key, "invalid_id", "A user id.") }
                q.owner = value
            default:
                guard RecordID.isValid(value) else { throw bad(key, "invalid_id", "A team id.") }
                q.team = value
            }
        }
        if presetWins, let p = q.period, p != .custom {
            q.from = nil
            q.to = nil
        }
        if q.from != nil || q.to != nil {
            if let p = q.period, p != .custom { throw bad("period", "conflict", "'from' and 'to' go with period=custom or no period.") }
            q.period = .custom
        }
        if let from = q.from, let to = q.to, from > to { throw bad("to", "out_of_range", "'to' is on or after 'from'.") }
        q.days = q.period?.days(today: today, from: q.from, to: q.to)
        return q
    }

    /// The store's filter: the close-date range and the owners, with an unknown owner or
    /// team refused by name.
    func filter(store: RecordStore) async throws -> ReportFilter {
        var filter = ReportFilter(closeFrom: days?.from, closeTo: days?.to)
        if let owner {
            guard try await store.userExists(id: owner) else {
                throw RecordError.invalid([FieldError(field: "owner", code: "not_found", message: "No user has this id.")])
            }
            filter.narrow(owners: [owner])
        }
        if let team {
            guard let members = try await store.teamOwners(teamID: team) else {
                throw RecordError.invalid([FieldError(field: "team", code: "not_found", message: "No team has this id.")])
            }
            filter.narrow(owners: members)
        }
        return filter
    }

    /// The parameters as they were given, for links that keep them (empty ones left out).
    var pairs: [(String, String)] {
        var out: [(String, String)] = []
        if let pipeline { out.append(("pipeline", pipeline)) }
        if let period { out.append(("period", period.rawValue)) }
        if period == .custom {
            if let from { out.append(("from", from)) }
            if let to { out.append(("to", to)) }
        }
        if let owner { out.append(("owner", owner)) }
        if let team { out.append(("team", team)) }
        return out
    }
}
