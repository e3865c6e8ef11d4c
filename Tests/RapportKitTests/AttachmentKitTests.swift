import Foundation
import RapportKit
import Testing

/// Bodies posted by headless Chromium 156 from a page with a hidden `_csrf` field and a
/// file input (captured from the wire): a Korean PDF name, a Japanese CSV name, and the
/// form sent with no file chosen.
enum ChromiumBodies {
    static let koreanPDF = (
        boundary: "----WebKitFormBoundarytpgDyg6rKTSZogrH",
        body: "LS0tLS0tV2ViS2l0Rm9ybUJvdW5kYXJ5dHBnRHlnNnJLVFNab2dySA0KQ29udGVudC1EaXNwb3NpdGlvbjogZm9ybS1kYXRhOyBuYW1lPSJfY3NyZiINCg0KdG9rMTIzDQotLS0tLS1XZWJLaXRGb3JtQm91bmRhcnl0cGdEeWc2cktUU1pvZ3JIDQpDb250ZW50LURpc3Bvc2l0aW9uOiBmb3JtLWRhdGE7IG5hbWU9ImZpbGUiOyBmaWxlbmFtZT0i6rKs7KCB7IScIDIwMjYucGRmIg0KQ29udGVudC1UeXBlOiBhcHBsaWNhdGlvbi9wZGYNCg0KJVBERi0xLjQKJeLjz9MKMSAwIG9iajw8Pj5lbmRvYmoKdHJhaWxlcjw8Pj4KJSVFT0YKDQotLS0tLS1XZWJLaXRGb3JtQm91bmRhcnl0cGdEeWc2cktUU1pvZ3JILS0NCg==")
    static let japaneseCSV = (
        boundary: "----WebKitFormBoundaryWYhwvjQolNuGkBnf",
        body: "LS0tLS0tV2ViS2l0Rm9ybUJvdW5kYXJ5V1lod3ZqUW9sTnVHa0JuZg0KQ29udGVudC1EaXNwb3NpdGlvbjogZm9ybS1kYXRhOyBuYW1lPSJfY3NyZiINCg0KdG9rMTIzDQotLS0tLS1XZWJLaXRGb3JtQm91bmRhcnlXWWh3dmpRb2xOdUdrQm5mDQpDb250ZW50LURpc3Bvc2l0aW9uOiBmb3JtLWRhdGE7IG5hbWU9ImZpbGUiOyBmaWxlbmFtZT0i6KaL56mN5pu4X+acgOe1gueJiC5jc3YiDQpDb250ZW50LVR5cGU6IHRleHQvY3N2DQoNCm5hbWUsZW1haWwK5bGx55Sw5aSq6YOOLHRhcm9AZXhhbXBsZS5qcAoNCi0tLS0tLVdlYktpdEZvcm1Cb3VuZGFyeVdZaHd2alFvbE51R2tCbmYtLQ0K")
    static let noFileChosen = (
        boundary: "----WebKitFormBoundary0xJ7GjxcQYm1ILzH",
        body: "LS0tLS0tV2ViS2l0Rm9ybUJvdW5kYXJ5MHhKN0dqeGNRWW0xSUx6SA0KQ29udGVudC1EaXNwb3NpdGlvbjogZm9ybS1kYXRhOyBuYW1lPSJfY3NyZiINCg0KdG9rMTIzDQotLS0tLS1XZWJLaXRGb3JtQm91bmRhcnkweEo3R2p4Y1FZbTFJTHpIDQpDb250ZW50LURpc3Bvc2l0aW9uOiBmb3JtLWRhdGE7IG5hbWU9ImZpbGUiOyBmaWxlbmFtZT0iIg0KQ29udGVudC1UeXBlOiBhcHBsaWNhdGlvbi9vY3RldC1zdHJlYW0NCg0KDQotLS0tLS1XZWJLaXRGb3JtQm91bmRhcnkweEo3R2p4Y1FZbTFJTHpILS0NCg==")

    static func bytes(_ base64: String) -> [UInt8] { Array(Data(base64Encoded: base64)!) }
}

@Suite struct MultipartFormTests {
    @Test func readsChromiumUploadWithKoreanName() throws {
        let body = ChromiumBodies.bytes(ChromiumBodies.koreanPDF.body)
        let boundary = try #require(MultipartForm.boundary(contentType: "multipart/form-data; boundary=\(ChromiumBodies.koreanPDF.boundary)"))
        let form = try MultipartForm(body, boundary: boundary)
        #expect(form.parts.map(\.name) == ["_csrf", "file"])
        #expect(MultipartForm.text(try #require(form.part("_csrf")), in: body) == "tok123")
        let file = try #require(form.part("file"))
        #expect(file.fileName == "견적서 2026.pdf")
        #expect(file.contentType == "application/pdf")
        let content = Array(body[file.range])
        #expect(content.starts(with: Array("%PDF-1.4".utf8)) && content.suffix(6) == ArraySlice("%%EOF\n".utf8))
        #expect(content.count == 51)
    }

