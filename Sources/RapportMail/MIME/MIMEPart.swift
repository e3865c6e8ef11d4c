/// One node of a MIME message (RFC 2045, 2046): its headers, and either its decoded body
/// or its children. Parsing never fails: a missing boundary, a truncated part or a
/// nesting deeper than ``maxDepth`` leaves the rest as an opaque body, so a malformed
/// message still yields everything that could be read.
public struct MIMEPart: Sendable, Equatable {
    /// Deeper nesting than any real mail uses; bounded so a crafted message cannot
    /// exhaust the stack.
    public static let maxDepth = 40

    public var headers: MailHeaders
    public var contentType: HeaderValueWithParameters
    public var transferEncoding: TransferEncoding
    /// The body after its transfer encoding was undone; empty for multiparts.
    public var body: [UInt8]
    /// Children of a multipart, or the one embedded message of a `message/rfc822`.
    public var parts: [MIMEPart]

    public var isMultipart: Bool { contentType.value.hasPrefix("multipart/") }

    public init(parsing bytes: [UInt8]) {
        self.init(parsing: bytes[...], depth: 0, defaultType: "text/plain")
    }

    init(parsing bytes: ArraySlice<UInt8>, depth: Int, defaultType: String) {
        let (headers, bodyStart) = MailHeaders.parse(bytes)
        self.headers = headers
        var type = headers.text("Content-Type").map(HeaderValueWithParameters.init(parsing:)) ?? HeaderValueWithParameters(value: defaultType)
        if !type.value.contains("/") { type = HeaderValueWithParameters(value: defaultType, parameters: type.parameters) }
        contentType = type
        transferEncoding = TransferEncoding(header: headers.text("Content-Transfer-Encoding"))
        let raw = bytes[bodyStart...]
        body = []
        parts = []
        if type.value.hasPrefix("multipart/"), depth < Self.maxDepth, let boundary = type[parameter: "boundary"], !boundary.isEmpty {
            let childType = type.value == "multipart/digest" ? "message/rfc822" : "text/plain"
            let sections = Self.split(raw, boundary: Array(boundary.utf8))
            if sections.isEmpty {
                body = Array(raw) // no boundary found: keep what came as the body
            } else {
                parts = sections.map { MIMEPart(parsing: $0, depth: depth + 1, defaultType: childType) }
            }
        } else if type.value == "message/rfc822" || type.value == "message/global", depth < Self.maxDepth {
            let inner = transferEncoding == .base64 || transferEncoding == .quotedPrintable ? transferEncoding.decode(raw)[...] : raw
            parts = [MIMEPart(parsing: inner, depth: depth + 1, defaultType: "text/plain")]
            body = Array(inner)
        } else {
            body = transferEncoding.decode(raw)
        }
    }

    /// The sections between `--boundary` lines (RFC 2046 §5.1.1); the preamble and the
    /// epilogue go. A missing closing line ends the last section at the end of input.
    static func split(_ bytes: ArraySlice<UInt8>, boundary: [UInt8]) -> [ArraySlice<UInt8>] {
        let delimiter = [UInt8(ascii: "-"), UInt8(ascii: "-")] + boundary
        var sections: [ArraySlice<UInt8>] = []
        var sectionStart: Int?
        var lineStart = bytes.startIndex
        while lineStart < bytes.endIndex {
            var lineEnd = lineStart
            while lineEnd < bytes.endIndex, bytes[lineEnd] != 10 { lineEnd += 1 }
            let line = bytes[lineStart..<lineEnd]
            if line.starts(with: delimiter) {
                let rest = line.dropFirst(delimiter.count)
                let closing = rest.starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-")])
                let tail = closing ? rest.dropFirst(2) : rest
                if tail.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) {
                    if let start = sectionStart {
                        // The line break before a delimiter belongs to the delimiter.
                        var end = lineStart
                        if end > start, bytes[end - 1] == 10 { end -= 1 }
                        if end > start, bytes[end - 1] == 13 { end -= 1 }
                        sections.append(bytes[start..<max(start, end)])
                    }
                    if closing { return sections }
                    sectionStart = lineEnd < bytes.endIndex ? lineEnd + 1 : lineEnd
                }
            }
            lineStart = lineEnd + 1
        }
        if let start = sectionStart, start < bytes.endIndex { sections.append(bytes[start..<bytes.endIndex]) }
        return sections
    }

    /// Every part in document order, this one first.
    public var allParts: [MIMEPart] {
        var out: [MIMEPart] = [self]
        for part in parts { out += part.allParts }
        return out
    }

    /// The disposition (`inline`, `attachment`) and its parameters, if given.
    public var disposition: HeaderValueWithParameters? {
        headers.text("Content-Disposition").map(HeaderValueWithParameters.init(parsing:))
    }

    /// The file name from the disposition or, as older mailers send it, the type's `name`.
    public var filename: String? {
        let name = disposition?[parameter: "filename"] ?? contentType[parameter: "name"]
        return name.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The body as text in its declared charset (US-ASCII when none is given).
    public var text: Charset.Decoded {
        Charset.decode(body, label: contentType[parameter: "charset"] ?? "us-ascii")
    }
}
