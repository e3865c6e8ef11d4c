import RapportKit

/// What a partnership's children need the database for: a contact's name, a goal that may
/// only be active while measurable, key results that keep it so, a roadmap without cycles,
/// and a risk's score at its last review. Everything else is in the types' pure hooks.
enum PartnershipRules {
    /// A contact shows the colleague's or the person's name, as it is when the role is
    /// written.
    static let contact = WriteRules(before: { _, s, record, _ in
        var record = record
        var name: String?
        if let user = record["user_id"]?.stringValue {
            name = try await s.query("SELECT name FROM users WHERE id = \(user)").first?.text("name")
        } else if let person = record["person_id"]?.stringValue {
            name = try await s.query("SELECT display_name FROM people WHERE id = \(person) AND deleted_at IS NULL").first?.text("display_name")
        }
        record["name"] = name.map { .string(String($0.prefix(200))) } ?? .null
        return record
    })

    /// An active goal is one that can be judged (``GoalReadiness``).
    static let goal = WriteRules(before: { _, s, record, existing in
        guard record["status"]?.stringValue == "active" else { return record }
        let results = try await keyResults(s, goalID: existing?.id)
        let problems = GoalReadiness.problems(goal: record, keyResults: results)
        if !problems.isEmpty { throw RecordError.invalid(problems) }
        return record
    })

    /// A key result's owner is a contact of its goal's partnership, and while the goal is
    /// active the key result stays measurable and the goal keeps at least one.
    static let keyResult = WriteRules(
        before: { _, s, record, _ in
            guard let goalID = record["goal_id"]?.stringValue,
                  let goal = try await s.query("SELECT partnership_id, status, due_on FROM partnership_goals WHERE id = \(goalID) AND deleted_at IS NULL").first
            else { return record }
            if let owner = record["owner_contact_id"]?.stringValue, let partnership = goal.text("partnership_id") {
                try await SiblingScope.require(s, type: PartnershipContacts.type.name, field: "owner_contact_id", ids: [owner], parentField: "partnership_id", parentID: partnership)
            }
            if goal.text("status") == "active" {
                let gaps = GoalReadiness.keyResultGaps(record, goalDue: goal.text("due_on"))
                if !gaps.isEmpty {
                    throw RecordError.invalid([FieldError(field: "goal_id", code: "not_measurable", message: "The goal is active, so its key results keep " + gaps.joined(separator: ", ") + ".")])
                }
            }
            return record
        },
        after: { _, s, before, after, _, _ in
            guard let before, before.version == after.version, let goalID = before.fields["goal_id"]?.stringValue else { return }
            let status = try await s.query("SELECT status FROM partnership_goals WHERE id = \(goalID) AND deleted_at IS NULL").first?.text("status")
            if status == "active", try await keyResults(s, goalID: goalID).isEmpty {
                throw RecordError.conflict("An active goal keeps at least one key result; set the goal back to draft first.")
            }
        }
    )

    static func keyResults(_ s: Session, goalID: String?) async throws -> [JSONObject] {
        guard let goalID else { return [] }
        return try await s.query("SELECT measure, target, owner_contact_id, due_on FROM key_results WHERE goal_id = \(goalID) AND deleted_at IS NULL").map { row in
            JSONObject([
                ("measure", row.text("measure").map(JSONValue.string) ?? .null), ("target", row.text("target").map(JSONValue.number) ?? .null),
                ("owner_contact_id", row.text("owner_contact_id").map(JSONValue.string) ?? .null), ("due_on", row.text("due_on").map(JSONValue.string) ?? .null),
            ])
        }
    }

    /// Dependencies never form a cycle. Writes to one partnership's roadmap take turns, so
    /// two edits that each close half of a cycle cannot both pass.
    static let milestone = WriteRules(before: { _, s, record, existing in
        guard let existing, let partnership = record["partnership_id"]?.stringValue else { return record }
        try await s.lockExclusively("roadmap:" + partnership)
        var items = try await s.query("SELECT id, depends_on_ids, due_on, status FROM milestones WHERE partnership_id = \(partnership) AND deleted_at IS NULL").map { row in
            RoadmapItem(id: row.text("id") ?? "", dependsOn: JSONValue.ids(stored: row.text("depends_on_ids")), due: row.text("due_on") ?? "", status: row.text("status") ?? "")
        }
        items.removeAll { $0.id == existing.id }
        items.append(RoadmapItem(id: existing.id, dependsOn: JSONValue.ids(record["depends_on_ids"]), due: "", status: ""))
        if let cycle = Roadmap.cycle(items) {
            throw RecordError.invalid([FieldError(field: "depends_on_ids", code: "cycle", message: "These milestones would wait for each other: \(cycle.count) in a circle.")])
        }
        return record
    })

    /// Recording a review (a new `reviewed_on`) keeps the score the risk had until then.
    static let risk = WriteRules(before: { _, _, record, existing in
        guard let existing, let reviewed = record["reviewed_on"]?.stringValue, reviewed != existing.fields["reviewed_on"]?.stringValue else { return record }
        var record = record
        record["previous_score"] = existing.fields["score"] ?? .null
        return record
    })
}
