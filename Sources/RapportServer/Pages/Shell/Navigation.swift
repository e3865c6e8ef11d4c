import RapportKit

/// A page a domain adds to the navigation beside its record types (the deal board, the
/// reports). Domains register theirs in `Navigation.links`; the shell never names them.
struct NavigationLink: Sendable {
    let area: WorkArea
    /// What a page passes as `current` to be shown as this link.
    let id: String
    let href: String
    let labelKey: String
    let icon: String
    /// Shown only to users for whom this is true (usually: may read the records behind it).
    let visible: @Sendable (PageUser) -> Bool
}

/// The sidebar: record types grouped by their work area, each area's extra pages after its
/// types, then the user's recent records. Groups without a visible link are left out, so a
/// support agent never sees an empty "Sales" heading.
enum Navigation {
    static let links: [NavigationLink] = SalesPages.navigation + [PartnerReportPage.navigation]

    /// `g` then this key opens the link: a letter of its name not taken by an earlier link,
    /// so keys stay stable as long as the order of types does.
    static func shortcutKeys(_ ids: [(id: String, name: String)]) -> [String: String] {
        var taken: Set<Character> = ["h", "s"]   // home and settings
        var out: [String: String] = [:]
        for (id, name) in ids {
            if let letter = name.lowercased().first(where: { $0.isLetter && $0.isASCII && !taken.contains($0) }) {
                taken.insert(letter)
                out[id] = String(letter)
            }
        }
        return out
    }

    static func groups(user: PageUser, catalog: RecordCatalog, current: String?) -> [[String: Any]] {
        var entries: [(area: WorkArea, id: String, href: String, label: String, icon: String)] = []
        for type in catalog.types where type.inNavigation && user.viewer.role.allows(.read, on: type.name) {
            entries.append((type.area, type.name, "/\(type.name)", user.typeName(type), type.icon))
        }
        for link in links where link.visible(user) {
            entries.append((link.area, link.id, link.href, user.t(link.labelKey), link.icon))
        }
        let keys = shortcutKeys(entries.map { ($0.id, $0.id) })
        return WorkArea.allCases.compactMap { area in
            let inArea = entries.filter { $0.area == area }
            guard !inArea.isEmpty else { return nil }
            return [
                "label": user.t("area_\(area.rawValue)"),
                "links": inArea.map { entry in
                    [
                        "href": entry.href, "label": entry.label, "icon": entry.icon, "key": keys[entry.id] ?? "",
                        "current": entry.id == current,
                    ] as [String: Any]
                },
            ] as [String: Any]
        }
    }

    /// Home › area › type › record: from what the page says it shows.
    static func crumbs(user: PageUser, catalog: RecordCatalog, current: String?, title: String) -> [[String: Any]] {
        var out: [[String: Any]] = [["href": "/", "label": user.t("nav_home")]]
        if let current, let type = catalog[current] {
            let typeLabel = user.typeName(type)
            out.append(["label": user.t("area_\(type.area.rawValue)")])
            if typeLabel == title { out.append(["label": typeLabel, "current": true]); return out }
            out.append(["href": "/\(type.name)", "label": typeLabel])
        } else if let current, let link = links.first(where: { $0.id == current }) {
            out.append(["label": user.t("area_\(link.area.rawValue)")])
        } else if current == "home" {
            out[0]["current"] = true
            return out
        }
        out.append(["label": title, "current": true])
        return out
    }
}
