/// A relationship with one or more partner organizations (a reseller, a technology partner,
/// a supplier), managed as a relationship and not only as a channel: its lifecycle, the
/// owners on each side, the agreement (attachments), the vision both sides share and the
/// value each expects. Goals, roles, the roadmap, risks, conflicts and decisions are its
/// children (``ParentRule``), so they follow its owner and visibility.
public enum Partnerships {
    public static let kinds = ["reseller", "referral", "technology", "co_marketing", "joint_venture", "supplier", "strategic_alliance"]
    public static let tiers = ["registered", "silver", "gold", "platinum", "strategic"]

    /// The lifecycle moves freely: a renewal goes back to active, talks that fail end
    /// straight from exploring; every move is kept with its date and who made it.
    public static let lifecycle = StageRule(
        field: "stage",
        steps: ["exploring", "negotiating", "onboarding", "active", "renewing", "winding_down", "ended"],
        moves: .free
    )

    public static let type = RecordType(
        name: "partnerships",
        singular: "partnership",
        fields: [
            FieldSpec("name", .text(maxLength: 200), required: true, search: .name),
            FieldSpec("partner_id", .reference("organizations"), required: true, search: .text, label: "Partner"),
            FieldSpec("other_partner_ids", .references("organizations"), label: "Other partners"),
            FieldSpec("kind", .choice(kinds), required: true, label: "Type"),
            FieldSpec("tier", .choice(tiers)),
            FieldSpec("stage", .choice(lifecycle.steps)),
            FieldSpec("started_on", .date, label: "Start"),
            FieldSpec("renews_on", .date, label: "Renewal"),
            FieldSpec("partner_owner_id", .reference("people"), label: "Owner at the partner"),
            FieldSpec("time_zone", .timeZone, label: "Partner's time zone"),
            FieldSpec("vision", .longText, search: .text, label: "Shared vision"),
            FieldSpec("value_ours", .longText, search: .text, label: "Value we expect"),
            FieldSpec("value_theirs", .longText, search: .text, label: "Value the partner expects"),
        ] + PartnerShare.kinds.map { FieldSpec("share_" + $0, .choice(ShareLevel.allCases.map(\.rawValue)), label: "Share \($0) with partner users") },
        titleField: "name",
        listColumns: ["partner_id", "kind", "tier", "stage", "renews_on"],
        hooks: RecordHooks(derive: derive, validate: validate),
        area: .partners,
        icon: "handshake",
        stages: lifecycle,
        partnerShare: PartnerShare(kind: nil, field: "id")
    )

    /// A partnership starts where every one does: exploring.
    @Sendable static func derive(_ record: inout JSONObject) {
        if record["stage"]?.stringValue == nil { record["stage"] = .string(lifecycle.steps[0]) }
        // Nothing is shared with partner users until someone chooses to.
        for kind in PartnerShare.kinds where record["share_" + kind]?.stringValue == nil { record["share_" + kind] = .string(ShareLevel.hidden.rawValue) }
    }

    @Sendable static func validate(_ record: JSONObject) -> [FieldError] {
        if let start = record["started_on"]?.stringValue, let renewal = record["renews_on"]?.stringValue, renewal < start {
            return [FieldError(field: "renews_on", code: "before_start", message: "The renewal date is before the start.")]
        }
        return []
    }
}

/// The people of both sides who work a partnership, each with their role in it and the day
/// that role was last reviewed, so a hand-over finds who does what on either side. Roles,
/// owners and parties elsewhere in the partnership name these contacts.
public enum PartnershipContacts {
    public static let sides = ["ours", "theirs"]

    public static let type = RecordType(
        name: "partnership_contacts",
        singular: "partnership contact",
        fields: [
            .partnership,
            // The colleague's or the person's name, filled by the engine: what every list of
            // roles and owners shows.
            FieldSpec("name", .text(maxLength: 200), search: .name, isDerived: true),
            FieldSpec("side", .choice(sides), required: true),
            FieldSpec("user_id", .user, label: "Colleague"),
            FieldSpec("person_id", .reference("people"), label: "Person at the partner"),
            FieldSpec("role", .text(maxLength: 120), required: true, search: .text),
            FieldSpec("reviewed_on", .date, label: "Role last reviewed"),
        ],
        titleField: "name",
        listColumns: ["side", "role", "reviewed_on"],
        allowsCustomFields: false,
        hooks: RecordHooks(validate: validate),
        inNavigation: false,
        parent: .partnership,
        area: .partners,
        icon: "person",
        partnerShare: PartnerShare(kind: nil)
    )

    /// Our side is a colleague (a user); the partner's side is a person in the CRM.
    @Sendable static func validate(_ record: JSONObject) -> [FieldError] {
        switch record["side"]?.stringValue {
        case "ours":
            var errors: [FieldError] = []
            if record["user_id"]?.stringValue == nil { errors.append(FieldError(field: "user_id", code: "required", message: "Name the colleague.")) }
            if record["person_id"]?.stringValue != nil { errors.append(FieldError(field: "person_id", code: "invalid", message: "Our side is a colleague, not a person at the partner.")) }
            return errors
        case "theirs":
            var errors: [FieldError] = []
            if record["person_id"]?.stringValue == nil { errors.append(FieldError(field: "person_id", code: "required", message: "Name the person at the partner.")) }
            if record["user_id"]?.stringValue != nil { errors.append(FieldError(field: "user_id", code: "invalid", message: "The partner's side is a person, not a colleague.")) }
            return errors
        default:
            return []
        }
    }
}

extension ParentRule {
    /// The rule every child of a partnership follows: an ended partnership is kept as it
    /// ended, for the record and for the next partnership's lessons.
    static let partnership = ParentRule(
        type: "partnerships", field: "partnership_id", onDelete: .cascade,
        finalWhen: .init(field: "stage", values: ["ended"]) { _ in "The partnership has ended; its records stay as they were. Move it back to winding down to change them." }
    )
}

extension FieldSpec {
    /// The field by which every child of a partnership names it (``ParentRule/partnership``).
    static let partnership = FieldSpec("partnership_id", .reference("partnerships"), required: true, label: "Partnership")
}
