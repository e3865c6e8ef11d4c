/// The frame: a sidebar of grouped navigation on a desktop, the same sidebar as a drawer
/// behind a menu button on a phone (it opens through `:target`, so it works without
/// script), a top bar with breadcrumbs, search and the user's menu, and the content column.
enum LayoutStyles {
    static let css = """
        .shell { display: grid; grid-template-columns: var(--sidebar) minmax(0, 1fr); min-height: 100vh; }
        .sidebar { position: sticky; top: 0; height: 100vh; overflow-y: auto; background: var(--surface); border-right: 1px solid var(--line); padding: var(--sp-3) var(--sp-2) var(--sp-5); display: flex; flex-direction: column; gap: var(--sp-2); }
        .sidebar-head { display: flex; align-items: center; justify-content: space-between; padding: 4px 8px 8px; }
        .brand { font-weight: 800; font-size: 1.125rem; color: var(--ink); text-decoration: none; letter-spacing: -.01em; display: inline-flex; gap: 8px; align-items: center; }
        .brand .mark { width: 26px; height: 26px; border-radius: 7px; background: var(--accent); color: var(--on-accent); display: inline-grid; place-items: center; font-size: .9rem; }
        .sidebar .close-nav { display: none; }
        .nav-group { font-size: var(--fs-xs); font-weight: 700; color: var(--muted); text-transform: uppercase; letter-spacing: .06em; margin: var(--sp-3) 8px 4px; }
        .sidebar ul { list-style: none; margin: 0; padding: 0; }
        .sidebar li a { display: flex; align-items: center; gap: 10px; padding: 7px 10px; border-radius: 6px; color: var(--ink); text-decoration: none; min-height: 38px; }
        .sidebar li a:hover { background: var(--soft); }
        .sidebar li a[aria-current] { background: var(--accent-soft); color: var(--accent); font-weight: 700; }
        .sidebar li a .count { margin-left: auto; font-size: var(--fs-xs); color: var(--muted); }
        .sidebar .recent a { font-size: var(--fs-sm); min-height: 32px; }
        .sidebar .recent .avatar { width: 22px; height: 22px; font-size: .625rem; }
        .sidebar-foot { margin-top: auto; border-top: 1px solid var(--line); padding-top: var(--sp-2); }
        .page { min-width: 0; display: flex; flex-direction: column; }
        .topbar { position: sticky; top: 0; z-index: 20; display: flex; align-items: center; gap: var(--sp-3); padding: 8px var(--sp-5); background: var(--surface); border-bottom: 1px solid var(--line); min-height: 56px; }
        .topbar .menu-button.tool { display: none; }
        .crumbs ol { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px; align-items: center; font-size: var(--fs-sm); color: var(--muted); }
        .crumbs li + li::before { content: "›"; margin-right: 4px; color: var(--muted); }
        .crumbs a { color: var(--muted); text-decoration: none; } .crumbs a:hover { color: var(--accent); text-decoration: underline; }
        .crumbs [aria-current] { color: var(--ink); font-weight: 600; max-width: 16rem; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
        .topbar form.search { margin-left: auto; flex: 0 1 26rem; display: flex; position: relative; }
        .topbar form.search input { min-height: 38px; padding-left: 36px; border-color: var(--line); background: var(--bg); }
        .topbar form.search svg.icon { position: absolute; left: 10px; top: 9px; color: var(--muted); }
        .topbar form.search button { position: absolute; left: -9999px; }
        .topbar .tool { display: inline-flex; align-items: center; justify-content: center; min-width: 40px; min-height: 40px; border-radius: 8px; color: var(--ink); position: relative; text-decoration: none; }
        .topbar .tool:hover { background: var(--soft); }
        .topbar .badge { position: absolute; top: 2px; right: 0; background: var(--bad); color: var(--on-accent); border-radius: 999px; font-size: .6875rem; font-weight: 700; min-width: 18px; height: 18px; padding: 0 5px; display: grid; place-items: center; }
        details.user-menu { position: relative; }
        details.user-menu > summary { list-style: none; cursor: pointer; border-radius: 999px; }
        details.user-menu > summary::-webkit-details-marker { display: none; }
        details.user-menu .menu { position: absolute; right: 0; top: calc(100% + 6px); background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); box-shadow: 0 8px 24px rgba(16,24,40,.16); min-width: 15rem; padding: 6px; z-index: 30; }
        .menu a, .menu button { display: flex; width: 100%; gap: 8px; align-items: center; padding: 8px 10px; margin: 0; min-height: 40px; border-radius: 6px; background: none; border: 0; color: var(--ink); font-weight: 400; text-decoration: none; justify-content: flex-start; }
        .menu a:hover, .menu button:hover { background: var(--soft); }
        .menu .who { padding: 8px 10px; border-bottom: 1px solid var(--line); margin-bottom: 4px; }
        .menu .row { display: flex; gap: 4px; padding: 4px 10px; flex-wrap: wrap; align-items: center; }
        .menu .row form { display: inline; } .menu .row button { width: auto; min-height: 32px; padding: 4px 8px; border: 1px solid var(--line); }
        .menu .row button[aria-pressed=true] { border-color: var(--accent); color: var(--accent); font-weight: 700; }
        main { width: 100%; max-width: 80rem; margin: 0 auto; padding: var(--sp-5); }
        main.narrow { max-width: 28rem; }
        .signed-out header.top { display: flex; justify-content: space-between; align-items: center; padding: 12px 20px; }
        .signed-out .languages { display: flex; gap: 4px; } .signed-out .languages a { padding: 6px 8px; border-radius: 6px; text-decoration: none; }
        .signed-out .languages a[aria-current] { background: var(--accent-soft); font-weight: 700; }
        section, .panel { background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); padding: var(--sp-4) var(--sp-5); margin-bottom: var(--sp-4); box-shadow: var(--shadow); }
        .page-head { display: flex; flex-wrap: wrap; gap: var(--sp-3); align-items: center; justify-content: space-between; margin-bottom: var(--sp-4); }
        .page-head .count { color: var(--muted); font-weight: 400; font-size: var(--fs-md); margin-left: 6px; }
        .actions { display: flex; flex-wrap: wrap; gap: var(--sp-2); align-items: center; }
        .actions > *, .actions form button { margin-top: 0; }
        .actions.spread { justify-content: space-between; margin-bottom: var(--sp-4); }
        .grid2 { display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); gap: var(--sp-4); align-items: start; }
        dialog { border: 1px solid var(--line); border-radius: 12px; background: var(--surface); color: var(--ink); padding: var(--sp-5); max-width: min(32rem, calc(100vw - 32px)); }
        dialog::backdrop { background: rgba(10, 14, 22, .45); }
        dialog dl { display: grid; grid-template-columns: max-content 1fr; gap: 8px 16px; margin: 0 0 var(--sp-3); }
        @media (max-width: 1023px) {
          .shell { grid-template-columns: minmax(0, 1fr); }
          .sidebar { position: fixed; inset: 0 auto 0 0; width: min(300px, 86vw); z-index: 50; transform: translateX(-105%); transition: transform .18s ease-out; box-shadow: 0 0 0 100vmax rgba(10,14,22,0); }
          .sidebar:target, .nav-open .sidebar { transform: none; box-shadow: 0 0 0 100vmax rgba(10,14,22,.45); }
          .sidebar .close-nav { display: inline-flex; }
          .topbar { padding: 6px 12px; gap: 6px; }
          .topbar .menu-button.tool { display: inline-flex; }
          .topbar .crumbs { display: none; }
          .topbar form.search { flex: 1 1 auto; margin-left: 0; }
          main { padding: var(--sp-3); }
          .crumbs.in-page { display: block; margin-bottom: var(--sp-2); }
        }
        @media (min-width: 1024px) { .crumbs.in-page { display: none; } }
        @media (max-width: 720px) {
          .grid2 { grid-template-columns: minmax(0, 1fr); }
          section, .panel { padding: var(--sp-3) var(--sp-4); }
          h1 { font-size: var(--fs-lg); }
        }
        @media print {
          .sidebar, .topbar, footer.bottom, .no-print, .skip, .crumbs { display: none !important; }
          .shell { display: block; } body { background: #fff; color: #000; } main { margin: 0; max-width: none; padding: 0; }
          section, .panel { box-shadow: none; border: 0; padding: 0; } a { color: inherit; text-decoration: none; }
        }

        """
}
