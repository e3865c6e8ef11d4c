import RapportKit

/// Links a type's list page offers beside "New" (the deal board on the deals list). A
/// domain registers its own; the generic list never names a type.
struct ListPageAction: Sendable {
    let type: String
    let href: String
    let labelKey: String
}

enum ListPageActions {
    static let all: [ListPageAction] = SalesPages.listActions

    static func actions(for type: RecordType, user: PageUser) -> [[String: Any]] {
        all.filter { $0.type == type.name }.map { ["href": $0.href, "label": user.t($0.labelKey)] }
    }
}
