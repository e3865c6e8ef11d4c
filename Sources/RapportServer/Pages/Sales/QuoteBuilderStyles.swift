/// The quote builder's styles and script. On a phone each line is a small card whose boxes
/// carry their column names; the printed quote keeps its own styles in QuotePrintStyles.
enum QuoteBuilderStyles {
    static let css = """
        .quote-builder { margin-bottom: var(--sp-4); }
        .qb-scroll { overflow-x: auto; }
        .qb-table { width: 100%; border-collapse: collapse; background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); }
        .qb-table th { font-size: var(--fs-xs); font-weight: 600; color: var(--muted); background: var(--soft); white-space: nowrap; word-break: keep-all; text-align: left; padding: 8px 4px; }
        .qb-table th.num, .qb-table td.num { text-align: right; }
        .qb-table td { padding: 6px 4px; border-bottom: 1px solid var(--soft); vertical-align: middle; }
        .qb-table input[type=text] { margin: 0; padding: 6px 8px; }
        .qb-table .qb-desc { min-width: 12rem; width: 40%; }
        .qb-table .qb-num input { width: 4.75rem; text-align: right; }
        .qb-table .qb-money input { width: 7.5rem; text-align: right; }
        .qb-table .qb-total { min-width: 6.5rem; font-variant-numeric: tabular-nums; }
        .qb-table .qb-pos { color: var(--muted); width: 1.5rem; }
        .qb-actions { white-space: nowrap; }
        .qb-actions button { min-width: 32px; margin: 0 2px 0 0; padding: 4px 6px; }
        .qb-actions .qb-remove { display: inline-flex; align-items: center; gap: 2px; margin: 0 0 0 4px; font-weight: 400; min-height: 32px; color: var(--muted); cursor: pointer; vertical-align: middle; }
        .qb-actions .qb-remove:has(:checked) { color: var(--bad); }
        .qb-removed td:not(.qb-actions) { opacity: .55; text-decoration: line-through; }
        .qb-default { position: absolute; left: -9999px; }
        .qb-foot { display: grid; grid-template-columns: minmax(0, 1fr) minmax(16rem, 26rem); gap: 0 var(--sp-4); align-items: start; }
        .qb-foot [data-add-row] { justify-self: start; }
        .qb-foot .qb-status { grid-column: 1; margin: var(--sp-2) 0 0; color: var(--bad); }
        .qb-foot .qb-totals, .qb-foot .qb-save { grid-column: 2; }
        .qb-foot .qb-totals { grid-row: 1 / span 2; margin-top: var(--sp-4); }
        .qb-save { justify-content: flex-end; }
        .qb-sums dd { text-align: right; } .qb-sums .grand { font-weight: 700; font-size: var(--fs-lg); color: var(--ink); }
        .quote-builder > .qb-totals { max-width: 26rem; margin: var(--sp-4) 0 0 auto; }
        @media (max-width: 720px) {
          .qb-table, .qb-table tbody { display: block; border: 0; background: none; }
          .qb-table thead { position: absolute; left: -9999px; }
          .qb-table tr { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.5fr) minmax(0, 1fr) minmax(0, 1fr); gap: 2px 6px; background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); padding: 8px 10px; margin-bottom: 8px; }
          .qb-table td { display: grid; align-content: end; padding: 0; border: 0; }
          .qb-table .qb-pos { display: none; }
          .qb-table .qb-desc { grid-column: 1 / -1; min-width: 0; width: auto; }
          .qb-table .qb-num input, .qb-table .qb-money input { width: 100%; }
          .qb-table label.skip { position: static; display: block; margin: 2px 0; font-size: var(--fs-xs); font-weight: 400; color: var(--muted); }
          .qb-table .qb-total { grid-column: span 2; align-content: center; text-align: left; padding: 4px 0; }
          .qb-table .qb-total:empty { visibility: hidden; }
          .qb-table .qb-total:not(:empty)::before { content: attr(data-label) " "; color: var(--muted); font-size: var(--fs-xs); }
          .qb-table .qb-actions { grid-column: span 2; display: block; align-self: center; text-align: right; }
          .qb-table input[type=text] { padding: 6px; }
          .qb-foot { grid-template-columns: minmax(0, 1fr); }
          .qb-foot .qb-totals, .qb-foot .qb-save, .qb-foot .qb-status { grid-column: 1; grid-row: auto; }
          .qb-save button { width: 100%; }
        }

        """

