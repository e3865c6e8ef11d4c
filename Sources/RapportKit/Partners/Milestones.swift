/// A partnership's roadmap: milestones with owners, due dates and the milestones they wait
/// for. The dependencies form no cycle (``Roadmap/cycle(_:)``), and a milestone slips when
/// it is late or waits for one that slipped (``Roadmap/slips(_:today:)``).
public enum Milestones {
    public static let statuses = ["planned", "in_progress", "done", "cancelled"]

    public static let type = RecordType(
        name: "milestones",
        singular: "milestone",
        fields: [
            .partnership,
            FieldSpec("name", .text(maxLength: 200), required: true, search: .name),
            FieldSpec("owner_contact_id", .reference("partnership_contacts"), label: "Owner"),
            FieldSpec("starts_on", .date, label: "Start"),
            FieldSpec("due_on", .date, required: true, label: "Due"),
            FieldSpec("depends_on_ids", .references("milestones"), label: "Depends on"),
            FieldSpec("status", .choice(statuses)),
            FieldSpec("done_on", .date, label: "Done on"),
            FieldSpec("shared", .boolean, label: "Shared with the partner"),
        ],
        titleField: "name",
        listColumns: ["due_on", "status", "owner_contact_id", "depends_on_ids"],
        allowsCustomFields: false,
        hooks: RecordHooks(derive: derive, validate: validate),
        inNavigation: false,
        parent: .partnership,
        area: .partners,
        icon: "calendar",
        partnerShare: PartnerShare(kind: "roadmap", flag: "shared")
    )

    @Sendable static func derive(_ record: inout JSONObject) {
        if record["status"]?.stringValue == nil { record["status"] = .string("planned") }
        if record["status"]?.stringValue != "done" { record["done_on"] = .null }
    }

    @Sendable static func validate(_ record: JSONObject) -> [FieldError] {
        if let start = record["starts_on"]?.stringValue, let due = record["due_on"]?.stringValue, due < start {
            return [FieldError(field: "due_on", code: "before_start", message: "The due date is before the start.")]
        }
        return []
    }
}

/// One milestone as the roadmap rules read it.
public struct RoadmapItem: Sendable, Equatable {
    public var id: String
    public var dependsOn: [String]
    /// `YYYY-MM-DD`.
    public var due: String
    public var status: String
    public var doneOn: String?

    public init(id: String, dependsOn: [String], due: String, status: String, doneOn: String? = nil) {
        self.id = id
        self.dependsOn = dependsOn
        self.due = due
        self.status = status
        self.doneOn = doneOn
    }

    var isOpen: Bool { status != "done" && status != "cancelled" }
}

/// Why a milestone counts as slipped.
public enum Slip: Sendable, Equatable {
    /// Past its due date and not done.
    case late
    /// Waiting for a milestone that slipped (the first one found, for the page to name).
    case waitsFor(String)
}

public enum Roadmap {
    /// The milestones of a dependency cycle in their order, or nil when there is none.
    /// Iterative, so a long chain cannot exhaust the stack.
    public static func cycle(_ items: [RoadmapItem]) -> [String]? {
        let edges = Dictionary(items.map { ($0.id, $0.dependsOn) }, uniquingKeysWith: { a, _ in a })
        var state: [String: Int] = [:]  // 1 on the path, 2 done
        for start in items.map(\.id) where state[start] == nil {
            var path: [String] = []
            var stack: [(id: String, next: Int)] = [(start, 0)]
            state[start] = 1
            path.append(start)
            while let top = stack.last {
                let deps = edges[top.id] ?? []
                if top.next < deps.count {
                    stack[stack.count - 1].next += 1
                    let dep = deps[top.next]
                    switch state[dep] {
                    case 1?:
                        return Array(path[path.firstIndex(of: dep)!...])
                    case nil where edges[dep] != nil:
                        state[dep] = 1
                        path.append(dep)
                        stack.append((dep, 0))
                    default:
                        continue
                    }
                } else {
                    state[top.id] = 2
                    stack.removeLast()
                    path.removeLast()
                }
            }
        }
        return nil
    }

    /// The open milestones that slipped on `today` (`YYYY-MM-DD`): late ones, and those
    /// waiting, directly or through others, for one that slipped. Done and cancelled
    /// milestones never slip and stop the spread. Expects no cycle.
    public static func slips(_ items: [RoadmapItem], today: String) -> [String: Slip] {
        let byID = Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [String: Slip] = [:]
        var settled: Set<String> = []
        func visit(_ id: String, depth: Int) -> Bool {
            if settled.contains(id) { return out[id] != nil }
            guard let item = byID[id], item.isOpen, depth < items.count + 1 else { settled.insert(id); return false }
            settled.insert(id)
            if item.due < today { out[id] = .late }
            for dep in item.dependsOn where visit(dep, depth: depth + 1) {
                if out[id] == nil { out[id] = .waitsFor(dep) }
            }
            return out[id] != nil
        }
        for item in items { _ = visit(item.id, depth: 0) }
        return out
    }
}
