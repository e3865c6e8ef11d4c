import Mustache
@testable import RapportServer
import Testing

/// Rows drawn in Swift sit inside pages drawn by Mustache: both must escape the same five
/// characters the same way, for any text a user can type.
@Suite struct HTMLWriterTests {
    static let template = try! MustacheTemplate(string: "{{text}}")

    /// The templates' escaping.
    static func mustache(_ text: String) -> String {
        template.render(["text": text])
    }

    @Test func escapesAsTheTemplatesDo() {
        let samples = ["", "plain", "<script>alert('x')</script>", "a & b \"quoted\" 'single'", "김보경 <bogyeong@example.kr>", "山田 & 太郎", "&amp;", "🎉<>🎉"]
        for sample in samples {
            #expect(HTMLWriter.escaped(sample) == Self.mustache(sample), "\(sample)")
        }
    }

    @Test func generatedTextEscapesAsTheTemplatesDo() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("<>&\"' a1김山😀\n\t=/")
        for _ in 0..<500 {
            let text = String((0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(HTMLWriter.escaped(text) == Self.mustache(text), "\(text)")
        }
    }

    @Test func aListRowEscapesEveryValueAndLinksOnlyLinks() {
        let row = ListRow(id: "r1", etag: "\"3\"", title: "<b>Ada</b>", reading: "", initials: "A", color: 2, cells: [
            ListCell(label: "Email", parts: [ValuePart(text: "a\"b@example.com", href: "mailto:a\"b@example.com")], edit: "emails"),
            ListCell(label: "Tags", parts: [], edit: "tags"),
            ListCell(label: "Created", parts: [], edit: nil),
        ])
        let html = ListRowsHTML(typeName: "people", avatars: true, selectable: true).render([row])
        #expect(html.contains(#"data-etag="&quot;3&quot;""#))
        #expect(html.contains("&lt;b&gt;Ada&lt;/b&gt;") && !html.contains("<b>"))
        #expect(html.contains(#"<a href="mailto:a&quot;b@example.com">a&quot;b@example.com</a>"#))
        // An empty editable cell shows a dash to click; an empty read-only one shows nothing.
        #expect(html.contains(#"<td data-label="Tags" class="empty" data-edit="tags">—</td>"#))
        #expect(html.contains(#"<td data-label="Created" class="empty"></td>"#))
        #expect(html.contains(#"<input type="checkbox" name="ids" value="r1" aria-label="&lt;b&gt;Ada&lt;/b&gt;">"#))
    }
}
