/// "Show older entries" under a record's timeline: without script the link opens the
/// record page at the next page of entries; with it the next page is added below the
/// entries already shown and the link moves on, or goes when there is nothing older.
enum TimelineScript {
    static let css = """
        .timeline-filters { display: flex; flex-wrap: wrap; gap: 6px; margin: var(--sp-3) 0; }
        .timeline-filters a[aria-current] { background: var(--accent); color: var(--on-accent); border-color: var(--accent); }

        """

    static let js = """
        (function () {
          document.addEventListener('click', function (e) {
            var more = e.target.closest && e.target.closest('a[data-timeline-more]');
            if (!more || e.ctrlKey || e.metaKey || e.shiftKey) return;
            e.preventDefault();
            if (more.hasAttribute('aria-busy')) return;
            more.setAttribute('aria-busy', 'true');
            fetch(more.href, { credentials: 'same-origin' }).then(function (r) { return r.text(); }).then(function (html) {
              var doc = new DOMParser().parseFromString(html, 'text/html');
              var list = document.querySelector('ol.timeline');
              var first = null;
              doc.querySelectorAll('ol.timeline > li').forEach(function (li) {
                var copy = document.importNode(li, true);
                list.appendChild(copy);
                if (!first) first = copy;
              });
              var next = doc.querySelector('a[data-timeline-more]');
              if (next) { more.href = next.getAttribute('href'); more.removeAttribute('aria-busy'); } else { more.remove(); }
              if (first) { first.setAttribute('tabindex', '-1'); first.focus(); }
            }).catch(function () { window.location.href = more.href; });
          });
        })();

        """
}
