import RapportKit
import RapportStore

/// A record page's timeline as its URL asks for it: `?timeline=call` shows one kind,
/// `&before=<cursor>` the page after that cursor. Chips and the "older" link keep the rest
/// of the URL's choice, so a filtered view pages through the same filter.
struct TimelineView {
    let filter: TimelineFilter
    let cursor: Cursor?
    let path: String

    init(query: [(String, String)], path: String) {
        self.filter = TimelineFilter(query.first { $0.0 == "timeline" }?.1)
        self.cursor = query.first { $0.0 == "before" }.flatMap { Cursor(encoded: $0.1) }.flatMap { $0.sort == "timeline" ? $0 : nil }
        self.path = path
    }

    /// The kinds offered as chips, in the order people look for them.
    static let choices: [TimelineFilter] = [.all, .activities("note"), .activities("call"), .activities("email"), .activities("meeting"), .activities("task"), .changes]

    func href(_ filter: TimelineFilter, before: String? = nil) -> String {
        var params: [(String, String)] = []
        if let value = filter.value { params.append(("timeline", value)) }
        if let before { params.append(("before", before)) }
        return path + (params.isEmpty ? "" : "?" + RecordPages.encode(params)) + "#timeline"
    }

    func values(next: String?, user: PageUser) -> [String: Any] {
        var out: [String: Any] = [
            "timelineFilters": Self.choices.map { choice -> [String: Any] in
                let label: String = switch choice {
                case .all: user.t("timeline_all")
                case .activities(let kind): user.choiceLabel("kind", kind)
                case .changes: user.t("timeline_changes")
                }
                return ["label": label, "href": href(choice), "current": choice == filter]
            },
        ]
        if let next { out["timelineMore"] = href(filter, before: next) }
        if cursor != nil { out["timelineNewest"] = href(filter) }
        return out
    }
}
