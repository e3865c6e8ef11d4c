/// Lists, fields, chips, avatars, notices, timelines and empty states. On a phone a list
/// row becomes a card whose title is its link (the whole card opens the record), and the
/// other cells follow with their column names.
enum ComponentStyles {
    static let css = """
        .notice { background: var(--accent-soft); border: 1px solid var(--line); padding: 10px 14px; border-radius: var(--radius); margin-bottom: var(--sp-4); display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
        .notice form button { margin: 0; }
        .notice.bad { background: var(--surface); border-color: var(--bad); color: var(--bad); }
        .record-head { display: grid; grid-template-columns: auto minmax(0, 1fr) auto; gap: var(--sp-2) var(--sp-4); align-items: start; margin-bottom: var(--sp-4); }
        .record-head .facts { list-style: none; margin: 6px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 16px; color: var(--muted); }
        .record-head .quick { grid-column: 2 / -1; display: flex; flex-wrap: wrap; gap: 6px; }
        .composer fieldset { display: grid; gap: 0 12px; }
        @media (max-width: 720px) {
          .record-head { grid-template-columns: auto minmax(0, 1fr); }
          .record-head > .actions { grid-column: 1 / -1; }
          .record-head .quick { grid-column: 1 / -1; }
        }
        dl.fields { display: grid; grid-template-columns: minmax(8rem, max-content) minmax(0, 1fr); gap: 6px var(--sp-4); margin: 0; }
        dl.fields dt { color: var(--muted); font-size: var(--fs-sm); padding-top: 2px; } dl.fields dd { margin: 0; overflow-wrap: break-word; white-space: pre-wrap; }
        .table-wrap { background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); box-shadow: var(--shadow); overflow-x: auto; }
        table.list { width: 100%; border-collapse: collapse; background: var(--surface); }
        .table-wrap > table.list { border: 0; }
        :not(.table-wrap) > table.list { border: 1px solid var(--line); border-radius: var(--radius); }
        table.list { font-size: .9375rem; }
        table.list td:not(.title) a { color: var(--ink); text-decoration-color: var(--field-edge); }
        table.list td:not(.title) a:hover { color: var(--accent); }
        table.list th, table.list td { text-align: left; padding: 8px 10px; border-bottom: 1px solid var(--soft); vertical-align: top; overflow-wrap: break-word; }
        table.list th { font-size: var(--fs-sm); font-weight: 600; color: var(--muted); background: var(--soft); white-space: nowrap; word-break: keep-all; }
        table.list th a { color: inherit; text-decoration: none; display: inline-flex; gap: 4px; align-items: center; }
        table.list th a:hover { color: var(--accent); }
        table.list th[aria-sort] a { color: var(--ink); }
        table.list th .arrow { font-size: .75em; }
        table.list tbody tr:hover { background: var(--soft); }
        table.list td.num, table.list th.num { text-align: right; }
        table.list td.title a { font-weight: 600; color: var(--ink); text-decoration: none; } table.list td.title a:hover { color: var(--accent); text-decoration: underline; }
        table.list td.select, table.list th.select { width: 40px; padding-right: 0; }
        table.list input[type=checkbox] { width: 18px; height: 18px; margin: 2px 0 0; }
        .title-cell { display: flex; gap: 10px; align-items: flex-start; }
        .toolbar { display: flex; flex-wrap: wrap; gap: var(--sp-2) var(--sp-3); align-items: flex-end; margin-bottom: var(--sp-3); }
        .toolbar label { margin: 0 0 4px; font-size: var(--fs-sm); }
        .toolbar > div { flex: 1 1 10rem; }
        .toolbar button { margin-top: 0; }
        .bulk-bar { display: flex; flex-wrap: wrap; gap: var(--sp-2); align-items: center; padding: 8px 12px; background: var(--accent-soft); border: 1px solid var(--line); border-radius: var(--radius); margin-bottom: var(--sp-2); }
        .bulk-bar[data-idle] { display: none; }
        .bulk-bar select, .bulk-bar input { width: auto; min-height: 36px; padding: 4px 8px; }
        .bulk-bar button { margin: 0; min-height: 36px; padding: 4px 12px; }
        .pager { display: flex; gap: var(--sp-3); margin-top: var(--sp-3); align-items: center; }
        .chip { display: inline-block; background: var(--soft); color: var(--ink); border-radius: 999px; padding: 1px 10px; margin: 0 4px 4px 0; font-size: var(--fs-sm); text-decoration: none; }
        a.chip:hover { background: var(--accent-soft); }
        .badge-soft { display: inline-block; border-radius: 4px; padding: 0 6px; font-size: var(--fs-xs); font-weight: 700; background: var(--soft); color: var(--muted); }
        .badge-soft.bad { color: var(--bad); } .badge-soft.ok { color: var(--ok); } .badge-soft.warn { color: var(--warn); }
        .avatar { width: 32px; height: 32px; border-radius: 999px; color: #fff; display: inline-grid; place-items: center; font-size: .75rem; font-weight: 700; flex: none; letter-spacing: -.02em; word-break: keep-all; white-space: nowrap; }
        .type-icon { width: 48px; height: 48px; border-radius: 12px; background: var(--accent-soft); color: var(--accent); display: inline-grid; place-items: center; }
        .type-icon svg.icon { width: 26px; height: 26px; }
        .avatar.large { width: 48px; height: 48px; font-size: 1rem; }
        .reading { display: block; color: var(--muted); font-size: var(--fs-sm); font-weight: 400; }
        .empty-state { text-align: center; padding: var(--sp-6) var(--sp-4); }
        .empty-state p { color: var(--muted); margin: 0 0 var(--sp-3); }
        .empty-state .button { margin-top: 0; }
        ol.timeline { list-style: none; margin: var(--sp-4) 0 0; padding: 0; }
        ol.timeline li { border-left: 3px solid var(--line); padding: 4px 0 12px 14px; margin-left: 4px; }
        ol.timeline li.activity { border-left-color: var(--accent); }
        ol.timeline .meta { margin: 0; }
        ol.timeline .body { white-space: pre-wrap; overflow-wrap: break-word; }
        ol.timeline li.mail { border-left-color: var(--accent); border-left-style: double; }
        ol.timeline details.quoted summary { cursor: pointer; color: var(--muted); font-size: var(--fs-sm); }
        ol.timeline details.quoted .body { color: var(--muted); }
        .columns-chooser summary { cursor: pointer; color: var(--accent); padding: 10px 0; }
        svg.chart { width: 100%; max-width: 44rem; height: auto; display: block; margin-bottom: 12px; }
        svg.chart text { fill: var(--ink); }
        @media (max-width: 720px) {
          dl.fields { grid-template-columns: minmax(5.5rem, 34%) minmax(0, 1fr); gap: 6px 10px; }
          .table-wrap { background: none; border: 0; box-shadow: none; overflow: visible; }
          table.list, table.list tbody, table.list tr, table.list td { display: block; width: 100%; }
          table.list { background: none; border: 0 !important; }
          table.list thead { position: absolute; left: -9999px; }
          table.list tr { position: relative; background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); padding: 10px 12px 10px 12px; margin-bottom: 8px; }
          table.list td { border: 0; padding: 2px 0; }
          table.list td.title { font-size: 1.0625rem; padding-bottom: 4px; }
          table.list td.title a::after { content: ""; position: absolute; inset: 0; }
          table.list td:not(.title) a, table.list td input { position: relative; z-index: 1; }
          table.list td.select { position: absolute; right: 10px; top: 10px; width: auto; z-index: 2; }
          table.list td.empty { display: none; }
          table.list td[data-label]:not(.title) { display: grid; grid-template-columns: 5.5rem minmax(0, 1fr); gap: 8px; font-size: var(--fs-sm); }
          table.list td[data-label]:not(.title)::before { content: attr(data-label); color: var(--muted); font-size: var(--fs-xs); padding-top: 2px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
        }

        """
}
