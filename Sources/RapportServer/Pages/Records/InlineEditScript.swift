/// Editing a value in place. A cell or a record's field marked `data-edit` opens the
/// field's editor (fetched from the server, so it is the edit form's own input) on a click,
/// or on Enter or F2 on its edit button. Enter, Save or leaving the editor saves with the
/// row's ETag as `If-Match`; Esc or Cancel puts the value back. A refusal (someone changed
/// the record meanwhile, an invalid value) shows the server's message in the user's
/// language under the input and keeps what was typed. Lists on a phone are cards and offer
/// no editing in place; the record page does.
enum InlineEditScript {
    static let css = """
        button.inline-edit { margin: 0 0 0 4px; padding: 2px 4px; min-height: 0; background: transparent; color: var(--muted); border-color: transparent; vertical-align: middle; opacity: 0; }
        [data-edit]:hover > button.inline-edit, button.inline-edit:focus-visible { opacity: 1; }
        button.inline-edit:hover { color: var(--accent); }
        [data-edit] { cursor: text; } [data-edit] a { cursor: pointer; }
        .inline-editor { min-width: 12rem; white-space: normal; }
        .inline-editor .input > label:not(.create-new):not(:has(input)), .inline-editor legend { position: absolute; left: -999px; }
        .inline-editor .hint, .inline-editor .input > p.field-error:not([data-inline-error]) { display: none; }
        .inline-editor input, .inline-editor select, .inline-editor textarea { margin: 0; width: 100%; min-height: 36px; }
        .inline-editor .input { margin: 0; }
        .inline-actions { display: flex; gap: 6px; margin-top: 6px; } .inline-actions button { margin: 0; }
        .inline-editor [data-inline-error] { margin: 6px 0 0; }
        @media (pointer: coarse) { button.inline-edit { opacity: 1; } }
        @media (max-width: 720px) { table.list button.inline-edit { display: none; } }

        """