    @Test func readsChromiumUploadWithJapaneseName() throws {
        let body = ChromiumBodies.bytes(ChromiumBodies.japaneseCSV.body)
        let form = try MultipartForm(body, boundary: ChromiumBodies.japaneseCSV.boundary)
        let file = try #require(form.part("file"))
        #expect(file.fileName == "見積書_最終版.csv")
        #expect(String(decoding: body[file.range], as: UTF8.self) == "name,email\n山田太郎,taro@example.jp\n")
    }

    @Test func noFileChosenIsAnEmptyNameAndNoBytes() throws {
        let body = ChromiumBodies.bytes(ChromiumBodies.noFileChosen.body)
        let file = try #require(try MultipartForm(body, boundary: ChromiumBodies.noFileChosen.boundary).part("file"))
        #expect(file.fileName == "" && file.range.isEmpty)
    }

    static func body(_ text: String) -> [UInt8] { Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8) }

    @Test func boundaryTextInsideContentThatIsNotADelimiterStays() throws {
        // The boundary appears inside the content, but not after CRLF, so it is content.
        let body = Self.body("--XyZ\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\n\nbefore --XyZ after\n--XyZx not it either\n--XyZ--\n")
        let form = try MultipartForm(body, boundary: "XyZ")
        let file = try #require(form.part("file"))
        #expect(String(decoding: body[file.range], as: UTF8.self) == "before --XyZ after\r\n--XyZx not it either")
    }

    @Test func preambleAndEpilogueAndPaddingAreAllowed() throws {
        let body = Self.body("This is a preamble\n--b  \nContent-Disposition: form-data; name=\"a\"\n\n1\n--b\nContent-Disposition: form-data; name=\"b\"\n\n\n--b--\nepilogue")
        let form = try MultipartForm(body, boundary: "b")
        #expect(form.parts.map(\.name) == ["a", "b"])
        #expect(form.part("b")?.range.isEmpty == true)
    }

    @Test func quotedBoundaryAndEscapedNamesAndRFC8187() throws {
        #expect(MultipartForm.boundary(contentType: #"Multipart/Form-Data; charset=utf-8; boundary="a b:c""#) == "a b:c")
        #expect(MultipartForm.boundary(contentType: "multipart/mixed; boundary=x") == nil)
        #expect(MultipartForm.boundary(contentType: "multipart/form-data") == nil)
        #expect(MultipartForm.boundary(contentType: "multipart/form-data; boundary=" + String(repeating: "a", count: 71)) == nil)
        let body = Self.body(#"--q\#nContent-Disposition: form-data; name="file"; filename="say \"hi\".txt"; filename*=UTF-8''%E8%A6%8B%E7%A9%8D.txt\#n\#nx\#n--q--\#n"#)
        #expect(try MultipartForm(body, boundary: "q").part("file")?.fileName == "見積.txt")
        #expect(MultipartForm.fileName(disposition: #"attachment; filename="say \"hi\".txt""#) == #"say "hi".txt"#)
        #expect(MultipartForm.fileName(disposition: "attachment; filename*=ISO-8859-1''caf%E9.txt") == nil)
    }

    @Test(arguments: [
        // No boundary anywhere.
        "Content-Disposition: form-data; name=\"a\"\n\n1\n",
        // Never closed.
        "--b\nContent-Disposition: form-data; name=\"a\"\n\n1 and no end",
        // Headers without their blank line.
        "--b\nContent-Disposition: form-data; name=\"a\"\n",
        // No Content-Disposition, or one without a name, or not form-data.
        "--b\nContent-Type: text/plain\n\n1\n--b--\n",
        "--b\nContent-Disposition: form-data\n\n1\n--b--\n",
        "--b\nContent-Disposition: attachment; name=\"a\"\n\n1\n--b--\n",
        // A folded header, a header line without a colon, a repeated header.
        "--b\nContent-Disposition: form-data;\n name=\"a\"\n\n1\n--b--\n",
        "--b\nContent-Disposition form-data; name=\"a\"\n\n1\n--b--\n",
        "--b\nContent-Disposition: form-data; name=\"a\"\nContent-Disposition: form-data; name=\"b\"\n\n1\n--b--\n",
        // An unclosed quote; garbage after the boundary; only the closing delimiter.
        "--b\nContent-Disposition: form-data; name=\"a\n\n1\n--b--\n",
        "--bX\nContent-Disposition: form-data; name=\"a\"\n\n1\n--b--\n",
        "--b--\n",
    ])
    func refusesWhatItCannotReadWithCertainty(_ text: String) {
        #expect(throws: MultipartForm.Failure.self) { try MultipartForm(Self.body(text), boundary: "b") }
    }

    @Test func boundsPartsAndHeaders() {
        let many = (0..<30).map { "--b\nContent-Disposition: form-data; name=\"f\($0)\"\n\n\($0)\n" }.joined() + "--b--\n"
        #expect(throws: MultipartForm.Failure.self) { try MultipartForm(Self.body(many), boundary: "b", maxParts: 20) }
        let longHeader = "--b\nContent-Disposition: form-data; name=\"a\"\nX-Pad: " + String(repeating: "p", count: 10_000) + "\n\n1\n--b--\n"
        #expect(throws: MultipartForm.Failure.self) { try MultipartForm(Self.body(longHeader), boundary: "b") }
    }

    /// A file of every byte value whose content ends in CR, LF and dashes, the places a
    /// reader that looks for the boundary loosely cuts too early or too late.
    @Test func binaryContentEndingInLineBreaksAndDashes() throws {
        let content: [UInt8] = Array(0...255) + Array("\r\n--\r\n-".utf8)
        let body = Array("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.bin\"\r\n\r\n".utf8) + content + Array("\r\n--b--\r\n".utf8)
        let file = try #require(try MultipartForm(body, boundary: "b").part("file"))
        #expect(Array(body[file.range]) == content)
    }
}

