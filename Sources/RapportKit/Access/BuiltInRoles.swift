extension Role {
    /// The roles every installation starts with. Their defaults follow how teams usually
    /// split the work: reps see their own contacts, managers their team's, service and
    /// marketing everyone's, viewers read without contact details.
    /// Pipelines, stages, products, prices, quotas and lost reasons are set up by admins and managers;
    /// everyone else reads them.
    static let salesSetup: [String: Grant] = [
        "pipelines": .readOnly, "pipeline_stages": .readOnly, "products": .readOnly, "product_prices": .readOnly, "quotas": .readOnly,
        "lost_reasons": .readOnly,
    ]

    /// Tickets are the service desk's: support agents work those of their groups (a
    /// ticket's group decides, see ``RecordType/groupField``); sales, marketing and
    /// partner roles see none unless an admin grants them.
    static let serviceDesk: [String: Grant] = [
        "tickets": Grant([.read, .create, .update, .export], visibility: .team),
        "ticket_messages": Grant([.read, .create, .update, .export], visibility: .team),
        // Agents use the desk's macros; admins and managers write them.
        "ticket_macros": .readOnly,
    ]
    static let noTickets: [String: Grant] = ["tickets": .none, "ticket_messages": .none, "ticket_macros": .none]
    /// Marketing runs the NPS programs; everyone else reads them (and their scores).
    static let surveysReadOnly: [String: Grant] = ["nps_programs": .readOnly]

    /// The partner area's types: a partnership and everything that belongs to it.
    static let partnerTypes = ["partnerships", "partnership_contacts", "partnership_goals", "key_results", "responsibilities", "milestones", "risks", "conflicts", "decisions", "partner_reviews", "review_actions", "deal_registrations"]
    /// Partner managers work every partnership: the team shares one picture of each
    /// relationship, so a hand-over loses nothing.
    static let partnerWork = Dictionary(uniqueKeysWithValues: partnerTypes.map { ($0, Grant([.read, .create, .update, .delete, .import, .export], visibility: .all)) })
    /// The service desk reads partnerships (whose customers it serves), never changes them.
    static let partnersReadOnly = Dictionary(uniqueKeysWithValues: partnerTypes.map { ($0, Grant.readOnly) })

    static let partnerPortal: [String: Grant] = {
        var grants = Dictionary(uniqueKeysWithValues: partnerTypes.map { ($0, Grant([.read], visibility: .partnership)) })
        for type in ["review_actions", "milestones"] { grants[type] = Grant([.read, .update], visibility: .partnership) }
        grants["conflicts"] = Grant([.read, .create], visibility: .partnership)
        // The deal an approval opened is ours: the partner sees that it was approved.
        grants["deal_registrations"] = Grant([.read, .create], visibility: .partnership, hiddenFields: ["deal_id"])
        grants["*"] = Grant.none
        return grants
    }()

    public static let builtIn: [Role] = [
        Role(name: "admin", label: "Administrator", isBuiltIn: true, grants: ["*": .everything]),
        Role(name: "manager", label: "Manager", isBuiltIn: true, grants: ["*": Grant(Set(RecordAction.allCases), visibility: .team)]),
        Role(name: "sales", label: "Sales", isBuiltIn: true, grants: [
            "*": Grant([.read, .create, .update, .delete, .import, .export], visibility: .own),
            "organizations": Grant([.read, .create, .update], visibility: .all),
            "tags": Grant([.read, .create], visibility: .all),
        ].merging(salesSetup) { a, _ in a }.merging(noTickets) { a, _ in a }.merging(surveysReadOnly) { a, _ in a }),
        Role(name: "support", label: "Support", isBuiltIn: true, grants: [
            "*": Grant([.read, .create, .update], visibility: .all),
            "tags": Grant([.read], visibility: .all),
        ].merging(salesSetup) { a, _ in a }.merging(serviceDesk) { a, _ in a }.merging(surveysReadOnly) { a, _ in a }.merging(partnersReadOnly) { a, _ in a }),
        Role(name: "marketing", label: "Marketing", isBuiltIn: true, grants: [
            "*": Grant([.read], visibility: .all),
            "people": Grant([.read, .create, .update, .import, .export], visibility: .all, hiddenFields: ["phones"]),
            "tags": Grant([.read, .create, .update], visibility: .all),
            "nps_programs": Grant([.read, .create, .update, .delete, .export], visibility: .all),
        ].merging(salesSetup) { a, _ in a }.merging(noTickets) { a, _ in a }),
        Role(name: "partner_manager", label: "Partner manager", isBuiltIn: true, grants: [
            "*": Grant([.read, .create, .update], visibility: .own),
            "organizations": Grant([.read, .create, .update], visibility: .all),
            "tags": Grant([.read], visibility: .all),
        ].merging(salesSetup) { a, _ in a }.merging(noTickets) { a, _ in a }.merging(surveysReadOnly) { a, _ in a }.merging(partnerWork) { a, _ in a }),
        // People at a partner: they see their own partnerships as each shares them, raise
        // conflicts, register deals, and keep their action items and milestones current.
        Role(name: "partner", label: "Partner user", isBuiltIn: true, grants: partnerPortal),
        Role(name: "viewer", label: "Viewer", isBuiltIn: true, grants: ["*": Grant([.read], visibility: .all, hidesSensitive: true)]),
    ]

    public static func builtIn(named name: String) -> Role? {
        builtIn.first { $0.name == name }
    }
}
