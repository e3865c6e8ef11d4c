import Foundation
import Hummingbird
import NIOCore
import RapportKit
import RapportMail
import RapportStore

/// Settings → Service levels (admins only): business calendars with weekly hours and
/// holidays (typed, or imported from an .ics file) and the ordered SLA policies. Every
/// form goes through ``ServiceLevels``, so a page and any later API share its checks and
/// audit; a refused form is shown again with a 422 naming the field.
extension AdminPages {
    func registerServiceLevels(on router: Router<AppRequestContext>) {
        router.get("settings/service-levels", use: serviceLevels)
        router.post("settings/service-levels/calendars", use: createCalendar)
        router.post("settings/service-levels/policies", use: createPolicy)
        router.post("settings/service-levels/policies/move", use: movePolicy)
        router.post("settings/service-levels/policies/delete", use: deletePolicy)
        router.get("settings/service-levels/calendars/:id", use: calendarPage)
        router.post("settings/service-levels/calendars/:id/hours", use: saveHours)
        router.post("settings/service-levels/calendars/:id/holidays", use: addHoliday)
        router.post("settings/service-levels/calendars/:id/holidays/remove", use: removeHoliday)
        router.post("settings/service-levels/calendars/:id/holidays/import", use: importHolidays)
    }

    var serviceLevelStore: ServiceLevels { ServiceLevels(db: store.db) }

    static let dayKeys = ["sl_mon", "sl_tue", "sl_wed", "sl_thu", "sl_fri", "sl_sat", "sl_sun"]
    /// Largest accepted .ics upload, with room for the multipart envelope.
    static let maxCalendarForm = ICalendarReader.maximumBytes + 64 * 1024

    /// The field a refusal names, in the page's words, and its message.
    func describeServiceLevel(_ error: Error, _ user: PageUser) -> String? {
        if case RecordError.invalid(let errors) = error {
            return errors.map { "\(fieldLabel($0.field, user)): \($0.message)" }.joined(separator: " ")
        }
        if let p = error as? ServiceLevelText.Problem { return "\(fieldLabel(p.field, user)): \(p.message)" }
        return nil
    }

    func fieldLabel(_ field: String, _ user: PageUser) -> String {
        if let i = ServiceLevelText.dayFields.firstIndex(of: field) { return user.t(Self.dayKeys[i]) }
        for p in TicketPriority.allCases {
            for m in SLAMetric.allCases where ServiceLevelText.targetField(p, m) == field {
                return "\(user.t("sl_priority_\(p.rawValue)")) · \(user.t("sl_\(m.rawValue)"))"
            }
        }
        switch field {
        case "name": return user.t("name_label")
        case "time_zone": return user.t("sl_time_zone")
        case "conditions": return user.t("sl_conditions_short")
        case "calendar_id": return user.t("sl_calendar")
        case "warn_minutes": return user.t("sl_warn_minutes")
        case "holiday_rule": return user.t("sl_rule")
        case "holiday_name": return user.t("sl_holiday_name")
        case "file": return user.t("sl_ics_file")
        default: return field
        }
    }

    static func hoursSummary(_ c: StoredCalendar, _ user: PageUser) -> String {
        if c.alwaysOpen { return user.t("sl_always_open") }
        return c.week.enumerated().map { i, day in
            "\(user.t(dayKeys[i])) " + (day.isEmpty ? user.t("sl_closed") : day.map(\.text).joined(separator: ", "))
        }.joined(separator: " / ")
    }

    static func targetsSummary(_ policy: SLAPolicy, _ user: PageUser) -> String {
        TicketPriority.allCases.compactMap { p in
            guard let t = policy.targets[p] else { return nil }
            let parts = SLAMetric.allCases.compactMap { m in t[m].map { "\(user.t("sl_\(m.rawValue)")) \($0)" } }
            return parts.isEmpty ? nil : "\(user.t("sl_priority_\(p.rawValue)")): " + parts.joined(separator: ", ")
        }.joined(separator: " / ")
    }

