import Foundation
import RapportKit
import RapportStore

/// What a partnership's page shows above its details, read from its children: goal
/// progress, who does what (RACI), the roadmap and the risk heat map. Each child list is
/// read through the engine with the reader's rights, so a section shows only what its
/// reader may see.
enum PartnershipChildren {
    static func of(_ typeName: String, _ record: StoredRecord, field: String = "partnership_id", user: PageUser, actor: Actor, deps: PageDependencies, sort: String = "created_at") async throws -> [StoredRecord]? {
        try await deps.readable(typeName, [("filter[\(field)]", record.id), ("sort", sort), ("limit", "500")], user: user, actor: actor)
    }

    /// Contact names by id, for the sections that name people.
    static func contacts(_ record: StoredRecord, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [StoredRecord] {
        (try await of(PartnershipContacts.type.name, record, user: user, actor: actor, deps: deps, sort: "side") ?? [])
    }

    static func name(_ contact: StoredRecord) -> String { contact.fields["name"]?.stringValue ?? "—" }
}

/// Goals with the progress of their key results, grouped as the balanced scorecard reads.
struct PartnershipGoalsSection: RecordPageSection {
    var place: RecordPagePlace { .header }
    var template: String { "partner_goals" }

    func values(_ record: StoredRecord, type: RecordType, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [String: Any]? {
        guard let goals = try await PartnershipChildren.of(PartnershipGoals.type.name, record, user: user, actor: actor, deps: deps, sort: "due_on"), !goals.isEmpty else { return nil }
        let results = try await deps.readable(KeyResults.type.name, [("filter[goal_id][in]", goals.map(\.id).joined(separator: ",")), ("limit", "500")], user: user, actor: actor) ?? []
        let byGoal = Dictionary(grouping: results) { $0.fields["goal_id"]?.stringValue ?? "" }
        let formatter = ValueFormatter(user: user)
        let due = FieldSpec("due_on", .date)
        return ["goals": goals.map { goal -> [String: Any] in
            let share = GoalReadiness.progress(of: (byGoal[goal.id] ?? []).map(\.fields))
            return [
                "href": "/partnership_goals/\(goal.id)", "objective": goal.fields["objective"]?.stringValue ?? "",
                "perspective": goal.fields["perspective"]?.stringValue.map { user.choiceLabel("perspective", $0) } ?? "",
                "status": user.choiceLabel("status", goal.fields["status"]?.stringValue ?? "draft"), "statusValue": goal.fields["status"]?.stringValue ?? "draft",
                "due": formatter.text(goal.fields["due_on"], field: due),
                "percent": share.map { Int(($0 * 100).rounded()) } ?? 0, "hasProgress": share != nil,
                "progress": share.map { user.t("partner_progress").replacingOccurrences(of: "%@", with: user.percent($0)) } ?? user.t("partner_no_progress"),
            ]
        }]
    }
}

/// A goal's key results, each with its way from baseline to target.
struct KeyResultProgressSection: RecordPageSection {
    var place: RecordPagePlace { .header }
    var template: String { "partner_key_results" }

    func values(_ record: StoredRecord, type: RecordType, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [String: Any]? {
        guard let results = try await PartnershipChildren.of(KeyResults.type.name, record, field: "goal_id", user: user, actor: actor, deps: deps), !results.isEmpty else { return nil }
        return ["heading": user.t("type.key_results"), "results": results.map { kr -> [String: Any] in
            let f = kr.fields
            let share = GoalReadiness.progress(baseline: f["baseline"]?.numberLiteral, target: f["target"]?.numberLiteral, current: f["current"]?.numberLiteral)
            let unit = f["unit"]?.stringValue.map { " " + $0 } ?? ""
            return [
                "href": "/key_results/\(kr.id)", "measure": f["measure"]?.stringValue ?? "",
                "figures": "\(f["current"]?.numberLiteral ?? "—") / \(f["target"]?.numberLiteral ?? "—")\(unit)",
                "percent": share.map { Int(($0 * 100).rounded()) } ?? 0, "hasProgress": share != nil,
                "progress": share.map { user.percent($0) } ?? user.t("partner_no_progress"),
            ]
        }]
    }
}

/// The RACI matrix: one row per activity (grouped by workstream), one column per contact,
/// our side first, each cell the contact's letters.
struct RACIMatrixSection: RecordPageSection {
    var place: RecordPagePlace { .header }
    var template: String { "partner_raci" }

