/// How a record type belongs to a parent record (a quote line to its quote, a deal's
/// contacts and quotes to the deal, a partnership's goals to the partnership).
///
/// One declaration gives every such type the same behaviour from the engine: the child is
/// owned by whoever owns the parent, a reader sees it only while they may see the parent,
/// handing over the parent hands over its children, deleting the parent does what
/// ``onDelete`` says, and a parent in a final state (``finalWhen``) keeps its children as
/// they are. Types say what, never how, so a new child type gets all of it by declaring it.
public struct ParentRule: Sendable {
    /// What deleting a parent that still has live children does.
    public enum Deletion: String, Sendable, Equatable {
        /// The children go to the trash with the parent and come back with it.
        case cascade
        /// The parent cannot be deleted while it has children (409 naming them).
        case refuse
        /// The children stay and no longer name a parent (the field must be optional).
        case detach
    }

    /// The parent states in which its children no longer change: the parent's `field`
    /// holds one of `values`.
    public struct Finality: Sendable {
        public var field: String
        public var values: Set<String>
        /// Why the children of a parent in a given state stay as they are, said to the
        /// user; the state is named so they know what to change instead.
        public var reason: @Sendable (String) -> String

        public init(field: String, values: Set<String>, reason: @escaping @Sendable (String) -> String) {
            self.field = field
            self.values = values
            self.reason = reason
        }
    }

    /// The parent's record type (`quotes`).
    public var type: String
    /// The child's reference field naming the parent (`quote_id`).
    public var field: String
    public var onDelete: Deletion
    public var finalWhen: Finality?

    public init(type: String, field: String, onDelete: Deletion = .cascade, finalWhen: Finality? = nil) {
        self.type = type
        self.field = field
        self.onDelete = onDelete
        self.finalWhen = finalWhen
    }

    /// The refusal for writing a child whose parent is in `state`, or nil when that state
    /// leaves children free to change. Code `final`, which pages translate; 422 like every
    /// rule a write breaks, naming the parent's field and its state.
    public func finalError(parentState state: String?) -> FieldError? {
        guard let finalWhen, let state, finalWhen.values.contains(state) else { return nil }
        return FieldError(field: field, code: "final", message: finalWhen.reason(state))
    }
}
