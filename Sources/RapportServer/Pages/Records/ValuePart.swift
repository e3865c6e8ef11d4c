/// One piece of a shown value: an address of several, a linked company, a money amount.
struct ValuePart: Sendable, Equatable {
    let text: String
    var href: String? = nil

    /// What an empty value that can be filled in place shows: a dash to click.
    static let dash = [ValuePart(text: "—")]

    /// The pieces as they read in a cell, a fact or a detail: links where a piece has one,
    /// joined by commas.
    static func html(_ parts: [ValuePart]) -> String {
        var out = HTMLWriter()
        write(parts, to: &out)
        return out.html
    }

    static func write(_ parts: [ValuePart], to out: inout HTMLWriter) {
        for (i, part) in parts.enumerated() {
            if i > 0 { out.raw(", ") }
            if let href = part.href, !href.isEmpty {
                out.raw("<a href=\"")
                out.text(href)
                out.raw("\">")
                out.text(part.text)
                out.raw("</a>")
            } else {
                out.text(part.text)
            }
        }
    }
}
