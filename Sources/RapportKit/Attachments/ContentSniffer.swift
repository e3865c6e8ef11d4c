/// What a file is, decided from its bytes as they stream past, never from the name or the
/// type a client claims: a page that served an uploaded HTML file as `text/html` would run
/// its script on Rapport's origin.
///
/// Recognised: PDF, PNG, JPEG, GIF, WebP, the ZIP-based Office formats (Word, Excel,
/// PowerPoint) and UTF-8 text; anything else is `application/octet-stream`.
public struct ContentSniffer: Sendable {
    /// Bytes kept from the start of the file: enough for every magic number and for the
    /// first entries of a ZIP archive.
    static let headLimit = 64 * 1024

    private var head: [UInt8] = []
    private var utf8 = UTF8Validator()
    private var controlCharacters = false
    public private(set) var count = 0

    public init() {}

    public mutating func feed<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        // Once the head is kept and the bytes cannot be text, no later byte changes the
        // answer: a large PDF or video is looked at for its first 64 KiB only.
        if head.count >= Self.headLimit && (controlCharacters || !utf8.valid) {
            count += bytes.count
            return
        }
        for byte in bytes {
            if head.count < Self.headLimit { head.append(byte) }
            count += 1
            utf8.feed(byte)
            // Text has tabs, line breaks and form feeds; any other C0 control (NUL above
            // all) or DEL marks a binary file.
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C || byte == 0x7F { controlCharacters = true }
        }
    }

    public enum Kind: String, Sendable, CaseIterable {
        case pdf, png, jpeg, gif, webp, docx, xlsx, pptx, text, binary
    }

    /// The kind the bytes fed so far make.
    public var kind: Kind {
        if starts(with: Array("%PDF-".utf8)) { return .pdf }
        if starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(with: Array("GIF87a".utf8)) || starts(with: Array("GIF89a".utf8)) { return .gif }
        if starts(with: Array("RIFF".utf8)), head.count >= 12, Array(head[8..<12]) == Array("WEBP".utf8) { return .webp }
        if starts(with: [0x50, 0x4B, 0x03, 0x04]) { return Self.office(head) ?? .binary }
        if count > 0, utf8.isComplete, !controlCharacters { return .text }
        return .binary
    }

    /// The media type to serve the file with. For text the name's extension only chooses
    /// between plain text and CSV, both inert in a browser.
    public func contentType(fileName: String) -> String {
        switch kind {
        case .pdf: "application/pdf"
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .gif: "image/gif"
        case .webp: "image/webp"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        case .text: fileName.lowercased().hasSuffix(".csv") ? "text/csv; charset=utf-8" : "text/plain; charset=utf-8"
        case .binary: "application/octet-stream"
        }
    }

    private func starts(with magic: [UInt8]) -> Bool {
        head.count >= magic.count && Array(head[0..<magic.count]) == magic
    }

    /// An Office Open XML package names its parts `word/…`, `xl/…` or `ppt/…`. The local
    /// file headers are read one after another; an entry whose sizes follow its data
    /// (general-purpose flag bit 3) is skipped by looking for the next header.
    static func office(_ bytes: [UInt8]) -> Kind? {
        var offset = 0
        let signature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        var entries = 0
        while offset + 30 <= bytes.count, Array(bytes[offset..<offset + 4]) == signature, entries < 64 {
            entries += 1
            let flags = u16(offset + 6)
            let compressed = u32(offset + 18)
            let nameLength = u16(offset + 26), extraLength = u16(offset + 28)
            let nameStart = offset + 30
            guard nameStart + nameLength <= bytes.count else { return nil }
            let name = String(decoding: bytes[nameStart..<nameStart + nameLength], as: UTF8.self)
            if name.hasPrefix("word/") { return .docx }
            if name.hasPrefix("xl/") { return .xlsx }
            if name.hasPrefix("ppt/") { return .pptx }
            let dataStart = nameStart + nameLength + extraLength
            if flags & 0x08 != 0 {
                // Sizes come after the data: find the next local header instead.
                guard let next = firstIndex(of: signature, in: bytes, from: dataStart) else { return nil }
                offset = next
            } else {
                offset = dataStart + compressed
            }
        }
        return nil
    }

    static func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard needle.count <= bytes.count, start <= bytes.count - needle.count else { return nil }
        var i = start
        while i <= bytes.count - needle.count {
            if bytes[i] == needle[0], Array(bytes[i..<i + needle.count]) == needle { return i }
            i += 1
        }
        return nil
    }
}

/// Checks UTF-8 one byte at a time (RFC 3629: no overlong forms, no surrogates, nothing
/// above U+10FFFF), so a file of any size is judged without holding it.
struct UTF8Validator: Sendable {
    private var pending = 0
    private var low: UInt8 = 0x80, high: UInt8 = 0xBF
    private(set) var valid = true

    /// Valid so far and not cut inside a character.
    var isComplete: Bool { valid && pending == 0 }

    mutating func feed(_ byte: UInt8) {
        guard valid else { return }
        if pending > 0 {
            guard byte >= low && byte <= high else { valid = false; return }
            pending -= 1
            low = 0x80
            high = 0xBF
            return
        }
        switch byte {
        case 0x00...0x7F: return
        case 0xC2...0xDF: pending = 1
        case 0xE0: pending = 2; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: pending = 2
        case 0xED: pending = 2; high = 0x9F
        case 0xF0: pending = 3; low = 0x90
        case 0xF1...0xF3: pending = 3
        case 0xF4: pending = 3; high = 0x8F
        default: valid = false
        }
    }
}
