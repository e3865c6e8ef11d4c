/// The deal board's, move sheet's and stage path's styles and script, added to the one
/// stylesheet and script every page loads. Colours are the design system's variables so
/// a dark theme only redefines those.
enum BoardStyles {
    static let css = """
        main:has(.deal-board) { max-width: none; padding-left: 16px; padding-right: 16px; }
        .stage-tabs { display: none; } .board-hint { margin: 0 0 8px; }
        .deal-board { position: relative; display: grid; grid-auto-flow: column; grid-auto-columns: minmax(8rem, 1fr); gap: 8px; align-items: start; overflow-x: auto; padding-bottom: 8px; }
        .deal-board .stage-col { background: var(--soft); border: 0; border-radius: 8px; padding: 8px; margin: 0; min-width: 0; overflow: hidden; scroll-margin-top: 56px; }
        .col-totals li { overflow: hidden; text-overflow: ellipsis; }
        .stage-col.drop { outline: 3px dashed var(--accent); outline-offset: -3px; }
        .stage-col .col-head { display: flex; justify-content: space-between; align-items: baseline; gap: 4px; }
        .stage-col h2 { font-size: .95rem; margin: 0; word-break: keep-all; overflow-wrap: anywhere; }
        .col-totals { list-style: none; margin: 2px 0 8px; padding: 0; font-size: .8rem; line-height: 1.4; color: var(--muted); }
        .col-totals .raw { color: var(--ink); font-weight: 600; white-space: nowrap; } .col-totals .weighted { white-space: nowrap; }
        ul.deal-cards { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; }
        .deal-card { background: var(--surface, #fff); border: 1px solid var(--line); border-radius: 6px; padding: 6px 8px; font-size: .85rem; line-height: 1.35; }
        .deal-card[draggable="true"] { cursor: grab; } .deal-card.dragging { opacity: .5; }
        .deal-card.overdue { border-left: 4px solid var(--bad); }
        .card-title { display: block; font-weight: 600; color: var(--ink); text-decoration: none; word-break: keep-all; overflow-wrap: anywhere; }
        .card-title:hover { text-decoration: underline; }
        .card-org { color: var(--muted); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
        .card-figures { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 6px; }
        .card-amount { white-space: nowrap; } .card-close { white-space: nowrap; color: var(--muted); }
        .deal-card.overdue .card-close { color: var(--bad); font-weight: 600; }
        .card-foot { display: flex; align-items: center; gap: 6px; margin-top: 4px; }
        .initials { display: inline-grid; place-items: center; min-width: 1.6rem; height: 1.6rem; padding: 0 3px; border-radius: 999px; background: var(--soft); color: var(--ink); font-size: .7rem; font-weight: 700; }
        .age { font-size: .75rem; color: var(--muted); }
        .card-move { margin-left: auto; font-size: .8rem; padding: 2px 0; }
        .col-more { display: inline-block; margin-top: 6px; font-size: .85rem; }
        .move-sheet { max-width: 32rem; margin: 0 auto; } .move-sheet h1 { margin-bottom: 4px; } .move-sheet .subtitle { margin: 0 0 12px; }
        ul.stage-choices { list-style: none; margin: 0; padding: 0; display: grid; gap: 2px; }
        ul.stage-choices label { display: flex; align-items: center; gap: 8px; min-height: 44px; padding: 0 8px; border-radius: 6px; }
        ul.stage-choices label:has(input:checked) { background: var(--soft); font-weight: 600; }
        .lost-reason[hidden] { display: none; }
        .stage-path-panel { padding: 12px 16px; }
        ol.stage-path { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 2px; }
        ol.stage-path li { flex: 1 1 0; min-width: 5.5rem; }
        ol.stage-path form { margin: 0; }
        ol.stage-path button, ol.stage-path a, ol.stage-path span { display: flex; align-items: center; justify-content: center; width: 100%; min-height: 40px; margin: 0; padding: 4px 14px 4px 18px;
          background: var(--soft); color: var(--ink); border: 0; border-radius: 0; font: inherit; font-size: .85rem; text-decoration: none; word-break: keep-all; text-align: center;
          clip-path: polygon(0 0, calc(100% - 10px) 0, 100% 50%, calc(100% - 10px) 100%, 0 100%, 10px 50%); cursor: pointer; }
        ol.stage-path li:first-child > * , ol.stage-path li:first-child button { clip-path: polygon(0 0, calc(100% - 10px) 0, 100% 50%, calc(100% - 10px) 100%, 0 100%); }
        ol.stage-path .done button, ol.stage-path .done a, ol.stage-path .done span { background: color-mix(in srgb, var(--accent) 18%, var(--soft)); }
        ol.stage-path .current span { background: var(--accent); color: var(--surface, #fff); font-weight: 700; cursor: default; }
        ol.stage-path .current.outcome-won span { background: var(--ok); } ol.stage-path .current.outcome-lost span { background: var(--bad); }
        ol.stage-path button:hover, ol.stage-path a:hover { text-decoration: underline; }
        .path-actions { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin-top: 10px; }
        .path-actions form { margin: 0; } .path-actions p { margin: 0; }
        .path-actions button.won { background: var(--ok); border-color: var(--ok); }
        .path-actions a.button.danger { background: var(--bad); border-color: var(--bad); color: var(--surface, #fff); }
        .overdue-flag { color: var(--bad); margin-right: auto !important; }
        @media (max-width: 720px) {
          .stage-tabs { display: block; position: sticky; top: 0; z-index: 2; background: var(--bg); margin: 0 -16px 8px; padding: 6px 16px; overflow-x: auto; }
          .stage-tabs ul { list-style: none; display: flex; gap: 6px; margin: 0; padding: 0; white-space: nowrap; }
          .stage-tabs a { display: inline-block; padding: 6px 10px; border: 1px solid var(--line); border-radius: 999px; text-decoration: none; color: var(--ink); background: var(--surface, #fff); }
          .stage-tabs a[aria-current] { border-color: var(--accent); color: var(--accent); font-weight: 700; }
          .board-hint { display: none; }
          .deal-board { grid-auto-columns: 86%; scroll-snap-type: x mandatory; overscroll-behavior-x: contain; }
          .deal-board .stage-col { scroll-snap-align: start; }
          .deal-card { font-size: .95rem; padding: 8px 10px; } .card-move { padding: 8px 4px; }
          ol.stage-path li { min-width: 30%; }
        }
        """

