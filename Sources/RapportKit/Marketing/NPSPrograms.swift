import Foundation

/// Net Promoter surveys sent to a segment of people on a schedule ("every quarter, our
/// customers tagged `enterprise`"), as Delighted, Qualtrics and HubSpot's feedback surveys
/// run them: a program is a record (pages, audit, API and export come from the engine),
/// each scheduled run is a round, and each person is asked at most once per quiet period
/// whichever program asks, so two programs never survey one customer twice in a week.
public enum NPSPrograms {
    public static let type = RecordType(
        name: "nps_programs",
        singular: "NPS survey",
        fields: [
            FieldSpec("name", .text(maxLength: 120), required: true, search: .name),
            FieldSpec("on_schedule", .boolean, label: "Send on schedule"),
            // Five-field cron in the program's time zone: "0 10 1 */3 *" is 10:00 on the
            // first day of every third month.
            FieldSpec("schedule", .text(maxLength: 100), required: true, label: "Schedule (cron)"),
            FieldSpec("time_zone", .timeZone, required: true),
            FieldSpec("audience_stages", .choices(LifecycleStage.all), label: "Lifecycle stages"),
            FieldSpec("audience_tags", .tags, label: "Any of these tags"),
            FieldSpec("quiet_days", .number, label: "Ask a person at most once in (days)"),
            // What the question names: "How likely are you to recommend Acme?"; the
            // company's name from Settings when empty.
            FieldSpec("subject_name", .text(maxLength: 120), label: "Recommend what"),
        ],
        titleField: "name",
        listColumns: ["schedule", "time_zone", "audience_stages", "on_schedule", "updated_at"],
        uniqueKeys: [.init(field: "name", kind: "nps_program")],
        hasOwner: false,
        allowsCustomFields: false,
        hooks: RecordHooks(validate: validate),
        area: .marketing,
        icon: "chart",
        acceptsActivities: false
    )

    /// The quiet period when a program names none: a quarter, the common NPS cadence.
    public static let defaultQuietDays = 90
    public static let quietDays = 1...3650
    /// The shortest time between two rounds; anything more often is a typo, not a survey.
    public static let minimumGapMillis: Int64 = 23 * 3_600_000

    @Sendable static func validate(_ record: JSONObject) -> [FieldError] {
        var errors: [FieldError] = []
        if let text = record["schedule"]?.stringValue {
            switch rounds(text) {
            case .failure(let e): errors.append(e)
            case .success: break
            }
        }
        if let q = record["quiet_days"], !q.isNull {
            if let n = q.numberLiteral.flatMap(Int.init), quietDays.contains(n) {} else {
                errors.append(FieldError(field: "quiet_days", code: "out_of_range", message: "A whole number of days from \(quietDays.lowerBound) to \(quietDays.upperBound)."))
            }
        }
        return errors
    }

    /// The schedule, refused when it does not parse, never fires, or fires twice within a
    /// day (checked over its next 50 rounds from a fixed instant, in UTC; a time zone's
    /// clock changes move a round by an hour at most, which the 23-hour gap allows).
    public static func rounds(_ text: String) -> Result<CronSchedule, FieldError> {
        let cron: CronSchedule
        do { cron = try CronSchedule(text) } catch {
            return .failure(FieldError(field: "schedule", code: "invalid_schedule", message: "\(error)"))
        }
        let utc = TimeZone(identifier: "UTC")!
        var at: Int64 = 1_767_225_600_000 // 2026-01-01T00:00Z
        guard var previous = cron.next(after: at, in: utc) else {
            return .failure(FieldError(field: "schedule", code: "invalid_schedule", message: "The schedule never fires."))
        }
        at = previous
        for _ in 0..<50 {
            guard let next = cron.next(after: at, in: utc) else { break }
            if next - previous < minimumGapMillis {
                return .failure(FieldError(field: "schedule", code: "too_frequent", message: "Rounds must be at least a day apart."))
            }
            previous = next
            at = next
        }
        return .success(cron)
    }

    /// The program's quiet period in days.
    public static func quietDays(_ record: JSONObject) -> Int {
        record["quiet_days"]?.numberLiteral.flatMap(Int.init).flatMap { quietDays.contains($0) ? $0 : nil } ?? defaultQuietDays
    }

    /// The list filters that select the program's audience from people: any of its
    /// lifecycle stages, and any of its tags (each criterion left empty selects everyone).
    public static func audience(_ record: JSONObject) -> [(String, String)] {
        var params: [(String, String)] = []
        let stages = (record["audience_stages"]?.arrayValue ?? []).compactMap(\.stringValue)
        if !stages.isEmpty { params.append(("filter[lifecycle_stage][in]", stages.joined(separator: ","))) }
        let tags = (record["audience_tags"]?.arrayValue ?? []).compactMap(\.stringValue).filter { !$0.contains(",") }
        if !tags.isEmpty { params.append(("filter[tags][in]", tags.joined(separator: ","))) }
        return params
    }
}
