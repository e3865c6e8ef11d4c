import RapportKit

/// What the sales domain adds to the frame: its pages in the navigation.
enum SalesPages {
    static let navigation: [NavigationLink] = [
        NavigationLink(area: .sales, id: "board", href: "/deals/board", labelKey: "board", icon: "board") {
            $0.viewer.role.allows(.read, on: Deals.type.name)
        },
        NavigationLink(area: .sales, id: "reports", href: "/reports", labelKey: "reports", icon: "chart") {
            $0.viewer.role.allows(.read, on: Deals.type.name)
        },
    ]

    static let listActions: [ListPageAction] = [
        ListPageAction(type: Deals.type.name, href: "/deals/board", labelKey: "board"),
    ]
}
