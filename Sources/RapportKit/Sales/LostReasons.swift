/// Why deals are lost, from a list an admin keeps, so the lost-reasons report counts a few
/// comparable reasons instead of one line per way of spelling "too expensive". While the
/// list is empty any text is accepted, as before there was a list.
public enum LostReasons {
    public static let type = RecordType(
        name: "lost_reasons",
        singular: "lost reason",
        fields: [
            FieldSpec("name", .text(maxLength: 100), required: true, search: .name),
            FieldSpec("position", .number),
            FieldSpec("allows_text", .boolean, label: "Allows own words"),
        ],
        titleField: "name",
        listColumns: ["position", "allows_text"],
        uniqueKeys: [.init(field: "name", kind: "lost_reason")],
        hasOwner: false,
        allowsCustomFields: false,
        inNavigation: false
    )

    /// The list a new installation starts with; the pages show these names in the
    /// reader's language. "Other" lets a rep say it in their own words.
    public static let defaults: [(name: String, allowsText: Bool)] = [
        ("Price", false), ("Timing", false), ("Competitor", false), ("No decision", false), ("Product fit", false), ("Other", true),
    ]

    /// One reason of the list.
    public struct Choice: Sendable, Equatable {
        public var name: String
        public var allowsText: Bool

        public init(name: String, allowsText: Bool = false) {
            self.name = name
            self.allowsText = allowsText
        }
    }

    /// The reason to store, or why it is refused: with a list, a deal that becomes lost
    /// needs a reason, and a reason is one of the list's names (taken in the list's
    /// spelling) or, when some reason allows own words, any text.
    public static func check(_ reason: String?, becomingLost: Bool, list: [Choice]) -> Result<String?, FieldError> {
        let typed = reason?.trimmedWhitespace ?? ""
        guard !list.isEmpty else { return .success(typed.isEmpty ? nil : typed) }
        if typed.isEmpty {
            return becomingLost ? .failure(FieldError(field: "lost_reason", code: "required", message: "A lost deal needs a reason from the lost reasons list.")) : .success(nil)
        }
        if let choice = list.first(where: { $0.name.lowercased() == typed.lowercased() }) { return .success(choice.name) }
        if list.contains(where: \.allowsText) { return .success(typed) }
        let names = list.map(\.name).joined(separator: ", ")
        return .failure(FieldError(field: "lost_reason", code: "invalid_choice", message: "A lost reason is one of: \(names)."))
    }

    /// A reason with the rep's own words, as the pages store it: "Other: went in-house".
    public static func compose(_ name: String, text: String?) -> String {
        guard let text = text?.trimmedWhitespace, !text.isEmpty else { return name }
        return name + ": " + text
    }

    /// The list's name a stored reason starts with, and the rep's words after it, so a
    /// report can show the name in the reader's language and keep the words as typed.
    public static func split(_ stored: String, names: [String]) -> (name: String, text: String?)? {
        for name in names {
            if stored == name { return (name, nil) }
            if stored.hasPrefix(name + ": ") { return (name, String(stored.dropFirst(name.count + 2))) }
        }
        return nil
    }
}
