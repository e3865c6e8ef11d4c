import Foundation
import RapportKit
import RapportStore

/// Turns stored values into what a person reads, in their language and time zone:
/// references as linked names, money with its symbol and minor units, instants as local
/// date and time, choices by their translated label.
struct ValueFormatter {
    let user: PageUser
    /// Titles of referenced records by id (only those the user may see).
    var titles: [String: String] = [:]
    /// Names of users by id.
    var userNames: [String: String] = [:]
    /// Teams in name order, loaded only for types with a team field (a quota's team).
    var teams: [(id: String, name: String)] = []
    /// The records a reference to a set-up type can point at (a deal's pipeline and
    /// stage), by field name: a form offers them as a list rather than a name to type.
    var options: [String: [(id: String, label: String)]] = [:]
    private let dateTime: DateFormatter
    private let dateOnly: DateFormatter
    private let monthOnly: DateFormatter

    init(user: PageUser) {
        self.user = user
        let locale = Locale(identifier: ["ko": "ko_KR", "ja": "ja_JP"][user.language] ?? "en_US")
        dateTime = DateFormatter()
        dateTime.locale = locale
        dateTime.timeZone = user.timeZone
        dateTime.dateStyle = .medium
        dateTime.timeStyle = .short
        dateOnly = DateFormatter()
        dateOnly.locale = locale
        dateOnly.timeZone = TimeZone(identifier: "UTC")
        dateOnly.dateStyle = .medium
        dateOnly.timeStyle = .none
        monthOnly = DateFormatter()
        monthOnly.locale = locale
        monthOnly.timeZone = TimeZone(identifier: "UTC")
        monthOnly.setLocalizedDateFormatFromTemplate("yMMMM")
    }

    /// Midnight UTC of a `YYYY-MM-DD` day, by arithmetic rather than a parser per cell.
    private static func day(_ text: String) -> Date? {
        guard let (y, m, d) = CivilDate.parseISO(text) else { return nil }
        return Date(timeIntervalSince1970: Double(CivilDate.toDays(year: y, month: m, day: d)) * 86_400)
    }

    /// Loads the titles and user names a set of records refers to, in one query per type.
    mutating func prepare(_ records: [StoredRecord], type: RecordType, store: RecordStore, admin: AccessAdmin, actor: Actor) async throws {
        try await prepare(values: records.map(\.fields), type: type, store: store, admin: admin, actor: actor)
    }

    /// The same for field values not yet stored (a new form filled in from its link).
    mutating func prepare(values: [JSONObject], type: RecordType, store: RecordStore, admin: AccessAdmin, actor: Actor) async throws {
        var byType: [String: [String]] = [:]
        for fields in values {
            for field in type.fields {
                switch field.kind {
                case .reference(let t): if let id = fields[field.name]?.stringValue { byType[t, default: []].append(id) }
                case .references(let t): byType[t, default: []] += (fields[field.name]?.arrayValue ?? []).compactMap(\.stringValue)
                case .links:
                    for item in fields[field.name]?.arrayValue ?? [] {
                        if let o = item.objectValue, let t = o["type"]?.stringValue, let id = o["id"]?.stringValue { byType[t, default: []].append(id) }
                    }
                default: continue
                }
            }
        }
        for (typeName, ids) in byType {
            guard let target = store.catalog[typeName] else { continue }
            titles.merge(try await store.titles(target, ids: ids, actor: actor)) { a, _ in a }
        }
        if userNames.isEmpty {
            for u in try await admin.users() { userNames[u.id] = u.name }
        }
        if teams.isEmpty, type.fields.contains(where: { $0.kind == .team }) {
            teams = try await admin.directory.teams().map { ($0.id, $0.name) }.sorted { $0.name < $1.name }
        }
    }

    /// Loads ``options`` for a form: only forms choose from lists, so lists, boards and
    /// record pages do not pay for them.
    mutating func prepareChoices(type: RecordType, store: RecordStore, actor: Actor) async throws {
        for field in type.fields {
            guard case .reference(let t) = field.kind, options[field.name] == nil, let target = store.catalog[t], target.isSetUp else { continue }
            options[field.name] = try await setUpOptions(target, store: store, actor: actor)
        }
    }

    /// Up to 500 records of a set-up type in order, each named after what it belongs to as
    /// well ("Sales · Proposal"), since stage names repeat across pipelines.
    private func setUpOptions(_ target: RecordType, store: RecordStore, actor: Actor) async throws -> [(id: String, label: String)] {
        let full = try await store.type(named: target.name)
        let sort = full.field("position") != nil ? "position" : full.titleField
        guard case .success(let q) = ListQuery.parse([("limit", "500"), ("sort", sort)], type: full) else { return [] }
        let records = try await store.list(full, query: q, actor: actor).records
        var parents: [String: String] = [:]
        for field in full.fields {
            guard case .reference(let p) = field.kind, let parent = store.catalog[p] else { continue }
            parents.merge(try await store.titles(parent, ids: records.compactMap { $0.fields[field.name]?.stringValue }, actor: actor)) { a, _ in a }
        }
        let parentField = full.fields.first { if case .reference = $0.kind { return true } else { return false } }
        // Grouped by what they belong to, in their own order within it.
        return records.enumerated().map { i, r in
            let name = r.fields[full.titleField]?.stringValue ?? "—"
            let local = user.setUpName(name, of: target.name)
            let parent = parentField.flatMap { f in r.fields[f.name]?.stringValue.flatMap { parents[$0] }.map { name in
                if case .reference(let p) = f.kind { return user.setUpName(name, of: p) } else { return name }
            } }
            return (parent ?? "", i, r.id, parent.map { $0 + " · " + local } ?? local)
        }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map { ($0.2, $0.3) }
    }

