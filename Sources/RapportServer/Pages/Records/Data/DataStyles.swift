/// Styles of the import wizard (steps, counts) and the merge page's side-by-side table,
/// which on a phone shows each field's label above its two values.
enum DataStyles {
    static let css = """
        .steps { display: flex; flex-wrap: wrap; gap: var(--sp-2) var(--sp-4); list-style: none; padding: 0; margin: 0 0 var(--sp-4); }
        .steps li { display: flex; align-items: center; gap: var(--sp-2); color: var(--muted); font-size: var(--fs-sm); }
        .steps .n { display: inline-flex; align-items: center; justify-content: center; width: 1.75rem; height: 1.75rem; border-radius: 50%; border: 1px solid var(--line); }
        .steps li[aria-current] { color: var(--ink); font-weight: 600; }
        .steps li[aria-current] .n { background: var(--accent); border-color: var(--accent); color: var(--on-accent); }
        .steps li.done .n { border-color: var(--accent); color: var(--accent); }
        .import-report { margin-bottom: var(--sp-4); }
        .import-counts { display: grid; grid-template-columns: repeat(auto-fit, minmax(8rem, 1fr)); gap: var(--sp-3); margin: var(--sp-3) 0; }
        .import-counts div { border: 1px solid var(--line); border-radius: 8px; padding: var(--sp-3); background: var(--surface); }
        .import-counts dt { color: var(--muted); font-size: var(--fs-sm); }
        .import-counts dd { margin: 0; font-size: var(--fs-xl); font-weight: 600; }
        .import-counts .bad dd { color: var(--bad); }
        .import-columns tr.skipped td.sample { color: var(--muted); }
        .import-columns td { vertical-align: middle; }
        .import-columns td.sample { overflow-wrap: anywhere; }
        .merge { margin-top: var(--sp-3); }
        .import-map fieldset.checks { margin: var(--sp-4) 0; }
        .merge-table { width: 100%; border-collapse: collapse; margin-bottom: var(--sp-4); }
        .merge-table th, .merge-table td { text-align: left; padding: var(--sp-2) var(--sp-3); border-bottom: 1px solid var(--line); vertical-align: top; }
        .merge-table thead th { background: var(--soft); }
        .merge-table thead .hint { display: block; font-weight: normal; }
        .merge-table tbody th { color: var(--muted); font-weight: 500; white-space: nowrap; width: 12rem; }
        .merge-table tbody.moves th[scope=rowgroup] { color: var(--ink); font-weight: 600; padding-top: var(--sp-4); }
        .merge-table label { font-weight: normal; display: flex; gap: var(--sp-2); align-items: flex-start; cursor: pointer; min-height: 32px; overflow-wrap: anywhere; }
        .merge-table input[type=radio] { margin-top: .25rem; flex: none; }
        /* The union of two lists reads as a third choice of the row above, not a field of its own. */
        .merge-table tr:has(+ tr.unite) > * { border-bottom: 0; padding-bottom: 0; }
        .merge-table tr.differs { background: var(--surface); }
        .duplicates li { display: flex; flex-wrap: wrap; align-items: center; gap: var(--sp-2); margin-bottom: var(--sp-2); }
        .duplicate-list { list-style: none; padding: 0; margin: 0 0 var(--sp-4); }
        .duplicate-list .email { overflow-wrap: anywhere; }
        .duplicate-list li { justify-content: space-between; padding: var(--sp-2) 0; border-bottom: 1px solid var(--line); margin: 0; }
        .merge-table td.num { text-align: left; }
        @media (max-width: 720px) {
          .import-errors td.num { text-align: left; }
          .merge-table, .merge-table thead, .merge-table tbody { display: block; }
          .merge-table tr { display: grid; grid-template-columns: 1fr 1fr; border-bottom: 1px solid var(--line); }
          .merge-table thead tr > :first-child { display: none; }
          .merge-table tr > th:first-child { grid-column: 1 / -1; border: 0; padding-bottom: 0; width: auto; white-space: normal; }
          .merge-table thead th { border: 0; }
          .merge-table td { border: 0; }
          .merge-table td.same { grid-column: 1 / -1; }
        }
        """
}
