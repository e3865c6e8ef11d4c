import Foundation
import Mustache
import RapportKit
import RapportStore

/// A part of a record page that only some record types have (a deal's stage path, its
/// stage history). The generic record page asks the registry for the type's sections and
/// places what they render; it never asks which type it is showing.
protocol RecordPageSection: Sendable {
    /// Where the section goes on the page.
    var place: RecordPagePlace { get }
    /// The section's template, from some ``PageTemplateSet``.
    var template: String { get }
    /// The template's values, or nil when the section has nothing to show for this record
    /// and reader.
    func values(_ record: StoredRecord, type: RecordType, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [String: Any]?
}

enum RecordPagePlace: String, Sendable {
    /// Under the title, above the details: facts and actions the record is worked by.
    case header
    /// The side column, before the related records.
    case side
    /// Among the page's action buttons, before Edit and Delete.
    case actions
    /// Under the title, beside the record's reading.
    case subtitle
}

/// Each record type's own page sections, registered by the type's name; a type added
/// later registers its sections here and the generic pages show them.
enum RecordPageSections {
    static let byType: [String: [any RecordPageSection]] = [
        Deals.type.name: [DealStagePath(), DealStageHistory(), ComposeEmailAction(recipients: DealRecipients())],
        Quotes.type.name: [QuoteHeaderActions(), QuoteRevisionLine(), QuoteBuilderSection()],
        Organizations.type.name: [PurchaseHistorySection(), PossibleDuplicates(), ComposeEmailAction(recipients: OrganizationRecipients())],
        People.type.name: [PurchaseHistorySection(), PossibleDuplicates(), ComposeEmailAction(recipients: PersonRecipients())],
        Tickets.type.name: [TicketClockSection(), TicketConversationSection(), RequesterTicketsSection()],
        NPSPrograms.type.name: [NPSProgramSection()],
        Partnerships.type.name: [ProcedurePath(), PartnerPipelineSection(), PartnershipGoalsSection(), RoadmapSection(), RACIMatrixSection(), PartnerNetworkSection(), PartnerSharingSection(), RiskHeatMapSection(), ProcedureHistory()],
        PartnershipGoals.type.name: [KeyResultProgressSection()],
        Risks.type.name: [RiskTrendLine()],
        Conflicts.type.name: [ProcedurePath(), ProcedureHistory()],
        PartnerReviews.type.name: [ReviewBriefSection()],
        DealRegistrations.type.name: [RegistrationDecision()],
    ]

    /// The rendered sections of `record`'s page by place (`headerSections`, `sideSections`),
    /// ready to merge into the page's values.
    static func render(_ record: StoredRecord, type: RecordType, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [String: Any] {
        var out: [String: [[String: Any]]] = [:]
        for section in byType[type.name] ?? [] {
            guard let values = try await section.values(record, type: type, user: user, actor: actor, deps: deps) else { continue }
            out["\(section.place.rawValue)Sections", default: []].append(["html": deps.renderer.fragment(section.template, user: user, values: values)])
        }
        return out
    }
}

extension PageRenderer {
    /// A template rendered alone, with the page's words, language and form token; the
    /// result is already escaped and goes into a page with triple braces.
    func fragment(_ template: String, user: PageUser, values: [String: Any]) -> String {
        var values = values
        values["csrf"] = user.session.csrfToken
        return fragment(template, language: user.language, values: values)
    }

    /// The same for a panel that brings its own form token in `values`.
    func fragment(_ template: String, language: String, values: [String: Any]) -> String {
        var context = values
        for (key, value) in values {
            if let list = value as? [Any] { context["has_\(key)"] = !list.isEmpty }
        }
        context["t"] = PageStrings.catalogs[language] ?? PageStrings.catalogs["en"]!
        context["lang"] = language
        return library.render(context, withTemplate: template) ?? ""
    }
}
