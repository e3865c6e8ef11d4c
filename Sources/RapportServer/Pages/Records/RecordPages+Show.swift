import Foundation
import HTTPTypes
import Hummingbird
import RapportKit
import RapportStore

extension RecordPages {
    /// A record: its fields, the records that point at it, and its timeline with a form to
    /// add a note, call, meeting or task right there.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        if context.parameters.get("type") == Deals.type.name, context.parameters.get("id") == BoardPage.path {
            return try await BoardPage(deps: deps).board(request, context: context)
        }
        return try await page(request) { user in
            let type = try await recordType(context)
            let record = try await store.get(type, id: context.parameters.get("id") ?? "", actor: user.actor(context))
            // Reopening the newest recent record writes nothing.
            if user.recent.first?.id != record.id {
                try await RecentViews(db: store.db).record(userID: user.user.id, type: type.name, id: record.id)
            }
            return try await renderRecord(request, context: context, user: user, type: type, record: record, activityError: nil, status: .ok)
        }
    }

    func renderRecord(_ request: Request, context: AppRequestContext, user: PageUser, type: RecordType, record: StoredRecord, activityError: String?, status: HTTPResponse.Status) async throws -> Response {
        let actor = user.actor(context)
        let shown = store.view(type, for: actor)
        let activities = try await store.type(named: Activities.type.name)
        let query = try QueryString.parse(request.uri.query)
        let timelineView = TimelineView(query: query, path: "/\(type.name)/\(record.id)")
        let timeline = try await store.timeline(type, id: record.id, limit: 30, cursor: timelineView.cursor, filter: timelineView.filter, actor: actor)
        var formatter = ValueFormatter(user: user)
        try await formatter.prepare([record], type: type, store: store, admin: deps.admin, actor: actor)

        let titleField = shown.field(shown.titleField)
        let title = titleField.map { formatter.text(record.fields[$0.name], field: $0) } ?? ""
        // A record its final parent keeps as it is offers no way to change it.
        let finalParent = try await store.finalParent(type, record: record)
        // Empty fields show too when they can be filled in place.
        let inline = finalParent == nil ? Self.inlineFields(shown, user: user) : []
        func detail(_ field: FieldSpec, _ parts: [ValuePart]) -> [String: Any] {
            let editable = inline.contains(field.name)
            return ["label": user.fieldLabel(field), "html": ValuePart.html(parts.isEmpty && editable ? ValuePart.dash : parts), "editable": editable, "edit": field.name]
        }
        var fields: [[String: Any]] = []
        for field in shown.fields where field.name != shown.titleField && !field.isInternal {
            let parts = formatter.parts(record.fields[field.name], field: field)
            if parts.isEmpty && !inline.contains(field.name) { continue }
            fields.append(detail(field, parts))
        }
        for system in Self.systemColumns where system.name != "owner_id" || type.hasOwner {
            let value: JSONValue? = system.name == "owner_id" ? record.ownerID.map(JSONValue.string) : .string(system.name == "created_at" ? record.createdAt : record.updatedAt)
            let parts = formatter.parts(value, field: system)
            if !parts.isEmpty { fields.append(detail(system, parts)) }
        }

        let files = try await timelineFiles(timeline, user: user)
        let entries: [[String: Any]] = timeline.entries.map { entry in
            let j = entry.json
            if let a = j["activity"]?.objectValue {
                let kind = a["kind"]?.stringValue ?? "note"
                let who = a["created_by"]?.stringValue.flatMap { formatter.userNames[$0] }
                var out: [String: Any] = [
                    "entryFiles": a["id"]?.stringValue.flatMap { files[$0] } ?? [], "hasEntryFiles": a["id"]?.stringValue.flatMap { files[$0] } != nil,
                    "entry": "activity", "what": user.choiceLabel("kind", kind), "at": entry.at, "when": formatter.relative(entry.at),
                    "href": "/activities/\(a["id"]?.stringValue ?? "")",
                ]
                if let who { out["who"] = who }
                if let subject = a["subject"]?.stringValue { out["subject"] = subject } else if let body = a["body"]?.stringValue { out["subject"] = String(body.prefix(80)) }
                if let body = a["body"]?.stringValue, a["subject"]?.stringValue != nil { out["body"] = body }
                if kind == "task", let due = a["due_at"]?.stringValue { out["body"] = [user.t("due"), formatter.instant(due)].joined(separator: ": ") + ((out["body"] as? String).map { "\n" + $0 } ?? "") }
                return out
            }
            if let mail = j["mail"]?.objectValue { return Self.mailEntry(mail, at: entry.at, formatter: formatter, user: user) }
            let action = j["action"]?.stringValue ?? ""
            let known = ["create", "update", "delete", "restore", "merge", "erase"]
            var out: [String: Any] = [
                "entry": "change", "what": user.t(known.contains(action) ? "action_\(action)" : "action_other"), "at": entry.at, "when": formatter.relative(entry.at),
            ]
            if let who = j["actor_id"]?.stringValue.flatMap({ formatter.userNames[$0] }) { out["who"] = who }
            if action == "update", let changes = j["changes"]?.objectValue {
                out["changed"] = changes.keys.compactMap { name in shown.field(name).map(user.fieldLabel) ?? (name == "owner_id" ? user.t("field.owner_id") : nil) }.joined(separator: ", ")
            }
            return out
        }

        let related = try await relatedSections(type: type, record: record, user: user, actor: actor)
        let kinds = ["note", "call", "meeting", "email", "task"]
        var values: [String: Any] = [
            "typeName": type.name, "id": record.id, "etag": record.etag, "title": title.isEmpty ? "—" : title, "fields": fields, "timeline": entries, "related": related,
            "canEdit": user.viewer.role.allows(.update, on: type.name), "canDelete": user.viewer.role.allows(.delete, on: type.name),
            "canAddActivity": user.viewer.role.allows(.create, on: activities.name) && type.name != activities.name && type.acceptsActivities,
            "kinds": kinds.map { ["value": $0, "label": user.choiceLabel("kind", $0)] },
            "kindLabel": user.t("field.kind"), "subjectLabel": user.t("field.subject"), "bodyLabel": user.t("field.body"), "dueLabel": user.t("field.due_at"),
        ]
        if let reading = shown.field("name_reading").map({ formatter.text(record.fields[$0.name], field: $0) }), !reading.isEmpty { values["reading"] = reading }
        if let activityError { values["activityError"] = activityError }
        values.merge(timelineView.values(next: timeline.nextCursor, user: user)) { _, new in new }
        values.merge(recordHeader(type: shown, record: record, title: title, formatter: formatter, user: user, compose: query.first { $0.0 == "compose" }?.1, canAddActivity: values["canAddActivity"] as? Bool ?? false)) { _, new in new }
        values["notice"] = notice(query, user: user, type: type)
        if let finalParent {
            values["canEdit"] = false
            values["canDelete"] = false
            if values["notice"] as? [String: Any] == nil {
                values["notice"] = ["text": user.t("parent_final").replacingOccurrences(of: "{parent}", with: user.typeName(finalParent.type, one: true).lowercased())
                    .replacingOccurrences(of: "{state}", with: user.choiceLabel(finalParent.field, finalParent.state))]
            }
        }
        values["sections"] = try await RecordPagePanels.render(request, type: type, record: record, user: user, actor: actor, deps: deps)
        values.merge(try await RecordPageSections.render(record, type: type, user: user, actor: actor, deps: deps)) { _, section in section }
        return deps.renderApp("record", user: user, title: title.isEmpty ? user.typeName(type, one: true) : title, values: values, current: type.name, status: status)
    }

    /// `POST /{type}/{id}/activities`: a note, call, meeting, email or task about this record.
    @Sendable func addActivity(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await postPage(request, context) { user, type, posted in
            let actor = user.actor(context)
            let record = try await store.get(type, id: context.parameters.get("id") ?? "", actor: actor)
            let activities = try await store.type(named: Activities.type.name)
            let kind = posted.fields["kind"] ?? "note"
            var body = JSONObject([("kind", .string(kind))])
            for key in ["subject", "body"] {
                if let v = posted.fields[key]?.trimmedWhitespace, !v.isEmpty { body[key] = .string(v) }
            }
            if kind == "task", let due = posted.fields["due_at"], !due.isEmpty {
                body["due_at"] = .string(RecordForm(type: activities, user: user).utcInstant(due) ?? due)
            } else if kind != "task" {
                body["occurred_at"] = .string(Timestamp.format(Date()))
            }
            if type.name == People.type.name { body["participants"] = .array([.string(record.id)]) } else {
                body["links"] = .array([.object(JSONObject([("type", .string(type.name)), ("id", .string(record.id))]))])
            }
            do {
                _ = try await store.create(activities, body: body, actor: actor)
            } catch RecordError.invalid(let errors) {
                let message = errors.map(user.errorMessage).joined(separator: " ")
                return try await renderRecord(request, context: context, user: user, type: type, record: record, activityError: message, status: .unprocessableContent)
            }
            return PageRenderer.redirect("/\(type.name)/\(record.id)#timeline")
        }
    }
}
