/// A numbered, frozen schema change. Once released, a migration's SQL never changes and
/// never reads today's record descriptions, so an old database upgrades the same way forever.
struct Migration: Sendable {
    var version: Int
    var name: String
    var sqlite: [String]
    var postgres: [String]

    func statements(for dialect: Database.Dialect) -> [String] {
        dialect == .sqlite ? sqlite : postgres
    }
}

enum Migrations {
    static let all: [Migration] = [
        Migration0001Foundation.migration,
        Migration0002Access.migration,
        Migration0003Views.migration,
        Migration0004SortNames.migration,
        Migration0005Sales.migration,
        Migration0006SalesTeams.migration,
        Migration0007Jobs.migration,
        Migration0008AuditThrottle.migration,
        Migration0009DocumentTotals.migration,
        Migration0010SalesInvariants.migration,
        Migration0011KeyChecks.migration,
        Migration0012CompanySettings.migration,
        Migration0015AuditSeal.migration,
        Migration0016Attachments.migration,
        Migration0017Notifications.migration,
        Migration0018LostReasons.migration,
        Migration0019RecentViews.migration,
        Migration0020QuoteLinePosition.migration,
        Migration0022ReportOwners.migration,
        Migration0023Tickets.migration,
        Migration0024ServiceLevels.migration,
        Migration0025MailOutbox.migration,
        Migration0026TicketClocks.migration,
        Migration0027TicketMail.migration,
        Migration0028Satisfaction.migration,
        Migration0029TicketMacros.migration,
        Migration0030TicketAssignment.migration,
        Migration0031Portal.migration,
        Migration0032AgentSkills.migration,
        Migration0033WebFormFields.migration,
        Migration0034NPSPrograms.migration,
        Migration0035TeamMailboxes.migration,
        Migration0036HeldMail.migration,
        Migration0037Partnerships.migration,
        Migration0038PartnerDeals.migration,
        Migration0039RegistrationDeals.migration,
    ]
}
