import RapportKit

/// Links a type's list page offers beside "New" (the deal board on the deals list, the
/// import of any type). A domain registers its own; the generic list never names a type.
struct ListPageAction: Sendable {
    /// The type whose list shows the link, or `*` for every type.
    let type: String
    /// Where it leads; `{type}` stands for the list's type.
    let href: String
    let labelKey: String
    /// What the user's role must allow on the type for the link to show.
    var grants: [RecordAction] = []
}

enum ListPageActions {
    static let all: [ListPageAction] = SalesPages.listActions + ServicePages.listActions + [ImportPages.listAction]

    static func actions(for type: RecordType, user: PageUser) -> [[String: Any]] {
        all.filter { action in
            (action.type == type.name || action.type == "*") && action.grants.allSatisfy { user.viewer.role.allows($0, on: type.name) }
        }.map { ["href": $0.href.replacingOccurrences(of: "{type}", with: type.name), "label": user.t($0.labelKey)] }
    }
}