@Suite struct ContentSnifferTests {
    static func sniff(_ bytes: [UInt8], name: String = "x", chunk: Int = 7) -> String {
        var s = ContentSniffer()
        // Fed in small pieces, as uploads arrive, so a character split across two pieces counts.
        for start in stride(from: 0, to: bytes.count, by: chunk) { s.feed(bytes[start..<min(start + chunk, bytes.count)]) }
        return s.contentType(fileName: name)
    }

    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]

    @Test func magicNumbersDecideNotNames() {
        #expect(Self.sniff(Self.png, name: "report.pdf") == "image/png")
        #expect(Self.sniff(Array("%PDF-1.7\n".utf8) + [0xE2, 0xE3, 0xCF, 0xD3], name: "a.png") == "application/pdf")
        #expect(Self.sniff([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46]) == "image/jpeg")
        #expect(Self.sniff(Array("GIF89a".utf8) + [1, 0, 1, 0]) == "image/gif")
        #expect(Self.sniff(Array("RIFF".utf8) + [0x24, 0, 0, 0] + Array("WEBPVP8 ".utf8)) == "image/webp")
        #expect(Self.sniff(Array("RIFF".utf8) + [0x24, 0, 0, 0] + Array("WAVEfmt ".utf8)) == "application/octet-stream")
        #expect(Self.sniff(Array("<html><script>alert(1)</script>".utf8), name: "x.html") == "text/plain; charset=utf-8")
        #expect(Self.sniff([0x4D, 0x5A, 0x90, 0, 3, 0, 0, 0], name: "setup.exe") == "application/octet-stream")
    }

    @Test func textIsValidUTF8WithoutControlCharacters() {
        #expect(Self.sniff(Array("이름,회사\n김보경,한빛\n".utf8), name: "목록.CSV") == "text/csv; charset=utf-8")
        #expect(Self.sniff(Array("山田太郎\tやまだ\r\n".utf8), chunk: 1) == "text/plain; charset=utf-8")
        // Shift_JIS, a lone NUL, an overlong slash, a UTF-16 surrogate, a cut-off character.
        #expect(Self.sniff([0x8E, 0x52, 0x93, 0x63]) == "application/octet-stream")
        #expect(Self.sniff(Array("abc".utf8) + [0]) == "application/octet-stream")
        #expect(Self.sniff([0xC0, 0xAF]) == "application/octet-stream")
        #expect(Self.sniff([0xED, 0xA0, 0x80]) == "application/octet-stream")
        #expect(Self.sniff(Array("가".utf8).dropLast().map { $0 }) == "application/octet-stream")
        #expect(Self.sniff([]) == "application/octet-stream")
    }

    @Test func largeFilesAreJudgedWhole() {
        // Text stays text only if every byte is: a bad byte far past the kept head counts.
        let text = Array(repeating: UInt8(ascii: "a"), count: 200_000)
        #expect(Self.sniff(text, chunk: 4096) == "text/plain; charset=utf-8")
        #expect(Self.sniff(text + [0xFF], chunk: 4096) == "application/octet-stream")
        #expect(Self.sniff(text + [0], chunk: 4096) == "application/octet-stream")
        // A binary file is looked at for its head only; its kind stays.
        #expect(Self.sniff(Self.png + Array(repeating: 0, count: 200_000) + Array("plain".utf8), chunk: 4096) == "image/png")
    }

    /// A ZIP's first local file header, as Word, Excel and PowerPoint write them (sizes in
    /// the header), or as streaming writers do (sizes after the data, flag bit 3).
    static func zip(_ entries: [(String, [UInt8])], streamed: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func le32(_ v: Int) -> [UInt8] { le16(v & 0xFFFF) + le16(v >> 16) }
        for (name, data) in entries {
            let n = Array(name.utf8)
            out += [0x50, 0x4B, 0x03, 0x04] + le16(20) + le16(streamed ? 8 : 0) + le16(0) + le32(0) + le32(0)
            out += le32(streamed ? 0 : data.count) + le32(streamed ? 0 : data.count) + le16(n.count) + le16(0) + n + data
            if streamed { out += [0x50, 0x4B, 0x07, 0x08] + le32(0) + le32(data.count) + le32(data.count) }
        }
        return out
    }

    @Test func officeFilesAreToldApartByTheirParts() {
        let types = Array("<?xml version=\"1.0\"?><Types/>".utf8)
        #expect(Self.sniff(Self.zip([("[Content_Types].xml", types), ("_rels/.rels", types), ("word/document.xml", types)])) == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        #expect(Self.sniff(Self.zip([("[Content_Types].xml", types), ("xl/workbook.xml", types)], streamed: true)) == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        #expect(Self.sniff(Self.zip([("[Content_Types].xml", types), ("ppt/presentation.xml", types)])) == "application/vnd.openxmlformats-officedocument.presentationml.presentation")
        #expect(Self.sniff(Self.zip([("photos/a.jpg", [1, 2, 3])])) == "application/octet-stream")
    }
}

