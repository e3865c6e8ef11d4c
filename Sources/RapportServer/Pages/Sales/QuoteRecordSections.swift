import Foundation
import RapportKit
import RapportStore

/// The quote page's own header parts, registered with the quote type so the generic record
/// page has no quote branch: the print link and "New version" among the page's actions,
/// and which version this is under the title.
struct QuoteHeaderActions: RecordPageSection {
    var place: RecordPagePlace { .actions }
    var template: String { "quote_header_actions" }

    func values(_ record: StoredRecord, type: RecordType, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [String: Any]? {
        // A final quote (accepted, or replaced) gets no new version of itself.
        let canRevise = user.viewer.role.allows(.create, on: type.name) && !QuoteStatus.final.contains(record.fields["status"]?.stringValue ?? "")
        return ["printLink": "/quotes/\(record.id)/print", "canRevise": canRevise, "reviseAction": "/quotes/\(record.id)/revise"]
    }
}

/// "Version 2" under a quote's number: the customer compares versions by it.
struct QuoteRevisionLine: RecordPageSection {
    var place: RecordPagePlace { .subtitle }
    var template: String { "quote_revision" }

    func values(_ record: StoredRecord, type: RecordType, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [String: Any]? {
        guard let revision = record.fields["revision"]?.numberLiteral else { return nil }
        return ["revision": "\(user.t("revision_label")) \(revision)"]
    }
}

/// An organization's or person's purchase history (what they bought, what we bought from
/// them, contracts still running), beside the record.
struct PurchaseHistorySection: RecordPageSection {
    var place: RecordPagePlace { .side }
    var template: String { "purchase_history" }

    func values(_ record: StoredRecord, type: RecordType, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [String: Any]? {
        try await RecordPages(deps: deps).purchaseHistory(type: type, record: record, user: user, actor: actor)
    }
}

/// The templates of the sections above.
enum SalesSectionTemplates: PageTemplateSet {
    static let all: [String: String] = [
        "quote_header_actions": headerActions, "quote_revision": revision, "purchase_history": purchaseHistory,
    ]

    static let headerActions = """
        <a class="button secondary" href="{{printLink}}">{{t.print}}</a>
        {{#canRevise}}<form method="post" action="{{reviseAction}}"><input type="hidden" name="_csrf" value="{{csrf}}"><button class="secondary" type="submit">{{t.new_version}}</button></form>{{/canRevise}}
        """

    static let revision = """
        <p class="subtitle">{{revision}}</p>
        """

    static let purchaseHistory = """
        <section aria-labelledby="purchases-heading" class="purchases"><h2 id="purchases-heading">{{t.purchase_history}}</h2>
        <dl class="fields">{{#sold}}<dt>{{t.lifetime_revenue}}</dt><dd>{{revenue}}</dd><dt>{{t.orders_count}}</dt><dd><a href="{{href}}">{{orders}}</a></dd><dt>{{t.last_purchase}}</dt><dd>{{last}}</dd>{{/sold}}
        {{#bought}}<dt>{{t.supplier_spend}}</dt><dd>{{spend}}</dd><dt>{{t.orders_count}}</dt><dd>{{orders}}</dd><dt>{{t.last_purchase}}</dt><dd>{{last}}</dd>{{/bought}}</dl>
        {{#has_contracts}}<h3>{{t.open_contracts}}</h3><ul>{{#contracts}}<li><a href="{{href}}">{{title}}</a> <span class="meta">{{direction}}{{#value}} · {{value}}{{/value}}{{#renews}} · {{t.renews_on}} {{renews}}{{/renews}}</span></li>{{/contracts}}</ul>{{/has_contracts}}
        </section>
        """
}
