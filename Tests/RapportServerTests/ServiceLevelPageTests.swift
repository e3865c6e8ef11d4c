import Foundation
import HTTPTypes
import NIOCore
import RapportKit
import RapportStore
import Testing

/// Settings → Service levels as an admin uses it, on both databases: a calendar with
/// hours and holidays (typed and imported from the 2026 Japanese .ics), policies in order,
/// and bad input refused with a 422 naming the field, nothing stored.
@Suite struct ServiceLevelPageTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/calendar/\(name)")
        return Array(try Data(contentsOf: url))
    }

    static func calendarID(_ reply: Reply) -> String? {
        guard reply.status == .seeOther, let location = reply.headers[.location], let r = location.range(of: "/calendars/") else { return nil }
        return String(location[r.upperBound...].prefix { $0 != "?" })
    }

    @Test(arguments: Backend.available)
    func calendarsHolidaysAndPolicies(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            var browser = try await WorkspacePageTests.signedIn(api)
            let page = try await browser.request(.get, "/settings/service-levels")
            #expect(page.status == .ok, "\(page.body)")
            let csrf = PageClient.csrf(page.body) ?? ""
            // No calendar yet: no policy form.
            #expect(!page.body.contains(#"action="/settings/service-levels/policies""#))

            let badZone = try await browser.request(.post, "/settings/service-levels/calendars", form: [("_csrf", csrf), ("name", "Tokyo"), ("time_zone", "Mars/Olympus")])
            #expect(badZone.status == .unprocessableContent && badZone.body.contains("Time zone"), "\(badZone.body)")
            let created = try await browser.request(.post, "/settings/service-levels/calendars", form: [("_csrf", csrf), ("name", "Tokyo desk"), ("time_zone", "Asia/Tokyo")])
            let id = try #require(Self.calendarID(created), "\(created.status) \(created.body)")
            let duplicate = try await browser.request(.post, "/settings/service-levels/calendars", form: [("_csrf", csrf), ("name", "Tokyo desk"), ("time_zone", "Asia/Tokyo")])
            #expect(duplicate.status == .unprocessableContent, "\(duplicate.body)")

            // Weekly hours with a lunch break; an overlapping day is refused naming the day.
            var hours = [("_csrf", csrf)] + ServiceLevelText.dayFields.prefix(5).map { ($0, "09:00-12:00, 13:00-18:00") } + [("hours_sat", ""), ("hours_sun", "")]
            let saved = try await browser.request(.post, "/settings/service-levels/calendars/\(id)/hours", form: hours)
            #expect(saved.status == .seeOther, "\(saved.body)")
            hours[3] = ("hours_wed", "09:00-13:00, 12:00-18:00")
            let overlapping = try await browser.request(.post, "/settings/service-levels/calendars/\(id)/hours", form: hours)
            #expect(overlapping.status == .unprocessableContent && overlapping.body.contains("Wednesday"), "\(overlapping.body)")
            let stored = try await ServiceLevels(db: api.db).calendar(id)
            #expect(stored.week[2] == [BusinessInterval(start: 540, end: 720), BusinessInterval(start: 780, end: 1080)] && stored.week[5].isEmpty)

            // Holidays typed and imported; a bad rule and a bad file change nothing.
            let typed = try await browser.request(.post, "/settings/service-levels/calendars/\(id)/holidays", form: [("_csrf", csrf), ("holiday_name", "創立記念日"), ("holiday_rule", "--06-15")])
            #expect(typed.status == .seeOther, "\(typed.body)")
            let badRule = try await browser.request(.post, "/settings/service-levels/calendars/\(id)/holidays", form: [("_csrf", csrf), ("holiday_name", "x"), ("holiday_rule", "02/30")])
            #expect(badRule.status == .unprocessableContent && badRule.body.contains("Rule"), "\(badRule.body)")
            let badFile = try await ImportPageTests.upload(browser, "/settings/service-levels/calendars/\(id)/holidays/import", csrf: csrf,
                                                           content: Array("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8), fileName: "bad.ics")
            #expect(badFile.status == .unprocessableContent && badFile.body.contains("line 2"), "\(badFile.body)")
            let imported = try await ImportPageTests.upload(browser, "/settings/service-levels/calendars/\(id)/holidays/import", csrf: csrf,
                                                            content: try Self.fixture("jp-holidays-2026.ics"), fileName: "jp-holidays-2026.ics")
            #expect(imported.status == .seeOther && imported.headers[.location]?.hasSuffix("imported=18") == true, "\(imported.status) \(imported.headers)")
            let again = try await ImportPageTests.upload(browser, "/settings/service-levels/calendars/\(id)/holidays/import", csrf: csrf,
                                                         content: try Self.fixture("jp-holidays-2026.ics"), fileName: "jp-holidays-2026.ics")
            #expect(again.headers[.location]?.hasSuffix("imported=0") == true)
            let calendarPage = try await browser.request(.get, "/settings/service-levels/calendars/\(id)")
            #expect(calendarPage.body.contains("成人の日") && calendarPage.body.contains("01/2MO") && calendarPage.body.contains(#"enctype="multipart/form-data""#))

            // The stored calendar is the clock's: Coming of Age Day 2027 (11 January) is closed.
            let calendar = try await ServiceLevels(db: api.db).calendar(id).calendar
            #expect(calendar.holiday(onLocalDay: CivilDate.toDays(year: 2027, month: 1, day: 11))?.name == "成人の日")
            #expect(calendar.holiday(onLocalDay: CivilDate.toDays(year: 2026, month: 9, day: 22))?.name == "国民の休日")

            // Policies: a bad target names its field; two good ones keep their order and move.
            var policy = [("_csrf", csrf), ("name", "VIP"), ("calendar_id", id), ("conditions", "organization_tier = gold | platinum"),
                          ("pausing", "pending_customer"), (ServiceLevelText.targetField(.urgent, .firstResponse), "0")]
            let badTarget = try await browser.request(.post, "/settings/service-levels/policies", form: policy)
            #expect(badTarget.status == .unprocessableContent && badTarget.body.contains("Urgent · First response"), "\(badTarget.body)")
            policy[5] = (ServiceLevelText.targetField(.urgent, .firstResponse), "30")
            #expect(try await browser.request(.post, "/settings/service-levels/policies", form: policy).status == .seeOther)
            let fallback = [("_csrf", csrf), ("name", "Default"), ("calendar_id", id), ("conditions", ""), (ServiceLevelText.targetField(.normal, .resolution), "2400")]
            #expect(try await browser.request(.post, "/settings/service-levels/policies", form: fallback).status == .seeOther)
            let levels = ServiceLevels(db: api.db)
            var policies = try await levels.policies()
            #expect(policies.map(\.policy.name) == ["VIP", "Default"])
            #expect(policies[0].policy.pausing == [.pendingCustomer] && policies[0].policy.target(.firstResponse, priority: .urgent) == 30)
            #expect(try await levels.policy(for: ["organization_tier": "gold"])?.0.name == "VIP")
            #expect(try await levels.policy(for: ["organization_tier": "bronze"])?.0.name == "Default")
            #expect(try await browser.request(.post, "/settings/service-levels/policies/move", form: [("_csrf", csrf), ("id", policies[1].id), ("direction", "up")]).status == .seeOther)
            policies = try await levels.policies()
            #expect(policies.map(\.policy.name) == ["Default", "VIP"])

            // None of it for a sales rep.
            var rep = try await WorkspacePageTests.signedIn(api, email: "rep@example.com", role: "sales")
            #expect(try await rep.request(.get, "/settings/service-levels").status == .forbidden)
        }
    }

    /// Admins adding policies at the same moment each get a place of their own in the order.
    @Test(arguments: Backend.available)
    func racingAppendsKeepDistinctPlaces(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let levels = ServiceLevels(db: api.db)
            let calendar = try await levels.createCalendar(name: "Seoul", timeZone: "Asia/Seoul", alwaysOpen: false, actor: .system)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<8 {
                    group.addTask {
                        let policy = SLAPolicy(name: "P\(i)", targets: [.normal: SLATargets(firstResponse: 60 + i)])
                        try await levels.createPolicy(policy, calendarID: calendar, actor: .system)
                    }
                }
                try await group.waitForAll()
            }
            let positions = try await levels.policies().map(\.position)
            #expect(positions.count == 8 && Set(positions).count == 8, "\(positions)")
        }
    }
}
