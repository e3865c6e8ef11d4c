/// Type, links, buttons and form controls: the parts every page is made of. Line breaking
/// follows each script's rules: Korean breaks between words (`keep-all`), Japanese by its
/// strict kinsoku rules, and only long unbroken strings (URLs, emails) may break anywhere.
enum BaseStyles {
    static let css = """
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; font: var(--fs-md)/1.55 system-ui, -apple-system, "Segoe UI", "Apple SD Gothic Neo", "Noto Sans KR", "Hiragino Sans", "Noto Sans JP", "Noto Sans CJK JP", sans-serif; color: var(--ink); background: var(--bg); }
        :lang(ko) { word-break: keep-all; overflow-wrap: break-word; }
        :lang(ja) { line-break: strict; overflow-wrap: break-word; }
        time, .nowrap, .num, a[href^="tel:"] { white-space: nowrap; }
        a { color: var(--accent); text-underline-offset: 2px; }
        a:hover { text-decoration-thickness: 2px; }
        .skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: var(--surface); padding: 8px; z-index: 100; }
        :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
        h1 { font-size: var(--fs-xl); margin: 0; line-height: 1.3; } h2 { font-size: var(--fs-lg); margin: 0 0 var(--sp-3); line-height: 1.35; } h3 { font-size: var(--fs-md); margin: 0 0 var(--sp-2); }
        .subtitle { color: var(--muted); margin: 2px 0 0; }
        .hint, .meta { color: var(--muted); font-size: var(--fs-sm); margin: 4px 0 0; }
        .error { color: var(--bad); font-weight: 600; } .ok { color: var(--ok); font-weight: 600; } .warn { color: var(--warn); font-weight: 600; }
        label { display: block; font-weight: 600; margin: var(--sp-3) 0 var(--sp-1); }
        input[type=email], input[type=password], input[type=text], input[type=search], input[type=date], input[type=datetime-local], input[type=number], input[type=url], input[type=file], select, textarea {
          width: 100%; padding: 9px 11px; font: inherit; color: inherit; background: var(--surface); border: 1px solid var(--field-edge); border-radius: 6px; min-height: 44px; }
        textarea { min-height: 6rem; resize: vertical; }
        input[aria-invalid=true], textarea[aria-invalid=true], select[aria-invalid=true] { border: 2px solid var(--bad); }
        .field-error { color: var(--bad); font-weight: 600; margin: 4px 0 0; }
        button, .button { display: inline-flex; align-items: center; justify-content: center; gap: 6px; margin-top: var(--sp-4); padding: 9px 16px; font: inherit; font-weight: 600; line-height: 1.2; color: var(--on-accent); background: var(--accent); border: 1px solid var(--accent); border-radius: 6px; cursor: pointer; min-height: 44px; text-decoration: none; white-space: nowrap; }
        button.secondary, .button.secondary { background: var(--surface); color: var(--accent); border-color: var(--line); }
        button.secondary:hover, .button.secondary:hover { border-color: var(--accent); }
        button.danger, .button.danger { background: var(--surface); color: var(--bad); border-color: var(--bad); }
        button.plain, .button.plain { background: transparent; color: var(--accent); border-color: transparent; margin: 0; padding: 8px; min-height: 0; font-weight: 500; }
        button.small, .button.small { min-height: 32px; padding: 4px 10px; font-size: var(--fs-sm); margin: 0; }
        fieldset { border: 0; padding: 0; margin: 0; min-width: 0; } legend { font-weight: 600; padding: 0; }
        .checks label { display: inline-flex; gap: 6px; align-items: center; font-weight: 400; margin: 4px 12px 4px 0; }
        .w-auto { width: auto; } .grow { flex: 1; }
        svg.icon { width: 20px; height: 20px; flex: none; fill: none; stroke: currentColor; stroke-width: 1.8; stroke-linecap: round; stroke-linejoin: round; vertical-align: -4px; }
        kbd { font: 600 var(--fs-sm) ui-monospace, monospace; background: var(--soft); border: 1px solid var(--line); border-bottom-width: 2px; border-radius: 4px; padding: 1px 6px; }

        """
}
