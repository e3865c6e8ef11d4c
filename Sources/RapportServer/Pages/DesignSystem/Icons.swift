import RapportKit

/// The icon set: one SVG sprite of line icons on a 24-pixel grid, served once and cached,
/// used as `<svg class="icon"><use href="{{icons}}#name"/></svg>` so icons take the text
/// colour and cost a few bytes per use. Record types name their icon in their description.
enum Icons {
    static let shapes: [String: String] = [
        "home": #"<path d="M3 11l9-7 9 7"/><path d="M5 10v10h14V10"/><path d="M10 20v-6h4v6"/>"#,
        "building": #"<rect x="4" y="3" width="11" height="18" rx="1"/><path d="M15 9h5v12h-5M8 7h3M8 11h3M8 15h3"/>"#,
        "person": #"<circle cx="12" cy="8" r="4"/><path d="M4 21c1-4 4.5-6 8-6s7 2 8 6"/>"#,
        "activity": #"<path d="M3 12h4l3-7 4 14 3-7h4"/>"#,
        "tag": #"<path d="M3 12V4h8l10 10-8 8z"/><circle cx="7.5" cy="8.5" r="1.5"/>"#,
        "deal": #"<circle cx="12" cy="12" r="9"/><path d="M12 6v12M15 9c0-1.2-1.3-2-3-2s-3 .8-3 2.2 1.3 1.9 3 2.3 3 1 3 2.4-1.3 2.1-3 2.1-3-.8-3-2"/>"#,
        "board": #"<rect x="3" y="4" width="5" height="16" rx="1"/><rect x="10" y="4" width="5" height="11" rx="1"/><rect x="17" y="4" width="4" height="7" rx="1"/>"#,
        "document": #"<path d="M6 3h8l4 4v14H6z"/><path d="M14 3v4h4M9 12h6M9 16h6"/>"#,
        "box": #"<path d="M3 7l9-4 9 4v10l-9 4-9-4z"/><path d="M3 7l9 4 9-4M12 11v10"/>"#,
        "chart": #"<path d="M4 20V11M10 20V5M16 20v-7M21 20H3"/>"#,
        "trash": #"<path d="M4 7h16M9 7V4h6v3M6 7l1 14h10l1-14"/>"#,
        "settings": #"<path d="M4 6h9M19 6h1M4 12h3M11 12h9M4 18h11M19 18h1"/><circle cx="16" cy="6" r="2.5"/><circle cx="9" cy="12" r="2.5"/><circle cx="17" cy="18" r="2.5"/>"#,
        "search": #"<circle cx="11" cy="11" r="7"/><path d="M20 20l-4-4"/>"#,
        "plus": #"<path d="M12 5v14M5 12h14"/>"#,
        "pencil": #"<path d="M4 20l4-1L19 8l-3-3L5 16z"/><path d="M14 7l3 3"/>"#,
        "bell": #"<path d="M6 16v-5a6 6 0 0 1 12 0v5l2 2H4z"/><path d="M10 20a2 2 0 0 0 4 0"/>"#,
        "menu": #"<path d="M4 6h16M4 12h16M4 18h16"/>"#,
        "close": #"<path d="M6 6l12 12M18 6L6 18"/>"#,
        "mail": #"<rect x="3" y="5" width="18" height="14" rx="2"/><path d="M3 7l9 6 9-6"/>"#,
        "phone": #"<path d="M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2z"/>"#,
        "note": #"<path d="M5 3h14v18H5z"/><path d="M9 8h6M9 12h6M9 16h3"/>"#,
        "task": #"<rect x="3" y="3" width="18" height="18" rx="3"/><path d="M8 12l3 3 5-6"/>"#,
        "calendar": #"<rect x="3" y="5" width="18" height="16" rx="2"/><path d="M3 10h18M8 3v4M16 3v4"/>"#,
        "clip": #"<path d="M20 11l-8 8a5 5 0 0 1-7-7l8-8a3.5 3.5 0 0 1 5 5l-8 8a2 2 0 0 1-3-3l7-7"/>"#,
        "keyboard": #"<rect x="2" y="6" width="20" height="12" rx="2"/><path d="M6 10h1M10 10h1M14 10h1M18 10h1M7 14h10"/>"#,
        "sun": #"<circle cx="12" cy="12" r="4"/><path d="M12 2v2M12 20v2M2 12h2M20 12h2M5 5l1.5 1.5M17.5 17.5L19 19M5 19l1.5-1.5M17.5 6.5L19 5"/>"#,
        "moon": #"<path d="M20 14A8 8 0 1 1 10 4a6.5 6.5 0 0 0 10 10z"/>"#,
        "signout": #"<path d="M14 4h5v16h-5M10 8l-4 4 4 4M6 12h10"/>"#,
        "user": #"<circle cx="12" cy="9" r="3.5"/><circle cx="12" cy="12" r="9"/><path d="M6 18.5c1.5-2 3.5-3 6-3s4.5 1 6 3"/>"#,
        "record": #"<rect x="4" y="4" width="16" height="16" rx="2"/><path d="M8 9h8M8 13h8M8 17h5"/>"#,
        "clock": #"<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 2"/>"#,
        "upload": #"<path d="M12 16V4M7 9l5-5 5 5M4 20h16"/>"#,
        "handshake": #"<path d="M2 12l4-5h4l2 2 2-2h4l4 5"/><path d="M6 12l5 5a1.5 1.5 0 0 0 2-2l-3-3M13 15l2 2a1.5 1.5 0 0 0 2-2l-3-3M16 14l1 1a1.5 1.5 0 0 0 2-2l-3-4"/>"#,
        "ticket": #"<path d="M3 7h18v3a2 2 0 0 0 0 4v3H3v-3a2 2 0 0 0 0-4z"/><path d="M14 7v10" stroke-dasharray="2 2"/>"#,
        "download": #"<path d="M12 4v12M7 11l5 5 5-5M4 20h16"/>"#,
    ]

    /// The tab icon: the brand mark, a white R on the accent blue.
    static let favicon = ##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#2050c8"/><path d="M11 24V8h6.5a4.5 4.5 0 0 1 0 9H11m6 0 5 7" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg>"##

    static let sprite: String = {
        let symbols = shapes.keys.sorted().map { name in
            #"<symbol id="\#(name)" viewBox="0 0 24 24">\#(shapes[name]!)</symbol>"#
        }
        return #"<svg xmlns="http://www.w3.org/2000/svg">"# + symbols.joined() + "</svg>"
    }()
}
