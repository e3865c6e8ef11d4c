/// The little script every page shares. Each piece enhances markup that already works
/// without it: the drawer opens through `#nav` without script, forms ask through
/// `data-confirm`, and shortcuts only add speed.
enum ShellScripts {
    static let js = """
        (function () {
          function typing(t) { var tag = t && t.tagName; return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (t && t.isContentEditable); }
          var chord = null, chordTimer = null;
          // Shortcuts: "/" search, "?" the list of shortcuts, "g" then a letter to go
          // somewhere (the sidebar's links carry data-key), "n" a new record where a page
          // offers one, Escape closes what is open.
          document.addEventListener('keydown', function (e) {
            if (e.ctrlKey || e.metaKey || e.altKey) return;
            if (e.key === 'Escape') {
              document.body.classList.remove('nav-open');
              if (location.hash === '#nav') history.replaceState(null, '', location.pathname + location.search);
              document.querySelectorAll('details[open].user-menu').forEach(function (d) { d.open = false; });
              return;
            }
            if (typing(e.target)) return;
            if (chord === 'g') {
              chord = null; clearTimeout(chordTimer);
              var go = document.querySelector('[data-key="' + e.key + '"]');
              if (go) { e.preventDefault(); location.href = go.getAttribute('href'); }
              return;
            }
            if (e.key === '/') { var box = document.getElementById('global-search'); if (box) { e.preventDefault(); box.focus(); box.select(); } }
            else if (e.key === '?') { var d = document.getElementById('shortcuts'); if (d && d.showModal) { e.preventDefault(); d.showModal(); } }
            else if (e.key === 'g') { chord = 'g'; chordTimer = setTimeout(function () { chord = null; }, 1200); }
            else if (e.key === 'n') { var n = document.querySelector('[data-shortcut="new"]'); if (n) { e.preventDefault(); location.href = n.getAttribute('href'); } }
          });
          document.addEventListener('click', function (e) {
            var t = e.target.closest ? e.target : e.target.parentElement;
            if (!t) return;
            if (t.closest('[data-print]')) window.print();
            if (t.closest('[data-open-shortcuts]')) { var d = document.getElementById('shortcuts'); if (d && d.showModal) { e.preventDefault(); d.showModal(); } }
            var menu = t.closest('.menu-button');
            if (menu) { e.preventDefault(); document.body.classList.add('nav-open'); var first = document.querySelector('#nav a'); if (first) first.focus(); return; }
            if (t.closest('.close-nav')) { e.preventDefault(); document.body.classList.remove('nav-open'); if (location.hash === '#nav') history.replaceState(null, '', location.pathname + location.search); return; }
            if (document.body.classList.contains('nav-open') && !t.closest('#nav')) document.body.classList.remove('nav-open');
            document.querySelectorAll('details[open].user-menu').forEach(function (d) { if (!d.contains(t)) d.open = false; });
          });
          // Forms that ask first: data-confirm holds the question.
          document.addEventListener('submit', function (e) {
            var q = e.target.getAttribute('data-confirm');
            if (q && !window.confirm(q)) e.preventDefault();
          });
        })();

        """
}
