extension StringProtocol {
    /// Leading and trailing white space (including line breaks) removed.
    ///
    /// Written over Unicode scalars because Foundation's `trimmingCharacters(in:)` bridges
    /// through NSString on Linux and was the largest single cost of a CSV import.
    public var trimmedWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        if !first.properties.isWhitespace, !last.properties.isWhitespace { return String(self) }
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start {
            let before = scalars.index(before: end)
            guard scalars[before].properties.isWhitespace else { break }
            end = before
        }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }
}

extension StringProtocol {
    /// True when nothing in the text would be seen: only white space, default-ignorable
    /// code points (zero-width spaces and joiners, U+3164 HANGUL FILLER, bidi controls,
    /// variation selectors) and U+2800 BRAILLE PATTERN BLANK.
    ///
    /// A name made of these looks empty in every list and page, so a required field treats
    /// it as empty rather than storing a record nobody can see or pick.
    public var isVisiblyBlank: Bool {
        unicodeScalars.allSatisfy { $0.properties.isWhitespace || $0.properties.isDefaultIgnorableCodePoint || $0.value == 0x2800 }
    }
}
