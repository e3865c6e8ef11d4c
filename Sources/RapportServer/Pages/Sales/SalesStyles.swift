/// The deal board and the printed quote.
enum SalesStyles {
    static let css = """
        .quote .totals { max-width: 24rem; margin: 16px 0 0 auto; }
        .quote td:nth-child(n+2), .quote th:nth-child(n+2) { text-align: right; }
        .quote td:nth-child(n+3) { white-space: nowrap; } .quote { max-width: 56rem; }
        .quote .seller { font-style: normal; margin: 0 0 12px; } .quote .seller .body { white-space: pre-wrap; }
        .board { display: flex; gap: 12px; overflow-x: auto; align-items: flex-start; padding-bottom: 8px; }
        .board .column { flex: 1 0 15rem; max-width: 20rem; background: var(--soft); border-radius: 8px; padding: 10px; }
        .board .column.drop { outline: 3px dashed var(--accent); }
        .board h2 { font-size: 1rem; margin: 0; } .board .hint { margin: 2px 0 8px; }
        ul.cards { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
        .card { background: var(--surface); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; }
        .card form.move { display: flex; gap: 6px; margin-top: 6px; } .card form.move select { min-height: 36px; padding: 4px 6px; }
        .card form.move button { margin: 0; min-height: 36px; padding: 4px 10px; white-space: nowrap; }
        .card form.move select { flex: 1; min-width: 0; }
        @media (max-width: 720px) {
          .board { flex-direction: column; } .board .column { max-width: none; width: 100%; flex-basis: auto; }
        }
        @media print { table.list { border: 0; } }

        """
}
