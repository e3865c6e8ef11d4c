import Foundation

/// A strict reader of `multipart/form-data` bodies (RFC 7578 over RFC 2046), the way
/// browsers send file uploads. It works on bytes the caller has bounded, and refuses
/// anything it cannot read with certainty — no boundary, an unterminated part, headers
/// without their blank line, too many parts — rather than guessing where a file ends.
public struct MultipartForm: Sendable {
    public struct Part: Sendable, Equatable {
        /// The form field's name.
        public var name: String
        /// The name the browser gave for a file field (possibly empty: no file chosen).
        public var fileName: String?
        /// The part's own `Content-Type`, which is the client's claim and only that.
        public var contentType: String?
        /// Where the part's content lies in the body.
        public var range: Range<Int>
    }

    public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
        init(_ text: String) { description = text }
    }

    public var parts: [Part]

    /// The boundary of a `multipart/form-data` content type; nil for any other type or a
    /// boundary RFC 2046 does not allow (1 to 70 characters).
    public static func boundary(contentType: String) -> String? {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard let media = pieces.first, media.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() {
            guard let eq = piece.firstIndex(of: "=") else { continue }
            guard piece[..<eq].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else { continue }
            var value = piece[piece.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            guard (1...70).contains(value.utf8.count), value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }), value.last != " " else { return nil }
            return value
        }
        return nil
    }

    /// Reads `body`. `maxParts` bounds the work a hostile body can ask for; each part's
    /// header block is at most `maxHeaderBytes`.
    public init(_ body: [UInt8], boundary: String, maxParts: Int = 20, maxHeaderBytes: Int = 8 * 1024) throws(Failure) {
        let dash = Array("--".utf8) + Array(boundary.utf8)
        let delimiter = [UInt8(ascii: "\r"), UInt8(ascii: "\n")] + dash
        // The first boundary opens the body or follows a preamble and a line break.
        var position: Int
        if Self.matches(body, at: 0, dash) {
            position = dash.count
        } else if let found = Self.find(delimiter, in: body, from: 0) {
            position = found + delimiter.count
        } else {
            throw Failure("The body has no part with the announced boundary.")
        }
        var parts: [Part] = []
        while true {
            // After a boundary: `--` ends the body; otherwise optional padding, then CRLF.
            if Self.matches(body, at: position, Array("--".utf8)) { break }
            while position < body.count, body[position] == 0x20 || body[position] == 0x09 { position += 1 }
            guard Self.matches(body, at: position, [0x0D, 0x0A]) else { throw Failure("A boundary is not followed by a line break.") }
            position += 2
            guard parts.count < maxParts else { throw Failure("The body has more than \(maxParts) parts.") }
            let blank: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A]
            let headerEnd: Int
            if Self.matches(body, at: position, [0x0D, 0x0A]) {
                headerEnd = position  // a part without headers
            } else {
                guard let end = Self.find(blank, in: body, from: position, limit: position + maxHeaderBytes) else {
                    throw Failure("A part's headers do not end with a blank line within \(maxHeaderBytes) bytes.")
                }
                headerEnd = end + 2
            }
            let headers = try Self.headers(Array(body[position..<headerEnd]))
            let contentStart = headerEnd + 2
            guard let contentEnd = Self.nextDelimiter(delimiter, in: body, from: contentStart) else {
                throw Failure("A part is not closed by the boundary.")
            }
            guard let disposition = headers["content-disposition"] else { throw Failure("A part has no Content-Disposition.") }
            let (kind, params) = try Self.parameters(disposition)
            guard kind.lowercased() == "form-data", let name = params["name"] else {
                throw Failure("A part's Content-Disposition is not form-data with a name.")
            }
            parts.append(Part(name: name, fileName: params["filename*"] ?? params["filename"], contentType: headers["content-type"], range: contentStart..<contentEnd))
            position = contentEnd + delimiter.count
        }
        guard !parts.isEmpty else { throw Failure("The body has no parts.") }
        self.parts = parts
    }

    /// The file name a `Content-Disposition` header gives (`filename*` first), or nil.
    public static func fileName(disposition: String) -> String? {
        guard let (_, params) = try? parameters(disposition) else { return nil }
        return params["filename*"] ?? params["filename"]
    }

    /// The first part named `name`.
    public func part(_ name: String) -> Part? { parts.first { $0.name == name } }

    /// The text of a small field (the CSRF token), as UTF-8.
    public static func text(_ part: Part, in body: [UInt8]) -> String {
        String(decoding: body[part.range], as: UTF8.self)
    }

    /// The next CRLF `--boundary` that really is a delimiter: followed by `--`, or by
    /// optional spaces and a line break. Anything else (`--boundaryX`) is content.
    static func nextDelimiter(_ delimiter: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        var from = start
        while let found = find(delimiter, in: bytes, from: from) {
            var after = found + delimiter.count
            if matches(bytes, at: after, Array("--".utf8)) { return found }
            while after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x09 { after += 1 }
            if matches(bytes, at: after, [0x0D, 0x0A]) { return found }
            from = found + 1
        }
        return nil
    }

    static func matches(_ bytes: [UInt8], at offset: Int, _ needle: [UInt8]) -> Bool {
        guard offset >= 0, offset + needle.count <= bytes.count else { return false }
        for i in 0..<needle.count where bytes[offset + i] != needle[i] { return false }
        return true
    }

    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int, limit: Int = .max) -> Int? {
        let last = min(bytes.count, limit) - needle.count
        guard start <= last else { return nil }
        let first = needle[0]
        var i = start
        while i <= last {
            if bytes[i] == first && matches(bytes, at: i, needle) { return i }
            i += 1
        }
        return nil
    }

    /// Header lines `Name: value`, names lower-cased. Lines folded with leading
    /// whitespace (obsolete since RFC 7230) and lines without a colon are refused.
    static func headers(_ block: [UInt8]) throws(Failure) -> [String: String] {
        var out: [String: String] = [:]
        let text = String(decoding: block, as: UTF8.self)
        for line in text.split(separator: "\r\n", omittingEmptySubsequences: true) {
            guard let first = line.first, first != " " && first != "\t", let colon = line.firstIndex(of: ":") else {
                throw Failure("A part has a malformed header line.")
            }
            let name = line[..<colon].lowercased()
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else { throw Failure("A part has a malformed header name.") }
            guard out[name] == nil else { throw Failure("A part repeats the header \(name).") }
            out[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return out
    }

    /// `form-data; name="file"; filename="견적서.pdf"`: the disposition and its
    /// parameters, names lower-cased. Quoted strings take `\"` escapes (curl) and bytes as
    /// sent (browsers send UTF-8 and percent-encode `"` as `%22`); `filename*` is RFC 8187.
    static func parameters(_ value: String) throws(Failure) -> (String, [String: String]) {
        let scalars = Array(value.unicodeScalars)
        var i = 0
        func skipSpace() { while i < scalars.count, scalars[i] == " " || scalars[i] == "\t" { i += 1 } }
        func token() -> String {
            var s = ""
            while i < scalars.count, scalars[i] != ";" && scalars[i] != "=" && scalars[i] != " " && scalars[i] != "\t" { s.unicodeScalars.append(scalars[i]); i += 1 }
            return s
        }
        skipSpace()
        let kind = token()
        var params: [String: String] = [:]
        while true {
            skipSpace()
            if i >= scalars.count { break }
            guard scalars[i] == ";" else { throw Failure("A Content-Disposition parameter is malformed.") }
            i += 1
            skipSpace()
            if i >= scalars.count { break }
            let name = token().lowercased()
            skipSpace()
            guard !name.isEmpty, i < scalars.count, scalars[i] == "=" else { throw Failure("A Content-Disposition parameter has no value.") }
            i += 1
            skipSpace()
            var v = ""
            if i < scalars.count, scalars[i] == "\"" {
                i += 1
                var closed = false
                while i < scalars.count {
                    let c = scalars[i]
                    if c == "\\", i + 1 < scalars.count { v.unicodeScalars.append(scalars[i + 1]); i += 2; continue }
                    if c == "\"" { closed = true; i += 1; break }
                    v.unicodeScalars.append(c)
                    i += 1
                }
                guard closed else { throw Failure("A Content-Disposition parameter has an unclosed quote.") }
            } else {
                v = token()
            }
            guard params[name] == nil else { throw Failure("A Content-Disposition parameter is repeated.") }
            if name == "filename*" {
                guard let decoded = extValue(v) else { throw Failure("filename* is not RFC 8187 UTF-8.") }
                v = decoded
            }
            params[name] = v
        }
        return (kind, params)
    }

    /// `UTF-8''%EA%B2%AC…` (RFC 8187); other charsets are refused.
    static func extValue(_ text: String) -> String? {
        let pieces = text.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
        guard pieces.count == 3, pieces[0].lowercased() == "utf-8" else { return nil }
        var bytes: [UInt8] = []
        var it = Array(pieces[2].utf8)[...]
        while let b = it.popFirst() {
            if b == UInt8(ascii: "%") {
                guard it.count >= 2, let hi = hexValue(it.removeFirst()), let lo = hexValue(it.removeFirst()) else { return nil }
                bytes.append(hi << 4 | lo)
            } else {
                bytes.append(b)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): b - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