    func values(_ record: StoredRecord, type: RecordType, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [String: Any]? {
        guard let rows = try await PartnershipChildren.of(Responsibilities.type.name, record, user: user, actor: actor, deps: deps, sort: "workstream"), !rows.isEmpty else { return nil }
        let contacts = try await PartnershipChildren.contacts(record, user: user, actor: actor, deps: deps)
        var groups: [(String, [StoredRecord])] = []
        for row in rows {
            let stream = row.fields["workstream"]?.stringValue ?? ""
            if groups.last?.0 == stream { groups[groups.count - 1].1.append(row) } else { groups.append((stream, [row])) }
        }
        return [
            "activityLabel": user.t("field.activity"), "decidesLabel": user.t("field.decides"),
            "columns": contacts.map { c -> [String: Any] in
                ["name": PartnershipChildren.name(c), "side": user.choiceLabel("side", c.fields["side"]?.stringValue ?? ""), "role": c.fields["role"]?.stringValue ?? ""]
            },
            "groups": groups.map { stream, items -> [String: Any] in
                [
                    "workstream": stream, "span": contacts.count + 1,
                    "rows": items.map { item -> [String: Any] in
                        [
                            "href": "/responsibilities/\(item.id)", "activity": item.fields["activity"]?.stringValue ?? "",
                            "decides": item.fields["decides"]?.stringValue ?? "",
                            "cells": contacts.map { c -> [String: Any] in
                                let letters = Responsibilities.letters(of: c.id, in: item.fields)
                                return ["letters": letters, "accountable": letters.hasPrefix("A")]
                            },
                        ]
                    },
                ]
            },
        ]
    }
}

/// The roadmap as a timeline: each milestone a bar from its start (or a diamond at its due
/// date) on a shared scale with today marked, slipped ones flagged with why. Names are page
/// text beside an SVG track, so they stay readable in any language at any width.
struct RoadmapSection: RecordPageSection {
    var place: RecordPagePlace { .header }
    var template: String { "partner_roadmap" }

    func values(_ record: StoredRecord, type: RecordType, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [String: Any]? {
        guard let milestones = try await PartnershipChildren.of(Milestones.type.name, record, user: user, actor: actor, deps: deps, sort: "due_on"), !milestones.isEmpty else { return nil }
        let today = Self.day(deps.now(), in: user.timeZone)
        let items = milestones.map { m in
            RoadmapItem(id: m.id, dependsOn: JSONValue.ids(m.fields["depends_on_ids"]),
                        due: m.fields["due_on"]?.stringValue ?? today, status: m.fields["status"]?.stringValue ?? "planned", doneOn: m.fields["done_on"]?.stringValue)
        }
        let slips = Roadmap.slips(items, today: today)
        let names = Dictionary(milestones.map { ($0.id, $0.fields["name"]?.stringValue ?? "") }, uniquingKeysWith: { a, _ in a })
        let days = milestones.flatMap { [$0.fields["starts_on"]?.stringValue, $0.fields["due_on"]?.stringValue] }.compactMap { $0.flatMap(Self.dayNumber) }
        guard let first = (days + [Self.dayNumber(today)].compactMap { $0 }).min(), let last = (days + [Self.dayNumber(today)].compactMap { $0 }).max() else { return nil }
        let lo = first - 7, span = max(1, last + 7 - lo)
        func x(_ day: Int) -> Double { (Double(day - lo) / Double(span) * 1000).rounded() / 10 }
        let formatter = ValueFormatter(user: user)
        let date = FieldSpec("due_on", .date)
        let todayX = Self.dayNumber(today).map(x) ?? 0
        let months = Self.months(from: lo, to: lo + span).map { ["x": String(x($0.day))] }
        return [
            "todayX": String(todayX), "todayLabel": user.t("partner_today") + " " + formatter.text(.string(today), field: date),
            "months": Self.months(from: lo, to: lo + span).enumerated().map { i, m in
                ["x": String(x(m.day)), "label": Self.monthLabel(m.text, withYear: i == 0 || m.text.hasSuffix("-01"), user: user)]
            },
            "rows": milestones.map { m -> [String: Any] in
                let due = m.fields["due_on"]?.stringValue.flatMap(Self.dayNumber) ?? lo
                let start = m.fields["starts_on"]?.stringValue.flatMap(Self.dayNumber)
                let status = m.fields["status"]?.stringValue ?? "planned"
                var slip = ""
                switch slips[m.id] {
                case .late?: slip = user.t("partner_late")
                case .waitsFor(let other)?: slip = user.t("partner_waits_for").replacingOccurrences(of: "%@", with: names[other] ?? "")
                case nil: break
                }
                return [
                    "href": "/milestones/\(m.id)", "name": names[m.id] ?? "", "due": formatter.text(m.fields["due_on"], field: date),
                    "dueValue": m.fields["due_on"]?.stringValue ?? "",
                    "status": user.choiceLabel("status", status), "statusValue": status, "slipped": !slip.isEmpty, "slip": slip,
                    "dueX": String(x(due)), "hasBar": start != nil, "barX": String(start.map(x) ?? 0), "barW": String(max(0.5, x(due) - (start.map(x) ?? 0))),
                    "todayX": String(todayX), "months": months,
                ]
            },
        ]
    }

    static func day(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 1970, c.month ?? 1, c.day ?? 1)
    }

