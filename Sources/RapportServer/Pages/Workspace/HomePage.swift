import Foundation
import HTTPTypes
import Hummingbird
import RapportKit
import RapportStore

/// Home: what a rep does today (tasks overdue, due today and in the next days, each done
/// with one click), their open deals by close date, changes others made to their records,
/// and the first figures a rep and a manager look at. Everything goes through the record
/// engine as the signed-in user, so visibility and hidden fields apply as on every list.
struct HomePage {
    let deps: PageDependencies
    var store: RecordStore { deps.store }

    /// Rows shown per task group and for deals; the counts and "see all" cover the rest.
    static let shown = 10

    func register(on router: Router<AppRequestContext>) {
        router.get("/", use: home)
        router.post("home/tasks/:id/done", use: done)
    }

    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let user = try await deps.pageUser(request) else {
            if let session = try await deps.session(request), session.pendingTwoFactor { return PageRenderer.redirect("/signin/two-factor") }
            return PageRenderer.redirect("/signin")
        }
        let actor = user.actor(context)
        let now = deps.clock()
        var values: [String: Any] = [:]
        let activities = try await store.type(named: Activities.type.name)
        var overdue = 0
        if user.viewer.role.allows(.read, on: activities.name) {
            let groups = try await taskGroups(activities, user: user, actor: actor, now: now)
            overdue = groups.first { $0["bucket"] as? String == TaskAgenda.Bucket.overdue.rawValue }?["count"] as? Int ?? 0
            values["taskGroups"] = groups
            values["recent"] = try await recentActivity(activities, user: user, actor: actor, now: now)
        }
        if user.viewer.role.allows(.read, on: Deals.type.name) {
            let deals = try await store.type(named: Deals.type.name)
            values["deals"] = try await openDeals(deals, user: user, actor: actor, now: now)
            values["showDeals"] = true
            values["dealsAll"] = "/deals?" + Self.query(Self.myOpenDeals(user))
            values["figures"] = try await figures(user: user, actor: actor, now: now, overdue: overdue)
        }
        values["changed"] = try await changedByOthers(user: user, actor: actor, now: now)
        return deps.renderApp("home", user: user, title: user.t("home_title"), values: values, current: "home")
    }

    /// One group per bucket: at most ``shown`` tasks, the count, and the list link with the
    /// same filters (so "see all" shows exactly what the count counted).
    func taskGroups(_ activities: RecordType, user: PageUser, actor: Actor, now: Date) async throws -> [[String: Any]] {
        let nowMs = Timestamp.millis(now)
        let window = TaskAgenda.window(now: nowMs, zone: user.timeZone)
        let formatter = ValueFormatter(user: user)
        var out: [[String: Any]] = []
        for bucket in TaskAgenda.Bucket.allCases {
            let filters = Self.myOpenTasks(user) + Self.dueFilters(bucket, window)
            let query = try Self.parse(filters + [("sort", "due_at"), ("limit", String(Self.shown))], activities, store: store, actor: actor)
            let tasks = try await store.list(activities, query: query, actor: actor).records
            let count = try await store.countMatching(activities, query: query, actor: actor)
            out.append([
                "bucket": bucket.rawValue, "heading": user.t("home_tasks_\(bucket.rawValue)"), "count": count, "empty": user.t("home_tasks_none_\(bucket.rawValue)"),
                "all": "/activities?" + Self.query(filters + [("sort", "due_at")]), "more": count > tasks.count, "has_tasks": !tasks.isEmpty,
                "tasks": tasks.map { r -> [String: Any] in
                    let due = r.fields["due_at"]?.stringValue ?? ""
                    return [
                        "id": r.id, "href": "/activities/\(r.id)", "title": r.fields["subject"]?.stringValue ?? "—", "due": formatter.instant(due),
                        "late": (Timestamp.parse(due) ?? nowMs) < nowMs, "csrf": user.session.csrfToken, "back": "h-\(bucket.rawValue)",
                    ]
                },
            ])
        }
        return out
    }

    /// The filters every task group shares: my tasks not yet done.
    static func myOpenTasks(_ user: PageUser) -> [(String, String)] {
        // `[in]=,` is "empty" in a form the list page passes on (a bare empty filter
        // is a blank filter field there).
        [("filter[kind]", "task"), ("filter[owner_id]", user.user.id), ("filter[completed_at][in]", ",")]
    }

    static func dueFilters(_ bucket: TaskAgenda.Bucket, _ w: TaskAgenda.Window) -> [(String, String)] {
        func at(_ ms: Int64) -> String { Timestamp.format(millisecondsSince1970: ms) }
        switch bucket {
        case .overdue: return [("filter[due_at][lte]", at(w.startOfToday - 1))]
        case .today: return [("filter[due_at][gte]", at(w.startOfToday)), ("filter[due_at][lte]", at(w.endOfToday - 1))]
        case .upcoming: return [("filter[due_at][gte]", at(w.endOfToday)), ("filter[due_at][lte]", at(w.endOfUpcoming - 1))]
        }
    }

    static func myOpenDeals(_ user: PageUser) -> [(String, String)] {
        [("filter[owner_id]", user.user.id), ("filter[status]", "open"), ("sort", "close_date")]
    }

    static func parse(_ params: [(String, String)], _ type: RecordType, store: RecordStore, actor: Actor) throws -> ListQuery {
        switch ListQuery.parse(params, type: store.view(type, for: actor)) {
        case .success(let q): return q
        case .failure(let error): throw error
        }
    }

    static func query(_ params: [(String, String)]) -> String {
        params.map { PageRenderer.percent($0.0) + "=" + PageRenderer.percent($0.1) }.joined(separator: "&")
    }

    /// My open deals, soonest close date first; a close date before the user's today is
    /// flagged, since the deal was expected to close already.
    func openDeals(_ deals: RecordType, user: PageUser, actor: Actor, now: Date) async throws -> [[String: Any]] {
        let shown = store.view(deals, for: actor)
        let query = try Self.parse(Self.myOpenDeals(user) + [("limit", String(Self.shown))], deals, store: store, actor: actor)
        let page = try await store.list(deals, query: query, actor: actor)
        var formatter = ValueFormatter(user: user)
        try await formatter.prepare(page.records, type: deals, store: store, admin: deps.admin, actor: actor)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = user.timeZone
        let d = calendar.dateComponents([.year, .month, .day], from: now)
        let today = String(format: "%04d-%02d-%02d", d.year ?? 0, d.month ?? 0, d.day ?? 0)
        return page.records.map { r in
            let close = r.fields["close_date"]?.stringValue ?? ""
            var item: [String: Any] = [
                "href": "/deals/\(r.id)", "title": r.fields["title"]?.stringValue ?? "—", "past": !close.isEmpty && close < today,
                "close": close.isEmpty ? "" : formatter.text(r.fields["close_date"], field: FieldSpec("close_date", .date)),
            ]
            if let amount = shown.field("amount") { item["amount"] = formatter.text(r.fields["amount"], field: amount) }
            if let stage = shown.field("stage_id") { item["stage"] = formatter.text(r.fields["stage_id"], field: stage) }
            return item
        }
    }

    /// The latest activities the user may see, as before.
    func recentActivity(_ activities: RecordType, user: PageUser, actor: Actor, now: Date) async throws -> [[String: Any]] {
        let query = try Self.parse([("sort", "-occurred_at"), ("filter[occurred_at][lte]", Timestamp.format(now)), ("limit", "10")], activities, store: store, actor: actor)
        let latest = try await store.list(activities, query: query, actor: actor).records
        var formatter = ValueFormatter(user: user)
        try await formatter.prepare(latest, type: activities, store: store, admin: deps.admin, actor: actor)
        return latest.map { r in
            var item: [String: Any] = [
                "href": "/activities/\(r.id)", "what": user.choiceLabel("kind", r.fields["kind"]?.stringValue ?? ""),
                "when": formatter.relative(r.fields["occurred_at"]?.stringValue ?? r.createdAt, now: now),
                "title": r.fields["subject"]?.stringValue ?? String((r.fields["body"]?.stringValue ?? "—").prefix(80)),
            ]
            let about = formatter.text(r.fields["participants"], field: FieldSpec("participants", .references("people")))
            if !about.isEmpty { item["body"] = about }
            return item
        }
    }

    /// My records someone else changed last, newest first, across every type with owners.
    func changedByOthers(user: PageUser, actor: Actor, now: Date) async throws -> [[String: Any]] {
        let formatter = ValueFormatter(user: user)
        var changed: [(String, [String: Any])] = []
        for base in store.catalog.types where base.hasOwner && user.viewer.role.allows(.read, on: base.name) {
            let type = try await store.type(named: base.name)
            let query = try Self.parse([("filter[owner_id]", user.user.id), ("filter[updated_by][ne]", user.user.id), ("sort", "-updated_at"), ("limit", "5")],
                                       type, store: store, actor: actor)
            for r in try await store.list(type, query: query, actor: actor).records {
                changed.append((r.updatedAt, [
                    "href": "/\(type.name)/\(r.id)", "title": r.fields[type.titleField]?.stringValue ?? "—", "kind": user.typeName(type, one: true),
                    "when": formatter.relative(r.updatedAt, now: now),
                ]))
            }
        }
        return changed.sorted { $0.0 > $1.0 }.prefix(10).map(\.1)
    }
}
