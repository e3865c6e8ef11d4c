import Hummingbird
import RapportKit
import RapportStore

/// "Approve" and "Reject" on a submitted deal registration, for whoever decides
/// registrations: approving opens the registered deal and starts its protection, in one
/// click instead of editing the status field. Partner users never see the buttons (the
/// engine refuses their decision anyway).
struct RegistrationDecision: RecordPageSection {
    var place: RecordPagePlace { .actions }
    var template: String { "registration_decision" }

    func values(_ record: StoredRecord, type: RecordType, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [String: Any]? {
        let grant = user.viewer.role.grant(for: type.name)
        guard record.fields["status"]?.stringValue == "submitted", grant.actions.contains(.update), grant.visibility != .partnership else { return nil }
        return ["decideAction": "/\(type.name)/\(record.id)/decide", "version": record.version]
    }
}

/// `POST /deal_registrations/{id}/decide` with `status` approved or rejected and the
/// version the page showed, so a decision made on a page another manager has since
/// changed is not applied over theirs.
struct RegistrationDecisionPages {
    let deps: PageDependencies

    func register(on router: Router<AppRequestContext>) {
        // Under the generic `:type` pattern: a fixed first segment here would shadow the
        // record pages' own routes for the type in the router's tree.
        router.post(":type/:id/decide", use: decide)
    }

    @Sendable func decide(_ request: Request, context: AppRequestContext) async throws -> Response {
        let pages = RecordPages(deps: deps)
        return try await pages.formPost(request) { user, posted in
            guard context.parameters.get("type") == DealRegistrations.type.name else { throw RecordError.notFound(type: context.parameters.get("type") ?? "", id: "") }
            let type = try await deps.store.type(named: DealRegistrations.type.name)
            let actor = user.actor(context)
            let record = try await deps.store.get(type, id: context.parameters.get("id") ?? "", actor: actor)
            guard let status = posted.fields["status"], ["approved", "rejected"].contains(status) else {
                return PageRenderer.redirect("/\(type.name)/\(record.id)")
            }
            do {
                _ = try await deps.store.update(type, id: record.id, body: JSONObject([("status", .string(status))]), ifMatch: posted.fields["version"].flatMap { Int($0) }, actor: actor)
            } catch RecordError.stale {
                return try await pages.renderForm(user: user, context: context, type: type, record: record, values: record.fields, posted: nil, errors: [],
                                                  formError: user.t("stale"), status: .preconditionFailed)
            } catch RecordError.invalid(let errors) {
                var values = record.fields
                values["status"] = .string(status)
                return try await pages.renderForm(user: user, context: context, type: type, record: record, values: values, posted: nil, errors: errors,
                                                  formError: nil, status: .unprocessableContent)
            }
            return PageRenderer.redirect("/\(type.name)/\(record.id)?notice=saved")
        }
    }
}