    /// "Sep", "9월", "9月"; with the year on the scale's first month and on January.
    static func monthLabel(_ month: String, withYear: Bool, user: PageUser) -> String {
        let parts = month.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2 else { return month }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: 1)) else { return month }
        let f = DateFormatter()
        f.locale = Locale(identifier: user.language)
        f.timeZone = calendar.timeZone
        f.setLocalizedDateFormatFromTemplate(withYear ? "yyyyMMM" : "MMM")
        return f.string(from: date)
    }

    /// Days since 1970 of a `YYYY-MM-DD` date.
    static func dayNumber(_ text: String) -> Int? {
        guard let (y, m, d) = CivilDate.parseISO(text) else { return nil }
        return Int(CivilDate.toDays(year: y, month: m, day: d))
    }

    /// The first days of the months in the range, thinned to at most eight labels.
    static func months(from lo: Int, to hi: Int) -> [(day: Int, text: String)] {
        var out: [(Int, String)] = []
        let (y0, m0, _) = CivilDate.fromDays(Int64(lo))
        var y = Int(y0), m = m0
        while true {
            m += 1
            if m > 12 { m = 1; y += 1 }
            let day = Int(CivilDate.toDays(year: y, month: m, day: 1))
            if day > hi { break }
            out.append((day, String(format: "%04d-%02d", y, m)))
        }
        let step = max(1, Int((Double(out.count) / 6).rounded(.up)))
        return out.enumerated().filter { $0.offset % step == 0 }.map(\.element)
    }
}

/// Open risks on the 5 × 5 likelihood-by-impact grid, each cell in its band's colour.
struct RiskHeatMapSection: RecordPageSection {
    var place: RecordPagePlace { .side }
    var template: String { "partner_risk_map" }

    func values(_ record: StoredRecord, type: RecordType, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [String: Any]? {
        guard let risks = try await deps.readable(Risks.type.name, [("filter[partnership_id]", record.id), ("filter[status]", "open"), ("limit", "500")], user: user, actor: actor), !risks.isEmpty else { return nil }
        let cells = RiskScore.heatMap(risks.compactMap { r in
            RiskScore.level(r.fields["likelihood"]).flatMap { l in RiskScore.level(r.fields["impact"]).map { (likelihood: l, impact: $0) } }
        })
        return RiskHeatMapSection.grid(cells, user: user, count: risks.count)
    }

    static func grid(_ cells: [[Int]], user: PageUser, count: Int) -> [String: Any] {
        [
            "total": user.t("partner_open_risks").replacingOccurrences(of: "%d", with: String(count)),
            "impacts": RiskScore.scale.map { ["level": String($0)] },
            "rows": RiskScore.scale.reversed().map { l -> [String: Any] in
                [
                    "level": String(l),
                    "cells": RiskScore.scale.map { i -> [String: Any] in
                        let band = RiskScore.band(likelihood: l, impact: i) ?? .low
                        let n = cells[l - 1][i - 1]
                        return ["band": band.rawValue, "bandName": user.choiceLabel("band", band.rawValue), "count": n > 0 ? String(n) : "", "score": String(l * i)]
                    },
                ]
            },
        ]
    }
}

/// Under a risk's title: its band and which way it went since the last review.
struct RiskTrendLine: RecordPageSection {
    var place: RecordPagePlace { .subtitle }
    var template: String { "partner_risk_trend" }

    func values(_ record: StoredRecord, type: RecordType, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [String: Any]? {
        guard let band = record.fields["band"]?.stringValue else { return nil }
        let score = record.fields["score"]?.numberLiteral.flatMap { Int($0) }
        let previous = record.fields["previous_score"]?.numberLiteral.flatMap { Int($0) }
        return [
            "band": band, "bandName": user.choiceLabel("band", band), "score": score.map(String.init) ?? "",
            "trend": RiskScore.trend(previous: previous, current: score).map { user.t("partner_trend.\($0.rawValue)") + " (\(previous ?? 0) → \(score ?? 0))" } ?? "",
        ]
    }
}
