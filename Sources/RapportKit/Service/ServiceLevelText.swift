import Foundation

/// The stored and typed text forms of a calendar's week and a policy's rules, with the
/// name of the form field at fault when one cannot be read, so a settings page and the
/// store share one parser and a bad value is a 422 naming its field.
public enum ServiceLevelText {
    /// A value that cannot be read, named by its form field: the engine's own field error.
    public typealias Problem = FieldError

    /// Field names of the weekly-hours form, Monday first.
    public static let dayFields = ["hours_mon", "hours_tue", "hours_wed", "hours_thu", "hours_fri", "hours_sat", "hours_sun"]

    /// One day: `09:00-12:00, 13:00-18:00`, empty when closed.
    public static func day(_ text: String, field: String) -> Result<[BusinessInterval], Problem> {
        let pieces = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard pieces.count <= 12 else { return .failure(Problem(field: field, code: "too_many", message: "At most 12 intervals a day.")) }
        var out: [BusinessInterval] = []
        for p in pieces {
            guard let iv = BusinessInterval(text: p) else {
                return .failure(Problem(field: field, code: "invalid_hours", message: "Expected hours such as 09:00-12:00, 13:00-18:00."))
            }
            out.append(iv)
        }
        out.sort { $0.start < $1.start }
        for (a, b) in zip(out, out.dropFirst()) where b.start < a.end {
            return .failure(Problem(field: field, code: "overlapping_hours", message: "Intervals must not overlap."))
        }
        return .success(out)
    }

    public static func week(_ days: [String]) -> Result<[[BusinessInterval]], Problem> {
        guard days.count == 7 else { return .failure(Problem(field: "hours", code: "invalid_hours", message: "Expected seven days.")) }
        var out: [[BusinessInterval]] = []
        for (i, d) in days.enumerated() {
            switch day(d, field: dayFields[i]) {
            case .failure(let p): return .failure(p)
            case .success(let list): out.append(list)
            }
        }
        return .success(out)
    }

    /// Seven lines, one a day.
    public static func weekText(_ week: [[BusinessInterval]]) -> String {
        week.map { $0.map(\.text).joined(separator: ",") }.joined(separator: "\n")
    }

    public static func storedWeek(_ text: String) -> [[BusinessInterval]] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.count < 7 { lines.append("") }
        return lines.prefix(7).map { (try? day($0, field: "").get()) ?? [] }
    }

    /// Conditions, one a line: `channel = email` or `organization_tier = gold | platinum`.
    public static func conditions(_ text: String, field: String = "conditions") -> Result<[SLACondition], Problem> {
        var out: [SLACondition] = []
        for raw in text.split(whereSeparator: { $0.isNewline || $0 == ";" }) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            guard let eq = line.firstIndex(of: "=") else {
                return .failure(Problem(field: field, code: "invalid_condition", message: "Expected a condition such as channel = email | web_form."))
            }
            let name = line[..<eq].trimmingCharacters(in: .whitespaces)
            let values = line[line.index(after: eq)...].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !name.isEmpty, name.count <= 64, name.utf8.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }) else {
                return .failure(Problem(field: field, code: "invalid_condition", message: "A field name is lower-case letters, digits and underscores."))
            }
            guard !values.isEmpty, values.count <= 50, values.allSatisfy({ $0.count <= 200 }) else {
                return .failure(Problem(field: field, code: "invalid_condition", message: "A condition needs one to 50 values."))
            }
            out.append(SLACondition(field: name, values: values))
        }
        guard out.count <= 20 else { return .failure(Problem(field: field, code: "too_many", message: "At most 20 conditions.")) }
        return .success(out)
    }

    public static func conditionsText(_ conditions: [SLACondition]) -> String {
        conditions.map { "\($0.field) = \($0.values.joined(separator: " | "))" }.joined(separator: "\n")
    }

    /// Form field of one target: `target_urgent_first_response`.
    public static func targetField(_ priority: TicketPriority, _ metric: SLAMetric) -> String {
        "target_\(priority.rawValue)_\(metric.rawValue)"
    }

    /// Minutes, empty for none; 1 to ten years.
    public static func minutes(_ text: String, field: String) -> Result<Int?, Problem> {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.isEmpty { return .success(nil) }
        guard t.count <= 8, let n = Int(t), n >= 1, n <= SLATargets.maximumMinutes else {
            return .failure(Problem(field: field, code: "invalid_minutes", message: "Expected whole minutes from 1 to \(SLATargets.maximumMinutes)."))
        }
        return .success(n)
    }

    /// Stored: `urgent=30,60,240` per line, an empty slot for no target.
    public static func targetsText(_ targets: [TicketPriority: SLATargets]) -> String {
        TicketPriority.allCases.compactMap { p in
            guard let t = targets[p] else { return nil }
            return "\(p.rawValue)=" + SLAMetric.allCases.map { t[$0].map(String.init) ?? "" }.joined(separator: ",")
        }.joined(separator: "\n")
    }

    public static func storedTargets(_ text: String) -> [TicketPriority: SLATargets] {
        var out: [TicketPriority: SLATargets] = [:]
        for line in text.split(separator: "\n") {
            let kv = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard kv.count == 2, let p = TicketPriority(rawValue: String(kv[0])) else { continue }
            let slots = kv[1].split(separator: ",", omittingEmptySubsequences: false)
            var t = SLATargets()
            for (m, s) in zip(SLAMetric.allCases, slots) { t[m] = Int(s) }
            out[p] = t
        }
        return out
    }

    public static func pausingText(_ statuses: Set<TicketStatus>) -> String {
        TicketStatus.allCases.filter { statuses.contains($0) }.map(\.rawValue).joined(separator: ",")
    }

    public static func storedPausing(_ text: String) -> Set<TicketStatus> {
        Set(text.split(separator: ",").compactMap { TicketStatus(rawValue: String($0)) })
    }
}