    static let js = """
        // The deal board: a card dropped on another column moves there (the same post its
        // Move sheet makes); a drop on a lost stage opens the sheet, which asks why. On a
        // phone the stage tabs follow the column in view.
        (function () {
          var board = document.querySelector('[data-deal-board]');
          if (board) {
            var dragged = null;
            board.addEventListener('dragstart', function (e) {
              var c = e.target.closest && e.target.closest('[data-card]');
              if (!c) return;
              dragged = c; c.classList.add('dragging');
              e.dataTransfer.effectAllowed = 'move'; e.dataTransfer.setData('text/plain', c.getAttribute('data-card'));
            });
            board.addEventListener('dragend', function () { if (dragged) dragged.classList.remove('dragging'); dragged = null; });
            board.addEventListener('dragover', function (e) {
              var col = e.target.closest && e.target.closest('[data-drop-stage]');
              if (col && dragged) { e.preventDefault(); col.classList.add('drop'); }
            });
            board.addEventListener('dragleave', function (e) {
              var col = e.target.closest && e.target.closest('[data-drop-stage]');
              if (col && !col.contains(e.relatedTarget)) col.classList.remove('drop');
            });
            board.addEventListener('drop', function (e) {
              var col = e.target.closest && e.target.closest('[data-drop-stage]');
              if (!col || !dragged) return;
              e.preventDefault(); col.classList.remove('drop');
              var card = dragged, from = card.closest('[data-drop-stage]');
              if (from === col) return;
              var stage = col.getAttribute('data-drop-stage'), move = card.getAttribute('data-move');
              if (col.getAttribute('data-outcome') === 'lost') { window.location.href = move + '&stage=' + encodeURIComponent(stage); return; }
              var f = document.createElement('form'), back = new URLSearchParams(move.split('?')[1] || '').get('return') || '/deals/board';
              f.method = 'post'; f.action = move.split('?')[0];
              [['_csrf', board.getAttribute('data-csrf')], ['stage_id', stage], ['return', back]].forEach(function (p) {
                var i = document.createElement('input'); i.type = 'hidden'; i.name = p[0]; i.value = p[1]; f.appendChild(i);
              });
              document.body.appendChild(f); f.submit();
            });
            var tabs = document.querySelectorAll('[data-stage-tab]');
            var mark = function () {
              var best = null, distance = Infinity;
              board.querySelectorAll('[data-drop-stage]').forEach(function (c) {
                var d = Math.abs(c.offsetLeft - board.scrollLeft);
                if (d < distance) { distance = d; best = c.getAttribute('data-drop-stage'); }
              });
              tabs.forEach(function (t) { if (t.getAttribute('data-stage-tab') === best) t.setAttribute('aria-current', 'true'); else t.removeAttribute('aria-current'); });
            };
            board.addEventListener('scroll', function () { window.requestAnimationFrame(mark); }, { passive: true });
            tabs.forEach(function (t) {
              t.addEventListener('click', function (e) {
                var col = document.getElementById('stage-' + t.getAttribute('data-stage-tab'));
                if (!col) return;
                e.preventDefault(); board.scrollTo({ left: col.offsetLeft, behavior: 'smooth' });
                history.replaceState(null, '', '#stage-' + t.getAttribute('data-stage-tab'));
              });
            });
            var start = window.location.hash && document.getElementById(window.location.hash.slice(1));
            if (start && board.contains(start)) board.scrollLeft = start.offsetLeft;
            mark();
          }
          // The move sheet asks why only when a lost stage is chosen.
          var sheet = document.querySelector('[data-move-form]');
          if (sheet) {
            var reason = sheet.querySelector('[data-lost-reason]');
            var sync = function () { var r = sheet.querySelector('input[name=stage_id]:checked'); reason.hidden = !(r && r.hasAttribute('data-lost')); };
            sheet.addEventListener('change', sync); sync();
          }
        })();
        """
}
