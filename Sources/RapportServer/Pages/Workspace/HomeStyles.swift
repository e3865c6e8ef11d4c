/// Home's and the notifications page's own styles and script, added to the one stylesheet
/// and script by ``Assets``. Colours only through the design variables, so a dark theme
/// changes them in one place.
enum HomeStyles {
    static let css = """
        /* A rep's name on one line beside the figures; on a phone it heads the card. */
        @media (min-width: 721px) { table.team td.title { white-space: nowrap; } }
        /* One currency a line, in one grid cell on a phone card. */
        table.team .amounts .num { display: block; }
        .home-figures dl { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: 12px 24px; margin: 0; }
        .home-figures dt { color: var(--muted); font-size: .9rem; word-break: keep-all; }
        .home-figures dd { margin: 0; font-size: 1.25rem; font-weight: 700; font-variant-numeric: tabular-nums; }
        .home-figures dd span { display: block; white-space: nowrap; }
        .home-tasks h3 { font-size: 1rem; margin: 16px 0 4px; word-break: keep-all; }
        .home-tasks .task-group:first-of-type h3 { margin-top: 0; }
        .home-tasks h3 .count, ul.notifications .chip { font-weight: 400; }
        .home-tasks h3 .count { color: var(--muted); background: var(--soft); border-radius: 999px; padding: 0 8px; font-size: .85rem; }
        ul.tasks, ul.home-deals, ul.notifications { list-style: none; margin: 0; padding: 0; }
        ul.tasks li, ul.home-deals li, ul.notifications li { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 10px; padding: 8px 0; border-bottom: 1px solid var(--soft); }
        ul.tasks li:last-child, ul.home-deals li:last-child { border-bottom: 0; }
        ul.tasks form { margin: 0; align-self: center; }
        ul.tasks button.check { margin: 0; padding: 0; min-height: 0; width: 28px; height: 28px; border-radius: 50%; background: transparent; color: var(--ok); border: 2px solid var(--line); display: inline-flex; align-items: center; justify-content: center; }
        ul.tasks button.check svg { opacity: .35; }
        ul.tasks button.check:hover, ul.tasks button.check:focus-visible { border-color: var(--ok); }
        ul.tasks button.check:hover svg, ul.tasks button.check:focus-visible svg { opacity: 1; }
        ul.tasks li > a, ul.home-deals li > a, ul.notifications li > a { flex: 1 1 12rem; font-weight: 600; word-break: keep-all; overflow-wrap: anywhere; }
        ul.tasks .due, ul.home-deals .close { white-space: nowrap; }
        ul.tasks li.done a { text-decoration: line-through; color: var(--muted); }
        .see-all { margin: 8px 0 0; font-size: .9rem; }
        ul.notifications li.unread { border-left: 3px solid var(--accent); padding-left: 10px; }
        ul.notifications li form { margin: 0; }
        ul.notifications, .notif-empty, ul.home-deals .close { word-break: keep-all; }
        @media (max-width: 640px) {
          ul.tasks button.check { width: 36px; height: 36px; }
          .home-figures dd { font-size: 1.1rem; }
          ul.tasks .due { flex-basis: 100%; padding-left: 46px; }
        }
        """

    /// "Done" without leaving the page: the same form posted by fetch; the task leaves its
    /// group and the group's count goes down. Any failure falls back to the plain post.
    static let js = """
        document.addEventListener('submit', function (e) {
          var form = e.target;
          if (!form.hasAttribute || !form.hasAttribute('data-done') || !window.fetch) return;
          e.preventDefault();
          var button = form.querySelector('button');
          if (button) button.disabled = true;
          fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)), headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
            .then(function (r) {
              if (!r.ok) throw new Error(String(r.status));
              var item = form.closest('[data-task]'), group = form.closest('[data-group]');
              var count = group && group.querySelector('[data-count]');
              if (count) count.textContent = String(Math.max(0, parseInt(count.textContent, 10) - 1));
              var status = document.querySelector('[data-done-status]');
              if (status) status.textContent = status.getAttribute('data-text') || '';
              if (item) item.remove();
            })
            .catch(function () { form.removeAttribute('data-done'); form.submit(); });
        });
        """
}
