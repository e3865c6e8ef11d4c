/// The printed quote (견적서, 見積書): a document that reads the same on screen, on A4 and on
/// Letter. `@page` names no size, so the printer's paper decides; the lines stay a table
/// at every width. (The deal board keeps its own styles in BoardStyles, the quote builder
/// in QuoteBuilderStyles.)
enum SalesStyles {
    static let css = """
        .quote-doc { max-width: 52rem; margin: 0 auto; background: var(--surface); color: var(--ink); padding: var(--sp-6); border: 1px solid var(--line); border-radius: var(--radius); }
        .qd-tools { display: flex; justify-content: space-between; align-items: center; margin-bottom: var(--sp-4); }
        .qd-tools button { margin: 0; }
        .qd-head { display: flex; justify-content: space-between; align-items: flex-start; gap: var(--sp-4); border-bottom: 2px solid var(--ink); padding-bottom: var(--sp-3); }
        .qd-head h1 { margin: 0; font-size: var(--fs-xl); letter-spacing: .08em; }
        .qd-meta { display: grid; grid-template-columns: max-content max-content; gap: 2px var(--sp-3); margin: 0; font-size: var(--fs-sm); }
        .qd-meta dt { color: var(--muted); } .qd-meta dd { margin: 0; text-align: right; }
        .qd-parties { display: grid; grid-template-columns: 1fr 1fr; gap: var(--sp-5); margin: var(--sp-4) 0; }
        .qd-parties section { padding: 0; border: 0; box-shadow: none; background: none; margin: 0; }
        .qd-parties h2 { font-size: var(--fs-xs); color: var(--muted); font-weight: 600; margin: 0 0 4px; }
        .qd-parties p, .qd-parties address { margin: 0 0 4px; font-style: normal; }
        .qd-buyer .qd-name { font-size: var(--fs-lg); font-weight: 600; border-bottom: 1px solid var(--ink); display: inline-block; padding-bottom: 2px; }
        .qd-address, .qd-seller .body { white-space: pre-wrap; }
        .qd-greeting { margin: var(--sp-3) 0 var(--sp-2); }
        .qd-amount { display: flex; gap: var(--sp-4); align-items: baseline; border-bottom: 2px solid var(--ink); padding: 4px 0; max-width: 26rem; margin: 0 0 var(--sp-4); }
        .qd-amount strong { font-size: var(--fs-xl); }
        table.qd-lines { width: 100%; border-collapse: collapse; font-size: var(--fs-sm); }
        .qd-lines th { background: var(--soft); color: var(--ink); font-weight: 600; text-align: left; padding: 6px 8px; border: 1px solid var(--line); white-space: nowrap; word-break: keep-all; }
        .qd-lines td { padding: 6px 8px; border: 1px solid var(--line); vertical-align: top; overflow-wrap: break-word; }
        .qd-lines .num { text-align: right; }
        .qd-totals { display: grid; grid-template-columns: 1fr max-content; gap: 4px 0; max-width: 22rem; margin: var(--sp-3) 0 0 auto; }
        .qd-totals dt { color: var(--muted); padding-right: var(--sp-4); } .qd-totals dd { margin: 0; text-align: right; }
        .qd-totals .rate { font-size: var(--fs-sm); }
        .qd-totals .grand { font-weight: 700; color: var(--ink); border-top: 2px solid var(--ink); padding-top: 4px; }
        .qd-notes { border: 0; padding: 0; margin-top: var(--sp-5); box-shadow: none; background: none; }
        .qd-notes h2 { font-size: var(--fs-sm); }
        @media (max-width: 720px) {
          .quote-doc { padding: var(--sp-3); }
          .qd-head { flex-direction: column; } .qd-parties { grid-template-columns: 1fr; gap: var(--sp-3); }
          .qd-lines { font-size: var(--fs-xs); } .qd-lines th, .qd-lines td { padding: 4px; }
          .qd-scroll { overflow-x: auto; }
        }
        body:has(.quote-doc) header.top .languages { display: none; }
        @page { margin: 14mm 12mm; }
        @media print {
          body:has(.quote-doc) header.top { display: none; }
          .quote-doc { max-width: none; border: 0; padding: 0; border-radius: 0; }
          .qd-parties { grid-template-columns: 1fr 1fr; } .qd-head { flex-direction: row; }
          .qd-lines { font-size: 9.5pt; } .qd-lines th, .qd-lines td { padding: 4px 6px; }
          .qd-lines thead { display: table-header-group; } .qd-lines tr { break-inside: avoid; }
          .qd-lines th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }

        """
}