@Suite struct AttachmentNameTests {
    @Test(arguments: [
        ("견적서.pdf", "견적서.pdf"), ("  見積書 (最終).xlsx ", "見積書 (最終).xlsx"),
        ("../../etc/passwd", "passwd"), (#"C:\Users\kim\Desktop\계약서.docx"#, "계약서.docx"), (".env", ".env"),
        // macOS sends Hangul decomposed; it is kept composed, as typed elsewhere.
        ("\u{1100}\u{1161}\u{11A8}.txt", "각.txt"),
    ])
    func keeps(_ raw: String, _ kept: String) throws {
        // Compared byte for byte: Swift's == would call decomposed and composed Hangul equal.
        #expect(Array(try AttachmentName.validate(raw).get().utf8) == Array(kept.utf8))
    }

    @Test(arguments: ["", "   ", "dir/", "..", "a\u{0}b.txt", "line\nbreak.txt", "invoice\u{202E}fdp.exe", "a\u{7F}.txt", String(repeating: "가", count: 86)])
    func refuses(_ raw: String) {
        #expect(throws: FieldError.self) { try AttachmentName.validate(raw).get() }
    }

    @Test func dispositionKeepsKoreanAndJapaneseNames() {
        #expect(ContentDisposition.attachment(fileName: "견적서 2026.pdf") == #"attachment; filename="___ 2026.pdf"; filename*=UTF-8''%EA%B2%AC%EC%A0%81%EC%84%9C%202026.pdf"#)
        #expect(ContentDisposition.attachment(fileName: #"見積"q"\%.csv"#) == #"attachment; filename="___q___.csv"; filename*=UTF-8''%E8%A6%8B%E7%A9%8D%22q%22%5C%25.csv"#)
    }

    @Test func sizesReadTheLocalWay() {
        #expect(ByteCountDisplay.format(532, language: "en") == "532 bytes")
        #expect(ByteCountDisplay.format(532, language: "ko") == "532 바이트")
        #expect(ByteCountDisplay.format(1536, language: "ja") == "1.5 KB")
        #expect(ByteCountDisplay.format(25 << 20, language: "en") == "25 MB")
        #expect(ByteCountDisplay.format(3_565_158, language: "ko") == "3.4 MB")
    }
}
