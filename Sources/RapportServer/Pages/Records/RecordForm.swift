import Foundation
import RapportKit
import RapportStore

/// The generic create and edit form of any record type: inputs from the field
/// descriptions, and the posted form turned back into the JSON the API takes, so the
/// engine's rules and messages are the same on both paths.
struct RecordForm {
    let type: RecordType
    let user: PageUser

    /// Fields a form edits: references to many records and links are managed from the
    /// timeline, not typed in.
    var fields: [FieldSpec] {
        type.fields.filter {
            if $0.isDerived { return false }
            switch $0.kind {
            case .references, .links: return false
            default: return true
            }
        }
    }

    /// The inputs, filled from `values` (a record's fields, or what was posted back)
    /// with errors placed next to their fields.
    func inputs(values: JSONObject, posted: [String: [String]]?, errors: [FieldError], users: [User], owner: String?, formatter: ValueFormatter) -> [[String: Any]] {
        var out: [[String: Any]] = []
        for field in fields {
            var input: [String: Any] = ["name": field.name, "id": "f-\(field.name)", "label": user.fieldLabel(field), "required": field.required]
            let error = errors.first { $0.field == field.name || $0.field.hasPrefix(field.name + ".") || $0.field.hasPrefix(field.name + "[") }
            if let error { input["error"] = user.errorMessage(error) }
            let raw = posted?[field.name]?.first
            let value = values[field.name] ?? .null
            switch field.kind {
            case .longText:
                input["isTextarea"] = true
                input["value"] = raw ?? value.stringValue ?? ""
            case .emails, .phones:
                input["isTextarea"] = true
                input["hint"] = user.t("one_per_line")
                let items = (value.arrayValue ?? []).compactMap { $0.objectValue?["address"]?.stringValue ?? $0.objectValue?["number"]?.stringValue ?? $0.stringValue }
                input["value"] = raw ?? items.joined(separator: "\n")
            case .tags:
                input["isText"] = true
                input["hint"] = user.t("comma_separated")
                input["value"] = raw ?? (value.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ", ")
            case .choice(let options):
                input["isSelect"] = true
                let current = raw ?? value.stringValue ?? ""
                input["options"] = [["value": "", "label": user.t("none"), "selected": current.isEmpty] as [String: Any]]
                    + options.map { ["value": $0, "label": user.choiceLabel(field.name, $0), "selected": $0 == current] as [String: Any] }
            case .choices(let options):
                input["isChecks"] = true
                let chosen = Set(posted?[field.name] ?? (value.arrayValue ?? []).compactMap(\.stringValue))
                input["options"] = options.enumerated().map { i, o in
                    ["value": o, "label": user.choiceLabel(field.name, o), "checked": chosen.contains(o), "id": "f-\(field.name)-\(i)"] as [String: Any]
                }
            case .boolean:
                input["isCheckbox"] = true
                input["checked"] = posted.map { $0[field.name] != nil } ?? (value.boolValue ?? false)
            case .money:
                input["isMoney"] = true
                let o = value.objectValue
                input["amount"] = posted?[field.name + ".amount"]?.first ?? o?["amount"]?.stringValue ?? ""
                let currency = posted?[field.name + ".currency"]?.first ?? o?["currency"]?.stringValue ?? defaultCurrency
                input["currencies"] = Currency.all.map { ["value": $0.code, "selected": $0.code == currency] as [String: Any] }
            case .reference where formatter.options[field.name] != nil:
                input["isSelect"] = true
                let current = raw ?? value.stringValue ?? ""
                // A required one starts on the first choice (a new deal: the first stage).
                input["options"] = (field.required ? [] : [["value": "", "label": user.t("none"), "selected": current.isEmpty] as [String: Any]])
                    + (formatter.options[field.name] ?? []).map { ["value": $0.id, "label": $0.label, "selected": $0.id == current] as [String: Any] }
            case .reference:
                input["isText"] = true
                input["hint"] = user.t("reference_hint")
                input["value"] = raw ?? (value.stringValue.map { formatter.titles[$0] ?? $0 } ?? "")
                // The id travels with the name, so a name shared by two records still
                // means the one that was chosen.
                if let id = posted?[field.name + "._id"]?.first ?? value.stringValue, RecordID.isValid(id) { input["refID"] = id }
            case .user:
                input["isSelect"] = true
                let current = raw ?? value.stringValue ?? ""
                input["options"] = [["value": "", "label": user.t("none"), "selected": current.isEmpty] as [String: Any]]
                    + users.filter(\.active).map { ["value": $0.id, "label": $0.name, "selected": $0.id == current] as [String: Any] }
            case .team:
                input["isSelect"] = true
                let current = raw ?? value.stringValue ?? ""
                input["options"] = [["value": "", "label": user.t("none"), "selected": current.isEmpty] as [String: Any]]
                    + formatter.teams.map { ["value": $0.id, "label": $0.name, "selected": $0.id == current] as [String: Any] }
            case .dateTime:
                input["isText"] = true
                input["inputType"] = "datetime-local"
                input["value"] = raw ?? value.stringValue.map(localInput) ?? ""
            case .date, .month:
                input["isText"] = true
                input["inputType"] = field.kind == .month ? "month" : "date"
                input["value"] = raw ?? value.stringValue ?? ""
            default:
                input["isText"] = true
                if case .url = field.kind { input["inputType"] = "url" }
                input["value"] = raw ?? value.stringValue ?? value.numberLiteral ?? ""
            }
            if input["inputType"] == nil { input["inputType"] = "text" }
            out.append(input)
        }
        if type.hasOwner {
            var input: [String: Any] = ["name": "owner_id", "id": "f-owner_id", "label": user.t("field.owner_id"), "isSelect": true]
            let current = posted?["owner_id"]?.first ?? owner ?? user.user.id
            input["options"] = users.filter(\.active).map { ["value": $0.id, "label": $0.name, "selected": $0.id == current] as [String: Any] }
            if let error = errors.first(where: { $0.field == "owner_id" }) { input["error"] = user.errorMessage(error) }
            out.append(input)
        }
        return out
    }

