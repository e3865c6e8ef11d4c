/// The printed quote. (The deal board keeps its own styles in BoardStyles.)
enum SalesStyles {
    static let css = """
        .quote .totals { max-width: 24rem; margin: 16px 0 0 auto; }
        .quote td:nth-child(n+2), .quote th:nth-child(n+2) { text-align: right; }
        .quote td:nth-child(n+3) { white-space: nowrap; } .quote { max-width: 56rem; }
        .quote .seller { font-style: normal; margin: 0 0 12px; } .quote .seller .body { white-space: pre-wrap; }
        @media print { table.list { border: 0; } }

        """
}
