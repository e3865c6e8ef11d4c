import RapportKit
import RapportStore

/// The top of a record page: who or what it is at a glance (avatar, the first facts of its
/// list columns) and the quick actions that start the timeline composer on the right kind.
extension RecordPages {
    static let quickKinds = ["call", "email", "meeting", "task", "note"]

    func recordHeader(type: RecordType, record: StoredRecord, title: String, formatter: ValueFormatter, user: PageUser, compose: String?, canAddActivity: Bool) -> [String: Any] {
        var facts: [[String: Any]] = []
        for name in type.listColumns where facts.count < 3 {
            guard let field = type.field(name), !["updated_at", "created_at"].contains(name) else { continue }
            let parts = formatter.parts(record.fields[name], field: field)
            if !parts.isEmpty { facts.append(["label": user.fieldLabel(field), "html": ValuePart.html(Array(parts.prefix(1)))]) }
        }
        let chosen = compose.flatMap { Self.quickKinds.contains($0) ? $0 : nil } ?? "note"
        return [
            "avatar": type.showsAvatar, "typeIcon": type.icon, "initials": Initials.of(title), "color": Initials.colorIndex(for: record.id, count: DesignTokens.avatars.count),
            "keyFacts": facts,
            "quickActions": canAddActivity ? Self.quickKinds.map { kind in
                ["href": "?compose=\(kind)#compose", "label": user.choiceLabel("kind", kind), "icon": Self.icon(kind)] as [String: Any]
            } : [],
            "kinds": ["note", "call", "meeting", "email", "task"].map { ["value": $0, "label": user.choiceLabel("kind", $0), "selected": $0 == chosen] as [String: Any] },
            "composeOpen": compose != nil,
        ]
    }

    static func icon(_ kind: String) -> String {
        switch kind {
        case "call": "phone"
        case "email": "mail"
        case "meeting": "calendar"
        case "task": "task"
        default: "note"
        }
    }
}
