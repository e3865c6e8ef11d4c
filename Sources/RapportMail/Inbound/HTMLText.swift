/// The readable text of an HTML mail body, for a message that came without a plain part:
/// tags dropped, `<script>` and `<style>` dropped whole, block ends as line breaks and
/// character references decoded. Not a renderer: good enough to read and to search.
public enum HTMLText {
    /// Elements that start or end a line, opening or closing.
    static let blocks: Set<String> = ["br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "blockquote", "table"]
    static let named: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "#39": "'"]

    public static func plain(_ html: String) -> String {
        var out = ""
        var i = html.startIndex
        var skipping: String?
        while i < html.endIndex {
            let c = html[i]
            if c == "<", let close = html[i...].firstIndex(of: ">") {
                let inner = html[html.index(after: i)..<close]
                let name = String(inner.prefix { !$0.isWhitespace && $0 != ">" && ($0 != "/" || inner.first == "/") }).lowercased()
                if let open = skipping {
                    if name == "/" + open { skipping = nil }
                } else if name == "script" || name == "style" {
                    skipping = name
                } else if blocks.contains(name.hasPrefix("/") ? String(name.dropFirst()) : name) {
                    if !out.hasSuffix("\n") { out.append("\n") }
                }
                i = html.index(after: close)
                continue
            }
            if skipping != nil { i = html.index(after: i); continue }
            if c == "&", let semi = html[i...].prefix(12).firstIndex(of: ";") {
                let entity = String(html[html.index(after: i)..<semi])
                if let text = named[entity.lowercased()] {
                    out += text
                    i = html.index(after: semi)
                    continue
                }
                if entity.hasPrefix("#") {
                    let digits = entity.dropFirst()
                    let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
                    if let value, let scalar = Unicode.Scalar(value) {
                        out.unicodeScalars.append(scalar)
                        i = html.index(after: semi)
                        continue
                    }
                }
            }
            out.append(c == "\r\n" || c == "\r" ? "\n" : c)
            i = html.index(after: i)
        }
        // Source line breaks and runs of blank lines are layout, not text.
        var lines: [Substring] = []
        var blank = 0
        for line in out.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty { blank += 1; if blank > 1 { continue } } else { blank = 0 }
            lines.append(trimmed)
        }
        return lines.joined(separator: "\n").trimmingASCIIWhitespace()
    }
}