    // MARK: The overview

    @Sendable func serviceLevels(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in
            let saved = try QueryString.parse(request.uri.query).contains { $0 == ("notice", "saved") }
            return try await renderServiceLevels(user, formError: nil, typed: [:], saved: saved)
        }
    }

    func renderServiceLevels(_ user: PageUser, formError: String?, typed: [String: String], typedPausing: Set<String>? = nil, saved: Bool = false) async throws -> Response {
        let calendars = try await serviceLevelStore.calendars()
        let policies = try await serviceLevelStore.policies()
        let csrf = user.session.csrfToken
        let names = Dictionary(calendars.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let cols = [user.t("sl_position"), user.t("name_label"), user.t("sl_calendar"), user.t("sl_conditions_short"), user.t("sl_targets")]
        var rows: [[String: Any]] = policies.enumerated().map { i, p in
            let conditions = p.policy.conditions.isEmpty ? user.t("sl_any_ticket") : ServiceLevelText.conditionsText(p.policy.conditions).replacingOccurrences(of: "\n", with: "; ")
            return [
                "cells": [Self.cell(cols[0], String(i + 1)), Self.cell(cols[1], p.policy.name), Self.cell(cols[2], names[p.calendarID] ?? "", href: "/settings/service-levels/calendars/\(p.calendarID)"),
                          Self.cell(cols[3], conditions), Self.cell(cols[4], Self.targetsSummary(p.policy, user))],
                "rowID": "policy-\(p.id)",
                "rowActions": [
                    ["action": "/settings/service-levels/policies/move", "csrf": csrf, "label": user.t("sl_up"), "fields": [["name": "id", "value": p.id], ["name": "direction", "value": "up"]]],
                    ["action": "/settings/service-levels/policies/move", "csrf": csrf, "label": user.t("sl_down"), "fields": [["name": "id", "value": p.id], ["name": "direction", "value": "down"]]],
                    ["action": "/settings/service-levels/policies/delete", "csrf": csrf, "label": user.t("sl_delete"), "confirm": user.t("sl_delete_confirm"), "fields": [["name": "id", "value": p.id]]],
                ] as [[String: Any]],
            ]
        }
        // Calendars follow the policies in the same table, one row each, linked to their page.
        rows += calendars.map { c in
            ["cells": [Self.cell(cols[0], ""), Self.cell(cols[1], c.name, href: "/settings/service-levels/calendars/\(c.id)"), Self.cell(cols[2], c.timeZone),
                       Self.cell(cols[3], "\(user.t("sl_holidays")): \(c.holidays.count)"), Self.cell(cols[4], Self.hoursSummary(c, user))],
             "rowID": "calendar-\(c.id)", "rowActions": [] as [[String: Any]]]
        }
        var forms: [[String: Any]] = [
            Self.form("/settings/service-levels/calendars", user.t("sl_new_calendar"), user.t("sl_create_calendar"), [
                Self.text("name", user.t("name_label"), value: typed["calendar_name"] ?? "", required: true),
                Self.select("time_zone", user.t("sl_time_zone"), Pickers.zones(user.language, mine: user.user.timeZone), selected: typed["time_zone"] ?? user.user.timeZone ?? "Asia/Seoul", id: "a-calendar-zone"),
                Self.checkbox("always_open", user.t("sl_always_open")),
            ], csrf: csrf),
        ]
        if !calendars.isEmpty {
            var inputs: [[String: Any]] = [
                Self.text("name", user.t("name_label"), value: typed["policy_name"] ?? "", required: true),
                Self.select("calendar_id", user.t("sl_calendar"), calendars.map { ($0.id, $0.name) }, selected: typed["calendar_id"] ?? ""),
                Self.text("conditions", user.t("sl_conditions"), value: typed["conditions"] ?? ""),
                Self.checks("pausing", user.t("sl_pausing"), TicketStatus.allCases.map { ($0.rawValue, user.t("sl_status_\($0.rawValue)")) },
                            checked: typedPausing ?? Set(TicketStatus.pausingByDefault.map(\.rawValue))),
                Self.text("warn_minutes", user.t("sl_warn_minutes"), value: typed["warn_minutes"] ?? "60", type: "number"),
            ]
            for p in TicketPriority.allCases {
                for m in SLAMetric.allCases {
                    let field = ServiceLevelText.targetField(p, m)
                    inputs.append(Self.text(field, "\(user.t("sl_priority_\(p.rawValue)")) · \(user.t("sl_\(m.rawValue)"))", value: typed[field] ?? "", type: "number"))
                }
            }
            forms.append(Self.form("/settings/service-levels/policies", user.t("sl_new_policy"), user.t("sl_create_policy"), inputs, csrf: csrf))
        }
        var extra: [String: Any] = [:]
        if let formError { extra["formError"] = formError }
        if saved { extra["notice"] = ["text": user.t("sl_saved")] }
        return render(user, heading: user.t("sl_title"), columns: cols, rows: rows, forms: forms, extra: extra)
    }

    @Sendable func createCalendar(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in
            let (p, stop) = try await posted(request)
            guard let p else { return stop! }
            let name = p.fields["name"] ?? "", zone = p.fields["time_zone"] ?? ""
            do {
                let id = try await serviceLevelStore.createCalendar(name: name, timeZone: zone, alwaysOpen: p.fields["always_open"] == "true", actor: user.actor(context))
                return PageRenderer.redirect("/settings/service-levels/calendars/\(id)")
            } catch {
                guard let message = describeServiceLevel(error, user) else { throw error }
                return try await renderServiceLevels(user, formError: message, typed: ["calendar_name": name, "time_zone": zone])
            }
        }
    }

    @Sendable func createPolicy(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in
            let (p, stop) = try await posted(request)
            guard let p else { return stop! }
            var typed = p.fields
            typed["policy_name"] = p.fields["name"]
            let pausingValues = Set(p.values["pausing"] ?? [])
            do {
                let conditions = try ServiceLevelText.conditions(p.fields["conditions"] ?? "").get()
                var targets: [TicketPriority: SLATargets] = [:]
                for priority in TicketPriority.allCases {
                    var t = SLATargets()
                    for m in SLAMetric.allCases {
                        let field = ServiceLevelText.targetField(priority, m)
                        t[m] = try ServiceLevelText.minutes(p.fields[field] ?? "", field: field).get()
                    }
                    if SLAMetric.allCases.contains(where: { t[$0] != nil }) { targets[priority] = t }
                }
                let pausing = Set(pausingValues.compactMap(TicketStatus.init(rawValue:)))
                guard pausing.count == pausingValues.count else { throw ServiceLevels.invalidField("pausing", "Unknown status.") }
                let policy = SLAPolicy(name: p.fields["name"] ?? "", conditions: conditions, targets: targets, pausing: pausing)
                let warnText = (p.fields["warn_minutes"] ?? "").trimmingCharacters(in: .whitespaces)
                guard let warn = warnText.isEmpty ? 60 : Int(warnText) else { throw ServiceLevels.invalidField("warn_minutes", "Expected whole minutes.") }
                try await serviceLevelStore.createPolicy(policy, calendarID: p.fields["calendar_id"] ?? "", warnMinutes: warn, actor: user.actor(context))
                return PageRenderer.redirect("/settings/service-levels?notice=saved")
            } catch {
                guard let message = describeServiceLevel(error, user) else { throw error }
                return try await renderServiceLevels(user, formError: message, typed: typed, typedPausing: pausingValues)
            }
        }
    }

    @Sendable func movePolicy(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in
            let (p, stop) = try await posted(request)
            guard let p else { return stop! }
            try await serviceLevelStore.movePolicy(p.fields["id"] ?? "", up: p.fields["direction"] != "down", actor: user.actor(context))
            return PageRenderer.redirect("/settings/service-levels?notice=saved")
        }
    }

    @Sendable func deletePolicy(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in
            let (p, stop) = try await posted(request)
            guard let p else { return stop! }
            try await serviceLevelStore.deletePolicy(p.fields["id"] ?? "", actor: user.actor(context))
            return PageRenderer.redirect("/settings/service-levels?notice=saved")
        }
    }

    // MARK: One calendar

    @Sendable func calendarPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in
            let query = try QueryString.parse(request.uri.query)
            let imported = query.first { $0.0 == "imported" }.flatMap { Int($0.1) }
            let notice = imported.map { String(format: user.t("sl_imported"), $0) } ?? (query.contains { $0 == ("notice", "saved") } ? user.t("sl_saved") : nil)
            return try await renderCalendar(user, id: context.parameters.get("id") ?? "", formError: nil, typed: [:], notice: notice)
        }
    }

    func renderCalendar(_ user: PageUser, id: String, formError: String?, typed: [String: String], notice: String? = nil) async throws -> Response {
        let c = try await serviceLevelStore.calendar(id)
        let csrf = user.session.csrfToken
        let base = "/settings/service-levels/calendars/\(c.id)"
        let cols = [user.t("sl_holiday_name"), user.t("sl_rule")]
        let rows: [[String: Any]] = c.holidays.map { h in
            ["cells": [Self.cell(cols[0], h.holiday.name), Self.cell(cols[1], h.holiday.rule.text)], "rowID": "holiday-\(h.id)",
             "rowActions": [["action": "\(base)/holidays/remove", "csrf": csrf, "label": user.t("sl_remove"), "fields": [["name": "holiday_id", "value": h.id]]]] as [[String: Any]]]
        }
        var hours: [[String: Any]] = ServiceLevelText.dayFields.enumerated().map { i, field in
            Self.text(field, user.t(Self.dayKeys[i]), value: typed[field] ?? c.week[i].map(\.text).joined(separator: ", "))
        }
        var always = Self.checkbox("always_open", user.t("sl_always_open"))
        always["checked"] = typed.isEmpty ? c.alwaysOpen : typed["always_open"] == "true"
        hours.append(always)
        var upload = Self.form("\(base)/holidays/import", user.t("sl_import"), user.t("sl_import_button"), [
            ["isFile": true, "name": "file", "id": "a-ics-file", "label": user.t("sl_ics_file"), "accept": ".ics,text/calendar"],
        ], csrf: csrf)
        upload["multipart"] = true
        let forms: [[String: Any]] = [
            Self.form("\(base)/hours", "\(user.t("sl_weekly_hours")) · \(c.timeZone)", user.t("sl_save_hours"), hours, csrf: csrf),
            Self.form("\(base)/holidays", user.t("sl_add_holiday"), user.t("sl_add"), [
                Self.text("holiday_name", user.t("sl_holiday_name"), value: typed["holiday_name"] ?? "", required: true),
                Self.text("holiday_rule", user.t("sl_holiday_rule"), value: typed["holiday_rule"] ?? "", required: true),
            ], csrf: csrf),
            upload,
        ]
        var extra: [String: Any] = [:]
        if let formError { extra["formError"] = formError }
        if let notice { extra["notice"] = ["text": notice] }
        return render(user, heading: "\(user.t("sl_calendar")): \(c.name)", columns: cols, rows: rows, forms: forms, extra: extra)
    }

    @Sendable func saveHours(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in
            let (p, stop) = try await posted(request)
            guard let p else { return stop! }
            let id = context.parameters.get("id") ?? ""
            let days = ServiceLevelText.dayFields.map { p.fields[$0] ?? "" }
            do {
                let week = try ServiceLevelText.week(days).get()
                try await serviceLevelStore.setHours(id, week: week, alwaysOpen: p.fields["always_open"] == "true", actor: user.actor(context))
                return PageRenderer.redirect("/settings/service-levels/calendars/\(id)?notice=saved")
            } catch {
                guard let message = describeServiceLevel(error, user) else { throw error }
                var typed = p.fields
                typed["always_open"] = p.fields["always_open"] ?? "false"
                return try await renderCalendar(user, id: id, formError: message, typed: typed)
            }
        }
    }

    @Sendable func addHoliday(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in
            let (p, stop) = try await posted(request)
            guard let p else { return stop! }
            let id = context.parameters.get("id") ?? ""
            do {
                guard let rule = HolidayRule(text: p.fields["holiday_rule"] ?? "") else {
                    throw ServiceLevels.invalidField("holiday_rule", "Expected 2026-09-25, --05-05, 01/3MO or 05/-1MO.")
                }
                try await serviceLevelStore.addHolidays(id, [Holiday(name: (p.fields["holiday_name"] ?? "").trimmedWhitespace, rule: rule)], actor: user.actor(context))
                return PageRenderer.redirect("/settings/service-levels/calendars/\(id)?notice=saved")
            } catch {
                guard let message = describeServiceLevel(error, user) else { throw error }
                return try await renderCalendar(user, id: id, formError: message, typed: p.fields)
            }
        }
    }

    @Sendable func removeHoliday(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in
            let (p, stop) = try await posted(request)
            guard let p else { return stop! }
            let id = context.parameters.get("id") ?? ""
            try await serviceLevelStore.removeHoliday(id, holidayID: p.fields["holiday_id"] ?? "", actor: user.actor(context))
            return PageRenderer.redirect("/settings/service-levels/calendars/\(id)?notice=saved")
        }
    }

    /// The .ics upload: multipart, its CSRF token checked like any form; an unreadable
    /// file is refused with the reader's line and reason, and nothing is imported.
    @Sendable func importHolidays(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await adminPage(request) { user in
            let id = context.parameters.get("id") ?? ""
            func refuse(_ message: String) async throws -> Response {
                try await renderCalendar(user, id: id, formError: "\(user.t("sl_ics_file")): \(message)", typed: [:])
            }
            guard let boundary = MultipartForm.boundary(contentType: request.headers[.contentType] ?? "") else { return try await refuse(user.t("sl_error_file")) }
            let buffer: ByteBuffer
            do {
                buffer = try await request.body.collect(upTo: Self.maxCalendarForm)
            } catch is NIOTooManyBytesError {
                return try await refuse(user.t("sl_error_file"))
            }
            let bytes = Array(buffer.readableBytesView)
            guard let parsed = try? MultipartForm(bytes, boundary: boundary) else { return try await refuse(user.t("sl_error_file")) }
            let csrf = parsed.parts.first { $0.name == "_csrf" && $0.fileName == nil && $0.range.count <= 256 }.map { MultipartForm.text($0, in: bytes) }
            guard let csrf, SessionCookie.same(csrf, user.session.csrfToken) else { return deps.refused(request, language: user.language) }
            guard let file = parsed.parts.first(where: { $0.name == "file" }), !file.range.isEmpty, file.range.count <= ICalendarReader.maximumBytes,
                  let text = String(validating: bytes[file.range], as: UTF8.self)
            else { return try await refuse(user.t("sl_error_file")) }
            let holidays: [Holiday]
            do {
                holidays = try HolidayImport.holidays(from: ICalendarReader.read(text))
            } catch let error as ICalendarError {
                return try await refuse("\(user.t("sl_error_ics")) (\(error.description))")
            } catch let error as HolidayImport.Refusal {
                return try await refuse("\(user.t("sl_error_ics")) (\(error.message))")
            }
            do {
                let added = try await serviceLevelStore.addHolidays(id, holidays, actor: user.actor(context))
                return PageRenderer.redirect("/settings/service-levels/calendars/\(id)?imported=\(added)")
            } catch {
                guard let message = describeServiceLevel(error, user) else { throw error }
                return try await refuse(message)
            }
        }
    }
}
