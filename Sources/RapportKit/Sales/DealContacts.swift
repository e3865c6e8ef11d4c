/// The people on a deal and the part each plays in the decision: who signs, who champions
/// it inside the customer, who can block it. A rep preparing a meeting reads them from the
/// deal; a person's page lists the deals they are on.
public enum DealContacts {
    public static let roles = ["decision_maker", "economic_buyer", "champion", "influencer", "technical_evaluator", "user", "blocker", "other"]

    public static let type = RecordType(
        name: "deal_contacts",
        singular: "deal contact",
        fields: [
            FieldSpec("deal_id", .reference("deals"), required: true, search: .text, label: "Deal"),
            FieldSpec("person_id", .reference("people"), required: true, search: .text, label: "Person"),
            FieldSpec("role", .choice(roles), required: true),
            FieldSpec("notes", .text(maxLength: 500)),
        ],
        titleField: "person_id",
        listColumns: ["role", "deal_id", "person_id", "updated_at"],
        allowsCustomFields: false,
        inNavigation: false,
        parent: ParentRule(type: "deals", field: "deal_id", onDelete: .cascade),
        area: .sales,
        icon: "person"
    )
}

extension DealContacts {
    /// Who a deal's order, contract and printed quote are addressed to: the contact whose
    /// role comes first in ``roles`` (the decision maker, then the economic buyer, the
    /// champion…), the earliest added among equals; nil without contacts.
    public static func buyer(_ contacts: [(personID: String, role: String)]) -> String? {
        contacts.enumerated().min { a, b in
            let ra = roles.firstIndex(of: a.element.role) ?? roles.count, rb = roles.firstIndex(of: b.element.role) ?? roles.count
            return ra != rb ? ra < rb : a.offset < b.offset
        }?.element.personID
    }
}
