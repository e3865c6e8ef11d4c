/// The reports page's filter bar, chips and bar charts, and the Home dashboard's cards.
/// Colours are the design tokens', so dark mode holds.
enum ReportStyles {
    static let css = """
        .report-filters { display: flex; flex-wrap: wrap; gap: var(--sp-2) var(--sp-3); align-items: flex-end; margin: 0 0 var(--sp-3); }
        .report-filters > div { display: flex; flex-direction: column; min-width: 10rem; flex: 1 1 10rem; }
        .report-filters label { font-size: var(--fs-sm); color: var(--muted); }
        .report-filter-box > summary { display: inline-flex; align-items: center; gap: var(--sp-2); min-height: 32px; padding: 0 var(--sp-3); margin: 0 0 var(--sp-3); border: 1px solid var(--field-edge); border-radius: 6px; background: var(--surface); cursor: pointer; font-size: var(--fs-sm); }
        .report-filter-box > summary .count { font-weight: 700; }
        .chips { display: flex; flex-wrap: wrap; gap: var(--sp-2); list-style: none; padding: 0; margin: 0 0 var(--sp-4); }
        .chips a { display: inline-flex; align-items: center; gap: var(--sp-1); min-height: 32px; padding: 0 var(--sp-3); border: 1px solid var(--line); border-radius: 16px; background: var(--accent-soft); color: var(--ink); text-decoration: none; font-size: var(--fs-sm); }
        .chips a:hover { border-color: var(--accent); }
        .bars { list-style: none; padding: 0; margin: 0 0 var(--sp-3); max-width: 44rem; }
        .bars li { display: grid; grid-template-columns: minmax(6rem, 9rem) 1fr; gap: 2px var(--sp-3); padding: var(--sp-1) 0; font-size: var(--fs-sm); }
        .bars .bar-label { grid-row: span 2; font-weight: 600; }
        .bars li > * { min-width: 0; }
        .bars .bar-text { color: var(--ink); }
        .bars svg.bar { width: 100%; height: 12px; display: block; }
        .bar-track { fill: var(--soft); } .bar-full { fill: var(--accent-soft); } .bar-in { fill: var(--accent); }
        @media (max-width: 640px) { .bars li { grid-template-columns: 1fr; } .bars .bar-label { grid-row: auto; } }
        .report-note { color: var(--muted); font-size: var(--fs-sm); }
        .dash { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: var(--sp-3); margin: 0 0 var(--sp-4); }
        .dash a.card { display: block; padding: var(--sp-3) var(--sp-4); border: 1px solid var(--line); border-radius: 8px; background: var(--surface); color: var(--ink); text-decoration: none; }
        .dash a.card:hover { border-color: var(--accent); }
        .dash .card h3 { margin: 0 0 var(--sp-1); font-size: var(--fs-sm); color: var(--muted); font-weight: 600; }
        .dash .card .big { display: block; font-size: var(--fs-lg); font-weight: 700; }
        .dash .card .sub { display: block; font-size: var(--fs-sm); color: var(--muted); }
        .dash .card .bad { color: var(--bad); }
        .dash .card .big > span, .dash .card .sub > span { display: block; white-space: nowrap; font-variant-numeric: tabular-nums; }

        """
}