    var defaultCurrency: String { ["ko": "KRW", "ja": "JPY"][user.language] ?? "USD" }

    /// The JSON body for the engine. Empty inputs clear a field on edit and are left out on
    /// create. Reference fields keep what was typed; the caller resolves names to ids.
    func body(_ posted: [String: [String]], creating: Bool) -> JSONObject {
        var out = JSONObject()
        func set(_ name: String, _ value: JSONValue) {
            if creating && value.isNull { return }
            out[name] = value
        }
        for field in fields {
            let text = (posted[field.name]?.first ?? "").trimmedWhitespace
            switch field.kind {
            case .emails, .phones:
                let items = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map { String($0).trimmedWhitespace }.filter { !$0.isEmpty }
                set(field.name, .array(items.map(JSONValue.string)))
            case .tags:
                let items = text.split(separator: ",").map { String($0).trimmedWhitespace }.filter { !$0.isEmpty }
                set(field.name, .array(items.map(JSONValue.string)))
            case .choices:
                set(field.name, .array((posted[field.name] ?? []).map(JSONValue.string)))
            case .boolean:
                set(field.name, .bool(posted[field.name] != nil))
            case .money:
                let amount = (posted[field.name + ".amount"]?.first ?? "").trimmedWhitespace.replacingOccurrences(of: ",", with: "")
                let currency = posted[field.name + ".currency"]?.first ?? defaultCurrency
                set(field.name, amount.isEmpty ? .null : .object(JSONObject([("amount", .string(amount)), ("currency", .string(currency))])))
            case .number:
                set(field.name, text.isEmpty ? .null : (Double(text) != nil ? .number(text) : .string(text)))
            case .dateTime:
                set(field.name, text.isEmpty ? .null : .string(utcInstant(text) ?? text))
            default:
                set(field.name, text.isEmpty ? .null : .string(text))
            }
        }
        if type.hasOwner, let owner = posted["owner_id"]?.first, !owner.isEmpty { out["owner_id"] = .string(owner) }
        return out
    }

    /// `2026-11-25T09:30` typed in the user's zone → RFC 3339 in UTC.
    func utcInstant(_ local: String) -> String? {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = user.timeZone
        for pattern in ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"] {
            f.dateFormat = pattern
            if let d = f.date(from: local) { return Timestamp.format(d) }
        }
        return nil
    }

    /// RFC 3339 → the `datetime-local` value in the user's zone.
    func localInput(_ instant: String) -> String {
        guard let ms = Timestamp.parse(instant) else { return "" }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = user.timeZone
        f.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return f.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
    }
}
