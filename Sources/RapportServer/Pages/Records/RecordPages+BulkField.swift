import Foundation
import HTTPTypes
import Hummingbird
import RapportKit
import RapportStore

/// The list's "Update a field" action: choose a field on the list, then its value on a
/// page of its own (the edit form's input, so pickers and references work as on the form),
/// then one audited change to every selected record through the engine's update.
extension RecordPages {
    /// Fields one value can sensibly replace on many records at once: those editable in
    /// place, less the owner (it has its own action) and values that must differ per
    /// record (emails, phones, other unique keys).
    static func bulkFields(_ shown: RecordType, user: PageUser) -> [FieldSpec] {
        let inline = inlineFields(shown, user: user)
        let unique = Set(shown.uniqueKeys.map(\.field))
        return RecordForm(type: shown, user: user).fields.filter { field in
            guard inline.contains(field.name), !unique.contains(field.name) else { return false }
            switch field.kind {
            case .emails, .phones: return false
            default: return true
            }
        }
    }

    /// `POST /{type}/bulk` with `action=field`: without `step=apply` the value page,
    /// with it the change.
    func bulkField(_ request: Request, context: AppRequestContext, user: PageUser, type: RecordType, posted: PageDependencies.SignedInForm, ids: [String], back: String) async throws -> Response {
        let actor = user.actor(context)
        let shown = store.view(type, for: actor)
        let name = posted.fields["field"] ?? ""
        guard let field = Self.bulkFields(shown, user: user).first(where: { $0.name == name }) else {
            return PageRenderer.redirect(Self.adding(("bulk_error", "unknown_field"), to: back))
        }
        guard !ids.isEmpty else { return PageRenderer.redirect(Self.adding(("bulk_error", "none_selected"), to: back)) }
        guard posted.fields["step"] == "apply" else {
            return try await bulkFieldPage(user: user, actor: actor, type: type, shown: shown, field: field, ids: ids, back: back, posted: nil, errors: [], status: .ok)
        }
        var body = JSONObject([(field.name, RecordForm(type: shown, user: user).body(posted.values, creating: false)[field.name] ?? .null)])
        do {
            let unresolved = try await resolveReferences(&body, type: shown, chosen: posted.values, actor: actor)
            if !unresolved.isEmpty { throw RecordError.invalid(unresolved) }
            try await store.apply(.update(body), to: type, ids: ids, actor: actor)
        } catch RecordError.invalid(let errors) {
            return try await bulkFieldPage(user: user, actor: actor, type: type, shown: shown, field: field, ids: ids, back: back, posted: posted.values, errors: errors, status: .unprocessableContent)
        } catch RecordError.duplicate(let f, let value, _) {
            let errors = [FieldError(field: f, code: "duplicate", message: "\(value) is taken.")]
            return try await bulkFieldPage(user: user, actor: actor, type: type, shown: shown, field: field, ids: ids, back: back, posted: posted.values, errors: errors, status: .conflict)
        } catch let error as RecordError {
            return PageRenderer.redirect(try await bulkErrorLocation(error, type: type, ids: ids, actor: actor, back: back))
        }
        return PageRenderer.redirect(Self.adding(("notice", "bulk_done"), to: back))
    }

    /// Where a refused bulk change sends the user: the list, saying why; when records were
    /// out of reach, how many.
    func bulkErrorLocation(_ error: RecordError, type: RecordType, ids: [String], actor: Actor, back: String) async throws -> String {
        if case .forbidden = error, !ids.isEmpty {
            let refused = try await store.outOfReach(type, ids: ids, actor: actor)
            if refused > 0 { return Self.adding(("bulk_count", String(refused)), to: Self.adding(("bulk_error", "forbidden_records"), to: back)) }
        }
        let code: String = switch error {
        case .invalid(let errors): errors.first.map { "\($0.field == "ids" && $0.code == "required" ? "none_selected" : $0.code)" } ?? "invalid"
        case .forbidden: "forbidden"
        case .notFound: "not_found"
        default: "invalid"
        }
        return Self.adding(("bulk_error", code), to: back)
    }

    func bulkFieldPage(user: PageUser, actor: Actor, type: RecordType, shown: RecordType, field: FieldSpec, ids: [String], back: String,
                       posted: [String: [String]]?, errors: [FieldError], status: HTTPResponse.Status) async throws -> Response {
        var formatter = ValueFormatter(user: user)
        try await formatter.prepareChoices(type: shown, store: store, actor: actor)
        // The chosen records by name, so nobody updates the wrong ones; the first twenty.
        let chosen = Array(Set(ids)).sorted()
        let titles = try await store.titles(type, ids: Array(chosen.prefix(20)), actor: actor)
        let names = chosen.prefix(20).compactMap { titles[$0] }.map { $0.isEmpty ? "—" : $0 }
        let inputs = RecordForm(type: shown, user: user).inputs(values: JSONObject(), posted: posted, errors: errors, users: try await deps.admin.users(), owner: nil, formatter: formatter)
        var values: [String: Any] = [
            "heading": user.t("bulk_field_title").replacingOccurrences(of: "%d", with: String(Set(ids).count)),
            "typeName": type.name, "field": field.name, "ids": Array(Set(ids)).sorted(), "back": back,
            "input": inputs.first { $0["name"] as? String == field.name } ?? [:],
            "chosenNames": names.joined(separator: ", ") + (chosen.count > names.count ? ", …" : ""),
        ]
        if !errors.isEmpty { values["formError"] = user.t("form_errors") }
        return deps.renderApp("bulk_field", user: user, title: values["heading"] as? String ?? "", values: values, current: type.name, status: status)
    }
}
