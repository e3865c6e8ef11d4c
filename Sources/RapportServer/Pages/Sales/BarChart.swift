/// Bar charts whose words are HTML text and whose bars are small SVGs stretched to the
/// row: text keeps the page's type size at any width (an SVG chart with its text inside
/// shrank to about 6 px on a phone), and the bar lengths need no inline style, which the
/// pages' content security policy forbids.
enum BarChart {
    struct Bar {
        var label: String
        /// The whole bar.
        var value: Double
        /// A darker part drawn inside it (won within quota, weighted within pipeline).
        var inner: Double?
        /// Every figure the bar shows, as words.
        var text: String
    }

    /// Template rows: `label`, `text` and `svg` (the bar, hidden from screen readers since
    /// the label and text say everything it shows).
    static func rows(_ bars: [Bar]) -> [[String: Any]] {
        let top = max(bars.map(\.value).max() ?? 0, 1)
        return bars.map { bar in
            let full = width(bar.value, of: top)
            var svg = #"<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">"#
            svg += #"<rect class="bar-track" width="100" height="10"/><rect class="bar-full" width="\#(full)" height="10"/>"#
            if let inner = bar.inner { svg += #"<rect class="bar-in" width="\#(width(min(inner, bar.value), of: top))" height="10"/>"# }
            return ["label": bar.label, "text": bar.text, "svg": svg + "</svg>"]
        }
    }

    static func width(_ value: Double, of top: Double) -> String {
        guard value.isFinite, value > 0 else { return "0" }
        return String(format: "%.1f", min(100, value / top * 100))
    }
}
