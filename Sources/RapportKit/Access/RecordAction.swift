/// What a role may do with a record type. Admin-only settings (users, roles, fields, the
/// audit log) are not record actions: they belong to the admin role alone.
public enum RecordAction: String, Sendable, CaseIterable, Hashable {
    case read, create, update, delete
    case `import` = "import"
    case export
}

/// Which records of a type a role sees.
public enum Visibility: String, Sendable, CaseIterable, Hashable {
    /// Only records the user owns.
    case own
    /// Records owned by the user or by anyone in a team the user belongs to or manages.
    case team
    /// Every record.
    case all
    /// Records of the partnerships the user works with as a partner user, as far as each
    /// partnership shares that kind of record (``PartnerShare``): the partner portal.
    case partnership
}
