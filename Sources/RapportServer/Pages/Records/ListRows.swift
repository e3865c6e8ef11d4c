/// The rows of a record list as the list page draws them: the title cell first (the card's
/// link on a phone), then the chosen columns, each perhaps editable in place.
struct ListRow {
    let id: String
    let etag: String
    let title: String
    /// How the title is read (a Japanese name's kana), or empty.
    let reading: String
    let initials: String
    let color: Int
    let cells: [ListCell]
}

struct ListCell {
    /// The column's name, shown before the value on a phone card.
    let label: String
    let parts: [ValuePart]
    /// The field's name when the value can be edited in place.
    let edit: String?
}

/// Drawn in Swift rather than by the list template: see ``HTMLWriter``.
struct ListRowsHTML {
    let typeName: String
    /// Initials beside each title (people, not deals).
    let avatars: Bool
    /// A checkbox per row for the bulk actions.
    let selectable: Bool

    func render(_ rows: [ListRow]) -> String {
        var out = HTMLWriter(capacity: rows.count * 900)
        for row in rows { write(row, to: &out) }
        return out.html
    }

    private func write(_ row: ListRow, to out: inout HTMLWriter) {
        let href = "/\(typeName)/\(row.id)"
        out.raw("<tr data-record=\"")
        out.text(href)
        out.raw("\" data-etag=\"")
        out.text(row.etag)
        out.raw("\">")
        if selectable {
            out.raw("<td class=\"select\"><input type=\"checkbox\" name=\"ids\" value=\"")
            out.text(row.id)
            out.raw("\" aria-label=\"")
            out.text(row.title)
            out.raw("\"></td>")
        }
        out.raw("<td class=\"title\"><div class=\"title-cell\">")
        if avatars {
            out.raw("<span class=\"avatar c\(row.color)\" aria-hidden=\"true\">")
            out.text(row.initials)
            out.raw("</span>")
        }
        out.raw("<div><a href=\"")
        out.text(href)
        out.raw("\">")
        out.text(row.title)
        out.raw("</a>")
        if !row.reading.isEmpty {
            out.raw("<span class=\"reading\">")
            out.text(row.reading)
            out.raw("</span>")
        }
        out.raw("</div></div></td>")
        for cell in row.cells {
            out.raw("<td data-label=\"")
            out.text(cell.label)
            out.raw("\"")
            if cell.parts.isEmpty { out.raw(" class=\"empty\"") }
            if let edit = cell.edit {
                out.raw(" data-edit=\"")
                out.text(edit)
                out.raw("\"")
            }
            out.raw(">")
            // An empty value that can be filled in place shows a dash to click.
            ValuePart.write(cell.parts.isEmpty && cell.edit != nil ? ValuePart.dash : cell.parts, to: &out)
            out.raw("</td>")
        }
        out.raw("</tr>\n")
    }
}