    /// Adds, moves and removes rows in place, keeping every box named by its row's place,
    /// and asks the server for the totals (debounced) whenever the table changes.
    static let js = """
        (function () {
          var form = document.querySelector('[data-quote-builder]');
          if (!form) return;
          var body = form.querySelector('[data-rows]'), tpl = form.querySelector('template[data-row-template]');
          var status = form.querySelector('[data-preview-status]'), timer = null, made = 0, asked = 0;
          function rows() { return Array.prototype.slice.call(body.querySelectorAll('tr[data-row]')); }
          function renumber() {
            var all = rows();
            all.forEach(function (tr, i) {
              tr.querySelectorAll('[name]').forEach(function (el) { el.name = el.name.replace(/^l(\\d+|__i__)_/, 'l' + i + '_'); });
              tr.querySelectorAll('[data-move]').forEach(function (b) {
                b.value = i + ':' + b.getAttribute('data-move');
                b.disabled = b.getAttribute('data-move') === 'up' ? i === 0 : i === all.length - 1;
              });
              var pos = tr.querySelector('.qb-pos'); if (pos) pos.textContent = i + 1;
            });
          }
          function preview() { clearTimeout(timer); timer = setTimeout(send, 250); }
          function send() {
            var data = new URLSearchParams(new FormData(form)), mine = ++asked;
            data.delete('move');
            fetch(form.getAttribute('data-preview'), { method: 'POST', body: data, credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
              .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); })
              .then(function (res) {
                if (mine !== asked) return;
                var all = rows();
                all.forEach(function (tr) {
                  tr.querySelector('[data-line-total]').textContent = '';
                  tr.querySelectorAll('input[aria-invalid]').forEach(function (el) { el.removeAttribute('aria-invalid'); });
                });
                if (!res.ok) {
                  status.textContent = (res.j.errors || []).map(function (e) { return e.message; }).join(' ');
                  (res.j.errors || []).forEach(function (e) {
                    var tr = all[e.row], f = (e.field || '').replace(/^lines\\[\\d+\\]\\./, '');
                    var key = { quantity: 'quantity', unit_price: 'unit_price', discount_percent: 'discount', tax_percent: 'tax' }[f];
                    var input = tr && key && tr.querySelector('[name$=_' + key + ']');
                    if (input) input.setAttribute('aria-invalid', 'true');
                  });
                  return;
                }
                status.textContent = '';
                res.j.rows.forEach(function (r) {
                  var tr = all[r.index]; if (!tr) return;
                  tr.querySelector('[data-line-total]').textContent = r.total;
                  var price = tr.querySelector('[name$=_unit_price]');
                  if (r.unit_price && price && !price.value) price.value = r.unit_price;
                });
                form.querySelector('[data-totals]').innerHTML = res.j.totals;
              })
              .catch(function () {});
          }
          function addRow() {
            made += 1;
            var html = tpl.innerHTML.replace(/__i__/g, 'n' + made);
            var scratch = document.createElement('tbody'); scratch.innerHTML = html;
            var tr = scratch.querySelector('tr'); body.appendChild(tr);
            renumber();
            tr.querySelector('input[type=text]').focus();
          }
          var add = form.querySelector('[data-add-row]');
          add.hidden = false;
          add.addEventListener('click', addRow);
          form.addEventListener('click', function (e) {
            var b = e.target.closest && e.target.closest('button[data-move]');
            if (!b) return;
            e.preventDefault();
            var tr = b.closest('tr'), up = b.getAttribute('data-move') === 'up';
            var other = up ? tr.previousElementSibling : tr.nextElementSibling;
            if (!other) return;
            if (up) body.insertBefore(tr, other); else body.insertBefore(other, tr);
            renumber();
            b.disabled ? (tr.querySelector('button[data-move]:not([disabled])') || b).focus() : b.focus();
            preview();
          });
          form.addEventListener('change', function (e) {
            if (e.target.name && /_remove$/.test(e.target.name)) {
              var tr = e.target.closest('tr');
              if (!tr.querySelector('[name$=_id]').value && e.target.checked) { tr.remove(); renumber(); } else tr.classList.toggle('qb-removed', e.target.checked);
            }
            preview();
          });
          form.addEventListener('input', preview);
          form.addEventListener('typeahead-chosen', function (e) {
            var tr = e.target.closest('tr'), price = tr && tr.querySelector('[name$=_unit_price]');
            if (price) price.value = '';
            var qty = tr && tr.querySelector('[name$=_quantity]');
            if (qty && !qty.value) qty.value = '1';
            preview();
          });
          renumber();
        })();

        """
}
