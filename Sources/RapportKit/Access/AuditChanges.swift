/// What an audit entry's recorded changes may show a reader: the fields their role hides
/// are left out wherever entries are shown (timelines, a person's export, the audit
/// pages), so a hidden value cannot be read back from the history of its changes.
public enum AuditChanges {
    /// `changes` without the `hidden` fields: at the top (a create's values, an update's
    /// before-and-after pairs) and inside a merge's `fields` and `duplicate`.
    public static func visible(_ changes: JSONValue, hiding hidden: Set<String>) -> JSONValue {
        guard !hidden.isEmpty, var o = changes.objectValue else { return changes }
        for name in hidden { o[name] = nil }
        for nested in ["fields", "duplicate"] {
            guard var inner = o[nested]?.objectValue else { continue }
            for name in hidden { inner[name] = nil }
            o[nested] = .object(inner)
        }
        return .object(o)
    }
}
