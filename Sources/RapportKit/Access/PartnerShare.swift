/// How much of a kind of record a partnership shares with its partner users, chosen per
/// partnership and kind on the partnership (`share_goals`, `share_roadmap`, …).
public enum ShareLevel: String, Sendable, CaseIterable, Comparable {
    /// Partner users see nothing of the kind.
    case hidden
    /// The portal's dashboard counts them; the records themselves stay unseen.
    case counts
    /// The records without their long texts (``PartnerShare/summaryHides``).
    case summary
    case full

    public static func < (a: ShareLevel, b: ShareLevel) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A record type's declaration that partner users may see its records: which sharing
/// setting governs it, where it names its partnership, and which of its records the
/// partnership marks shared one by one. Types without one are never seen by partners,
/// whatever a role grants.
public struct PartnerShare: Sendable {
    /// The sharing setting's kind (`goals` reads `share_goals`); nil when the partnership's
    /// own partner users always see the type (their deal registrations).
    public var kind: String?
    /// The field naming the partnership (`id` on a partnership itself); nil when the type
    /// is seen exactly with its parent (a goal's key results).
    public var field: String?
    /// A boolean field the record must have true to be shared (`shared`).
    public var flag: String?
    /// The fields a summary leaves out.
    public var summaryHides: Set<String>

    public init(kind: String?, field: String? = "partnership_id", flag: String? = nil, summaryHides: Set<String> = []) {
        self.kind = kind
        self.field = field
        self.flag = flag
        self.summaryHides = summaryHides
    }

    /// Seen with its parent, never on its own.
    public static let withParent = PartnerShare(kind: nil, field: nil)

    /// The kinds a partnership sets, in the order its form shows them.
    public static let kinds = ["goals", "roadmap", "risks", "conflicts", "decisions", "reviews"]
}
