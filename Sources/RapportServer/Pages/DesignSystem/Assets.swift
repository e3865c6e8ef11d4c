import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import RapportKit

/// The one stylesheet and the one script every page loads: a few kilobytes, no build step,
/// cached by browsers until they change (the URL carries their digest).
enum Assets {
    static let css = """
        :root { color-scheme: light; --ink: #1d2330; --muted: #4a5468; --line: #c9cfdb; --soft: #eef0f5; --accent: #1f4fbf; --bad: #a3231a; --ok: #1c6b3a; --bg: #f5f6f9; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "Apple SD Gothic Neo", "Noto Sans KR", "Hiragino Sans", "Noto Sans JP", "Noto Sans CJK JP", sans-serif; color: var(--ink); background: var(--bg); }
        a { color: var(--accent); overflow-wrap: anywhere; }
        .skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: #fff; padding: 8px; z-index: 10; }
        :focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
        header.top { background: #fff; border-bottom: 1px solid var(--line); padding: 8px 16px; display: flex; flex-wrap: wrap; align-items: center; gap: 8px 16px; }
        header.top .brand { font-weight: 700; color: var(--ink); text-decoration: none; margin-right: 8px; }
        header.top nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 12px; }
        header.top nav a { text-decoration: none; color: var(--ink); padding: 6px 2px; display: inline-block; }
        header.top nav a[aria-current] { color: var(--accent); font-weight: 700; border-bottom: 2px solid var(--accent); }
        header.top form.search { flex: 1 1 220px; display: flex; gap: 4px; max-width: 28rem; margin-left: auto; }
        header.top form.search input { flex: 1; min-width: 0; }
        main { max-width: 72rem; margin: 24px auto; padding: 0 16px; }
        main.narrow { max-width: 28rem; }
        footer.bottom { max-width: 72rem; margin: 32px auto; padding: 0 16px; color: var(--muted); display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
        footer.bottom form { display: inline; }
        section, .panel { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin-bottom: 16px; }
        h1 { font-size: 1.5rem; margin: 0 0 16px; line-height: 1.3; } h2 { font-size: 1.15rem; margin: 0 0 12px; } h3 { font-size: 1rem; margin: 0 0 8px; }
        .subtitle { color: var(--muted); margin: -12px 0 16px; }
        label { display: block; font-weight: 600; margin: 12px 0 4px; }
        input[type=email], input[type=password], input[type=text], input[type=search], input[type=date], input[type=datetime-local], input[type=number], input[type=url], select, textarea {
          width: 100%; padding: 9px 11px; font: inherit; color: inherit; background: #fff; border: 1px solid #7c859a; border-radius: 6px; min-height: 44px; }
        textarea { min-height: 6rem; resize: vertical; }
        input[aria-invalid=true], textarea[aria-invalid=true], select[aria-invalid=true] { border: 2px solid var(--bad); }
        .field-error { color: var(--bad); font-weight: 600; margin: 4px 0 0; }
        .hint { color: var(--muted); font-size: .9rem; margin: 4px 0 0; }
        button, .button { display: inline-block; margin-top: 16px; padding: 10px 16px; font: inherit; font-weight: 600; color: #fff; background: var(--accent); border: 0; border-radius: 6px; cursor: pointer; min-height: 44px; text-decoration: none; }
        button.secondary, .button.secondary { background: #fff; color: var(--accent); border: 1px solid var(--accent); }
        button.danger { background: var(--bad); }
        button.plain { background: transparent; color: var(--accent); margin: 0; padding: 8px; min-height: 0; }
        header.top button { margin: 0; }
        .actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
        .actions > * { margin-top: 0; }
        .actions.spread { justify-content: space-between; }
        .actions form button { margin-top: 0; }
        a[href^="tel:"] { white-space: nowrap; }
        .w-auto { width: auto; } .grow { flex: 1; }
        .error { color: var(--bad); font-weight: 600; } .ok { color: var(--ok); font-weight: 600; }
        .notice { background: #e6f3ea; border: 1px solid #9bc9a9; padding: 10px 14px; border-radius: 6px; margin-bottom: 16px; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
        .notice form button { margin: 0; }
        dl.fields { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 6px 16px; margin: 0; }
        dl.fields dt { color: var(--muted); } dl.fields dd { margin: 0; overflow-wrap: anywhere; white-space: pre-wrap; }
        table.list { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid var(--line); border-radius: 8px; }
        table.list th, table.list td { text-align: left; padding: 10px 12px; border-bottom: 1px solid var(--soft); vertical-align: top; overflow-wrap: anywhere; }
        table.list th { font-size: .9rem; color: var(--muted); background: #fafbfc; }
        .toolbar { display: flex; flex-wrap: wrap; gap: 8px 12px; align-items: flex-end; margin-bottom: 12px; }
        .toolbar label { margin: 0 0 4px; font-size: .9rem; }
        .toolbar > div { flex: 1 1 10rem; }
        .toolbar button { margin-top: 0; }
        .pager { display: flex; gap: 12px; margin-top: 12px; }
        .chip { display: inline-block; background: var(--soft); border-radius: 999px; padding: 0 10px; margin: 0 4px 4px 0; font-size: .9rem; }
        .reading { display: block; color: var(--muted); font-size: .85rem; }
        ol.timeline { list-style: none; margin: 16px 0 0; padding: 0; }
        ol.timeline li { border-left: 3px solid var(--line); padding: 4px 0 12px 14px; margin-left: 4px; }
        ol.timeline li.activity { border-left-color: var(--accent); }
        ol.timeline .meta { color: var(--muted); font-size: .9rem; }
        ol.timeline .body { white-space: pre-wrap; overflow-wrap: anywhere; }
        fieldset { border: 0; padding: 0; margin: 0; } legend { font-weight: 600; padding: 0; }
        .grid2 { display: grid; grid-template-columns: 2fr 1fr; gap: 16px; align-items: start; }
        .checks label { display: inline-flex; gap: 6px; align-items: center; font-weight: 400; margin: 4px 12px 4px 0; }
        .columns-chooser summary { cursor: pointer; color: var(--accent); }
        .quote .totals { max-width: 24rem; margin: 16px 0 0 auto; }
        .quote td:nth-child(n+2), .quote th:nth-child(n+2) { text-align: right; }
        .quote td:nth-child(n+3) { white-space: nowrap; } .quote { max-width: 56rem; }
        .quote .seller { font-style: normal; margin: 0 0 12px; } .quote .seller .body { white-space: pre-wrap; }
        @media print {
          header.top, footer.bottom, .no-print, .skip { display: none !important; }
          body { background: #fff; } main { margin: 0; max-width: none; }
          table.list { border: 0; } a { color: inherit; text-decoration: none; }
        }
        svg.chart { width: 100%; max-width: 44rem; height: auto; display: block; margin-bottom: 12px; }
        .board { display: flex; gap: 12px; overflow-x: auto; align-items: flex-start; padding-bottom: 8px; }
        .board .column { flex: 1 0 15rem; max-width: 20rem; background: #eef0f5; border-radius: 8px; padding: 10px; }
        .board .column.drop { outline: 3px dashed var(--accent); }
        .board h2 { font-size: 1rem; margin: 0; } .board .hint { margin: 2px 0 8px; }
        ul.cards { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
        .card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; }
        .card form.move { display: flex; gap: 6px; margin-top: 6px; } .card form.move select { min-height: 36px; padding: 4px 6px; }
        .card form.move button { margin: 0; min-height: 36px; padding: 4px 10px; white-space: nowrap; }
        .card form.move select { flex: 1; min-width: 0; }
        @media (max-width: 720px) {
          .grid2 { grid-template-columns: 1fr; }
          dl.fields { grid-template-columns: 1fr; } dl.fields dt { margin-top: 8px; }
          table.list, table.list tbody, table.list tr, table.list td { display: block; width: 100%; }
          table.list thead { position: absolute; left: -9999px; }
          table.list tr { border-bottom: 1px solid var(--line); padding: 8px 0; }
          table.list td { border: 0; padding: 2px 12px; }
          table.list td.empty { display: none; }
          table.list td[data-label]::before { content: attr(data-label); display: block; color: var(--muted); font-size: .8rem; }
          header.top form.search { order: 3; flex-basis: 100%; max-width: none; }
          .board { flex-direction: column; } .board .column { max-width: none; width: 100%; flex-basis: auto; }
        }
        \(BoardStyles.css)
        """