    static let js = """
        (function () {
          function phoneList(cell) { return cell.closest('table.list') && window.matchMedia('(max-width: 720px)').matches; }
          function holder(cell) { return cell.closest('[data-record]'); }
          function editorOf(cell) { return cell.querySelector('[data-inline-editor]'); }
          function values(ed) {
            var out = new URLSearchParams();
            ed.querySelectorAll('input[name], select[name], textarea[name]').forEach(function (el) {
              if ((el.type === 'checkbox' || el.type === 'radio') && !el.checked) return;
              out.append(el.name, el.value);
            });
            return out;
          }
          function close(cell, focus) {
            if (!cell.hasAttribute('data-editing')) return;
            cell.innerHTML = cell.getAttribute('data-editing');
            cell.removeAttribute('data-editing');
            if (focus) { var b = cell.querySelector('[data-inline-edit]'); if (b) b.focus(); }
          }
          function fail(cell, message) {
            var ed = editorOf(cell);
            if (!ed) return;
            var box = ed.querySelector('[data-inline-error]');
            box.textContent = message;
            box.hidden = false;
            var input = ed.querySelector('input:not([type=hidden]), select, textarea');
            if (input) { input.setAttribute('aria-invalid', 'true'); input.setAttribute('aria-describedby', box.id = 'inline-error'); input.focus(); }
          }
          function open(cell) {
            if (cell.hasAttribute('data-editing') || phoneList(cell)) return;
            var row = holder(cell);
            document.querySelectorAll('[data-editing]').forEach(function (other) { if (other !== cell) close(other, false); });
            cell.setAttribute('data-editing', cell.innerHTML);
            fetch(row.getAttribute('data-record') + '/field/' + encodeURIComponent(cell.getAttribute('data-edit')), { credentials: 'same-origin' })
              .then(function (r) { return r.text().then(function (t) { return { ok: r.ok, text: t }; }); })
              .then(function (r) {
                if (!r.ok) { close(cell, true); return; }
                cell.innerHTML = r.text;
                var ed = editorOf(cell);
                ed.setAttribute('data-initial', values(ed).toString());
                var input = ed.querySelector('input:not([type=hidden]), select, textarea');
                if (input) { input.focus(); if (input.select && input.type !== 'checkbox') input.select(); }
              })
              .catch(function () { close(cell, true); });
          }
          function save(cell) {
            var ed = editorOf(cell);
            if (!ed || ed.hasAttribute('data-busy')) return;
            var body = values(ed);
            if (body.toString() === ed.getAttribute('data-initial')) { close(cell, true); return; }
            body.append('_csrf', ed.getAttribute('data-csrf'));
            ed.setAttribute('data-busy', '');
            var row = holder(cell);
            fetch(ed.getAttribute('data-action'), {
              method: 'POST', credentials: 'same-origin', body: body,
              headers: { 'Accept': 'application/json', 'If-Match': row.getAttribute('data-etag') }
            }).then(function (r) { return r.json().then(function (j) { return { ok: r.ok, json: j }; }); })
              .then(function (r) {
                ed.removeAttribute('data-busy');
                if (!r.ok) { fail(cell, r.json.detail || ''); return; }
                row.setAttribute('data-etag', r.json.etag);
                cell.removeAttribute('data-editing');
                cell.innerHTML = r.json.html;
                cell.classList.remove('empty');
                addButton(cell);
                cell.querySelector('[data-inline-edit]').focus();
              })
              .catch(function () { ed.removeAttribute('data-busy'); fail(cell, ed.getAttribute('data-failed')); });
          }
          document.addEventListener('click', function (e) {
            var cell = e.target.closest && e.target.closest('[data-edit]');
            if (!cell || !holder(cell)) return;
            if (e.target.closest('[data-inline-save]')) { e.preventDefault(); save(cell); return; }
            if (e.target.closest('[data-inline-cancel]')) { e.preventDefault(); close(cell, true); return; }
            if (cell.hasAttribute('data-editing') || e.target.closest('a')) return;
            if (e.target.closest('[data-inline-edit]') || !window.getSelection().toString()) { e.preventDefault(); open(cell); }
          });
          document.addEventListener('keydown', function (e) {
            var cell = e.target.closest && e.target.closest('[data-edit]');
            if (!cell || !holder(cell)) return;
            var list = e.target.getAttribute('role') === 'combobox' && cell.querySelector('.suggestions:not([hidden])');
            if (!cell.hasAttribute('data-editing')) {
              if (e.key === 'F2' || (e.key === 'Enter' && e.target.matches('[data-inline-edit]'))) { e.preventDefault(); open(cell); }
              return;
            }
            if (list) return;
            if (e.key === 'Escape') { e.preventDefault(); close(cell, true); }
            else if (e.key === 'Enter' && (e.target.tagName !== 'TEXTAREA' || e.ctrlKey || e.metaKey) && !e.target.matches('button')) { e.preventDefault(); save(cell); }
          }, true);
          document.addEventListener('focusout', function (e) {
            var cell = e.target.closest && e.target.closest('[data-editing]');
            if (!cell) return;
            setTimeout(function () {
              var ed = editorOf(cell);
              if (!ed || cell.contains(document.activeElement) || ed.hasAttribute('data-busy')) return;
              if (!ed.querySelector('[data-inline-error]').hidden) return;
              save(cell);
            }, 150);
          });
          function addButton(cell) {
            var box = cell.closest('[data-inline-label]');
            if (!box || cell.querySelector('[data-inline-edit]')) return;
            var field = cell.getAttribute('data-label') || (cell.previousElementSibling ? cell.previousElementSibling.textContent : '');
            var title = box.getAttribute('data-title');
            if (!title) { var a = cell.closest('tr').querySelector('td.title a'); title = a ? a.textContent : ''; }
            var b = document.createElement('button');
            b.type = 'button'; b.className = 'inline-edit'; b.setAttribute('data-inline-edit', '');
            b.setAttribute('aria-label', box.getAttribute('data-inline-label').replace('%1$@', field.trim()).replace('%2$@', title.trim()));
            b.innerHTML = '<svg class="icon" aria-hidden="true"><use href="' + box.getAttribute('data-inline-icons') + '#pencil"/></svg>';
            cell.appendChild(b);
          }
          document.addEventListener('DOMContentLoaded', function () {
            document.querySelectorAll('[data-edit]').forEach(addButton);
          });
        })();

        """
}
