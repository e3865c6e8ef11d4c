import RapportKit

/// A joint review's action item is owned by a contact of the review's partnership and is
/// kept as one open task: on our colleague's list when they own it, on the partnership
/// owner's (naming the partner's contact) when the partner does. The task follows the
/// item's title and due date and is done when the item is done or dropped.
enum ReviewActionRules {
    static let rules = WriteRules(
        before: { _, s, record, _ in
            guard let review = record["review_id"]?.stringValue, let owner = record["owner_contact_id"]?.stringValue,
                  let partnership = try await s.query("SELECT partnership_id FROM partner_reviews WHERE id = \(review) AND deleted_at IS NULL").first?.text("partnership_id")
            else { return record }
            try await SiblingScope.require(s, type: PartnershipContacts.type.name, field: "owner_contact_id", ids: [owner], parentField: "partnership_id", parentID: partnership)
            return record
        },
        after: after
    )

    @Sendable static func after(_ store: RecordStore, _ s: Session, _ before: StoredRecord?, _ after: StoredRecord, _ actor: Actor, _ now: String) async throws {
        let deleted = before.map { $0.version == after.version } ?? false
        let watched = ["title", "due_on", "status", "owner_contact_id"]
        if !deleted, let before, watched.allSatisfy({ before.fields[$0] == after.fields[$0] }) { return }
        let activities = try await store.type(named: Activities.type.name, in: s)
        let open = try await s.query("""
            SELECT id FROM activities WHERE deleted_at IS NULL AND kind = 'task' AND completed_at IS NULL AND id IN
            (SELECT record_id FROM record_members WHERE record_type = 'activities' AND field = 'links' AND value = \(after.id))
            """).compactMap { $0.text("id") }
        let live = !deleted && after.fields["status"]?.stringValue == "open"
        guard live, let due = after.fields["due_on"]?.stringValue, let contactID = after.fields["owner_contact_id"]?.stringValue,
              let contact = try await s.query("SELECT side, user_id, name, partnership_id FROM partnership_contacts WHERE id = \(contactID)").first
        else {
            for id in open {
                _ = try await store.update(in: s, activities, id: id, changes: JSONObject([("completed_at", .string(now))]), ifMatch: nil, actor: actor)
            }
            return
        }
        let title = after.fields["title"]?.stringValue ?? ""
        let subject = contact.text("side") == "ours" ? title : "\(title) (\(contact.text("name") ?? ""))"
        let owner = contact.text("side") == "ours" ? contact.text("user_id") ?? after.ownerID : after.ownerID
        let changes = JSONObject([("subject", .string(String(subject.prefix(300)))), ("due_at", .string(due + "T09:00:00.000Z"))])
        if let id = open.first {
            _ = try await store.update(in: s, activities, id: id, changes: changes, ifMatch: nil, actor: actor)
            if let owner { try await s.execute("UPDATE activities SET owner_id = \(owner) WHERE id = \(id)") }
            return
        }
        var links: [JSONValue] = [.object(JSONObject([("type", .string(ReviewActions.type.name)), ("id", .string(after.id))]))]
        if let review = after.fields["review_id"]?.stringValue {
            links.append(.object(JSONObject([("type", .string(PartnerReviews.type.name)), ("id", .string(review))])))
        }
        if let partnership = contact.text("partnership_id") {
            links.append(.object(JSONObject([("type", .string(Partnerships.type.name)), ("id", .string(partnership))])))
        }
        var record = activities.newRecord(from: JSONObject([("kind", .string("task")), ("links", .array(links))] + changes.map { ($0.key, $0.value) }))
        try store.prepare(&record, type: activities)
        try await store.createRecords(in: s, activities, [StoredRecord.new(activities, fields: record, owner: owner, actor: actor, now: now)], actor: actor, now: now)
    }
}