    static let js = """
        // "/" focuses the global search unless the user is typing somewhere.
        document.addEventListener('keydown', function (e) {
          if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
          var t = e.target, tag = t && t.tagName;
          if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (t && t.isContentEditable)) return;
          var box = document.getElementById('global-search');
          if (box) { e.preventDefault(); box.focus(); box.select(); }
        });
        // The deal board: a card dropped on a column submits its own "move" form, so a drag
        // does exactly what choosing the stage and pressing Move does.
        document.addEventListener('dragstart', function (e) {
          var card = e.target.closest && e.target.closest('[data-deal]');
          if (card) e.dataTransfer.setData('text/plain', card.getAttribute('data-deal'));
        });
        document.addEventListener('dragover', function (e) {
          var col = e.target.closest && e.target.closest('[data-stage]');
          if (col) { e.preventDefault(); col.classList.add('drop'); }
        });
        document.addEventListener('dragleave', function (e) {
          var col = e.target.closest && e.target.closest('[data-stage]');
          if (col) col.classList.remove('drop');
        });
        document.addEventListener('drop', function (e) {
          var col = e.target.closest && e.target.closest('[data-stage]');
          if (!col) return;
          e.preventDefault();
          var card = document.querySelector('[data-deal="' + e.dataTransfer.getData('text/plain') + '"]');
          var form = card && card.querySelector('form.move');
          if (!form) return;
          form.querySelector('select').value = col.getAttribute('data-stage');
          form.submit();
        });
        // Print buttons (the quote page).
        document.addEventListener('click', function (e) {
          if (e.target.closest && e.target.closest('[data-print]')) window.print();
        });
        // Forms that ask first: data-confirm holds the question.
        document.addEventListener('submit', function (e) {
          var q = e.target.getAttribute('data-confirm');
          if (q && !window.confirm(q)) e.preventDefault();
        });
        \(BoardStyles.js)
        """

    static let cssPath = "/assets/app-\(digest(css)).css"
    static let jsPath = "/assets/app-\(digest(js)).js"

    static func digest(_ text: String) -> String {
        String(Hex.encode(SHA256.hash(data: Data(text.utf8))).prefix(12))
    }

    static func register(on router: Router<AppRequestContext>) {
        router.get(RouterPath(stringLiteral: String(cssPath.dropFirst()))) { _, _ in serve(css, type: "text/css; charset=utf-8") }
        router.get(RouterPath(stringLiteral: String(jsPath.dropFirst()))) { _, _ in serve(js, type: "text/javascript; charset=utf-8") }
    }

    static func serve(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=31536000, immutable"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