    /// One shown value: text pieces, each optionally a link.
    func parts(_ value: JSONValue?, field: FieldSpec) -> [ValuePart] {
        guard let value, !value.isNull else { return [] }
        func piece(_ text: String, _ href: String? = nil) -> ValuePart {
            ValuePart(text: text, href: href)
        }
        switch field.kind {
        case .emails:
            return (value.arrayValue ?? []).compactMap { $0.objectValue?["address"]?.stringValue }.map { piece($0, "mailto:\($0)") }
        case .phones:
            return (value.arrayValue ?? []).compactMap { $0.objectValue?["number"]?.stringValue }.map { piece($0, "tel:\($0.filter { $0.isNumber || $0 == "+" })") }
        case .reference(let t):
            guard let id = value.stringValue else { return [] }
            // A default stage or pipeline name reads in the reader's language, as on the board.
            let title = titles[id].map { $0.isEmpty ? "—" : user.setUpName($0, of: t) } ?? "—"
            return [piece(title, titles[id] == nil ? nil : "/\(t)/\(id)")]
        case .references(let t):
            return (value.arrayValue ?? []).compactMap(\.stringValue).compactMap { id in titles[id].map { piece($0, "/\(t)/\(id)") } }
        case .links:
            return (value.arrayValue ?? []).compactMap { item -> ValuePart? in
                guard let o = item.objectValue, let t = o["type"]?.stringValue, let id = o["id"]?.stringValue, let title = titles[id] else { return nil }
                return piece(title, "/\(t)/\(id)")
            }
        case .choice:
            return value.stringValue.map { [piece(user.choiceLabel(field.name, $0))] } ?? []
        case .choices:
            return (value.arrayValue ?? []).compactMap(\.stringValue).map { piece(user.choiceLabel(field.name, $0)) }
        case .tags:
            return (value.arrayValue ?? []).compactMap(\.stringValue).map { piece($0) }
        case .money:
            guard let o = value.objectValue, let code = o["currency"]?.stringValue, let currency = Currency.named(code),
                  let amount = o["amount"]?.stringValue, let money = try? Money(decimal: amount, currency: currency) else { return [] }
            return [piece(MoneyDisplay.format(money, language: user.language))]
        case .dateTime:
            return value.stringValue.map { [piece(instant($0))] } ?? []
        case .date:
            guard let text = value.stringValue else { return [] }
            return [piece(Self.day(text).map(dateOnly.string(from:)) ?? text)]
        case .month:
            // "November 2026", "2026년 11월", "2026年11月".
            guard let text = value.stringValue else { return [] }
            return [piece(Self.day(text + "-01").map(monthOnly.string(from:)) ?? text)]
        case .boolean:
            return value.boolValue.map { [piece(user.t($0 ? "yes" : "no"))] } ?? []
        case .user:
            return value.stringValue.map { [piece(userNames[$0] ?? "—")] } ?? []
        case .team:
            return value.stringValue.map { id in [piece(teams.first { $0.id == id }?.name ?? "—")] } ?? []
        case .url:
            return value.stringValue.map { [piece($0, $0)] } ?? []
        case .language:
            return value.stringValue.map { code in [piece(Locale(identifier: user.language).localizedString(forIdentifier: code) ?? code)] } ?? []
        case .country:
            return value.stringValue.map { code in [piece(Locale(identifier: user.language).localizedString(forRegionCode: code) ?? code)] } ?? []
        default:
            return value.stringValue.map { [piece($0)] } ?? (value.numberLiteral.map { [piece($0)] } ?? [])
        }
    }

    /// Plain text of a value, for cells and titles.
    func text(_ value: JSONValue?, field: FieldSpec) -> String {
        parts(value, field: field).map(\.text).joined(separator: ", ")
    }

    /// An RFC 3339 instant in the user's zone and language.
    func instant(_ text: String) -> String {
        guard let ms = Timestamp.parse(text) else { return text }
        return dateTime.string(from: Date(timeIntervalSince1970: Double(ms) / 1000))
    }

    /// "5 min ago", else the date and time.
    func relative(_ text: String, now: Date = Date()) -> String {
        guard let ms = Timestamp.parse(text) else { return text }
        let seconds = Double(ms) / 1000
        switch RelativeTime.describe(seconds, since: now.timeIntervalSince1970) {
        case (.now, _)?: return user.t("just_now")
        case (.minutes, let n)?: return user.t("minutes_ago").replacingOccurrences(of: "%d", with: String(n))
        case (.hours, let n)?: return user.t("hours_ago").replacingOccurrences(of: "%d", with: String(n))
        case (.days, let n)?: return user.t("days_ago").replacingOccurrences(of: "%d", with: String(n))
        case nil: return instant(text)
        }
    }
}
