/// The reference picker: as the user types, the records of the target type that match
/// (from `/{type}?format=suggest&q=`), chosen by arrow keys and Enter or by pointer, as an
/// ARIA combobox a screen reader follows. Choosing fills the hidden id and clears "create
/// new"; typing again clears the id, so the server decides from what is shown. Without
/// script the field is a plain text box and the server asks when a name matches nothing.
enum TypeaheadScript {
    static let js = """
        (function () {
          var timer = null;
          function parts(box) { var input = box.querySelector('[role=combobox]'); return { input: input, id: box.querySelector('input[type=hidden]'), list: box.querySelector('[role=listbox]'), create: box.querySelector('.create-new input') }; }
          function close(p) { p.list.hidden = true; p.input.setAttribute('aria-expanded', 'false'); p.input.removeAttribute('aria-activedescendant'); }
          function choose(p, li) {
            p.input.value = li.getAttribute('data-title'); p.id.value = li.getAttribute('data-id');
            if (p.create) p.create.checked = false;
            close(p);
            p.input.dispatchEvent(new CustomEvent('typeahead-chosen', { bubbles: true }));
          }
          function show(box, items) {
            var p = parts(box);
            p.list.textContent = '';
            items.forEach(function (item, i) {
              var li = document.createElement('li');
              li.id = p.input.id + '-opt-' + i; li.setAttribute('role', 'option');
              li.setAttribute('data-id', item.id); li.setAttribute('data-title', item.title);
              var name = document.createElement('span'); name.textContent = item.title; li.appendChild(name);
              if (item.detail) { var d = document.createElement('span'); d.className = 'hint'; d.textContent = item.detail; li.appendChild(d); }
              li.addEventListener('mousedown', function (e) { e.preventDefault(); choose(p, li); });
              p.list.appendChild(li);
            });
            if (!items.length) {
              var none = document.createElement('li'); none.className = 'hint'; none.setAttribute('aria-disabled', 'true');
              none.textContent = box.getAttribute('data-none') || ''; p.list.appendChild(none);
            }
            p.list.hidden = false; p.input.setAttribute('aria-expanded', 'true');
          }
          document.addEventListener('input', function (e) {
            var box = e.target.closest && e.target.closest('[data-typeahead]');
            if (!box || e.target.getAttribute('role') !== 'combobox') return;
            var p = parts(box);
            p.id.value = '';
            clearTimeout(timer);
            var q = e.target.value.trim();
            if (!q) { close(p); return; }
            timer = setTimeout(function () {
              fetch('/' + box.getAttribute('data-typeahead') + '?format=suggest&q=' + encodeURIComponent(q), { credentials: 'same-origin' })
                .then(function (r) { return r.ok ? r.json() : []; })
                .then(function (items) { if (e.target.value.trim() === q && document.activeElement === e.target) show(box, items); })
                .catch(function () {});
            }, 150);
          });
          document.addEventListener('keydown', function (e) {
            var box = e.target.closest && e.target.closest('[data-typeahead]');
            if (!box || e.target.getAttribute('role') !== 'combobox') return;
            var p = parts(box);
            if (p.list.hidden) return;
            var options = Array.prototype.slice.call(p.list.querySelectorAll('[role=option]'));
            var current = options.findIndex(function (o) { return o.getAttribute('aria-selected') === 'true'; });
            function mark(i) {
              options.forEach(function (o, j) { o.setAttribute('aria-selected', j === i ? 'true' : 'false'); });
              if (options[i]) { p.input.setAttribute('aria-activedescendant', options[i].id); options[i].scrollIntoView({ block: 'nearest' }); }
            }
            if (e.key === 'ArrowDown') { e.preventDefault(); mark(Math.min(current + 1, options.length - 1)); }
            else if (e.key === 'ArrowUp') { e.preventDefault(); mark(Math.max(current - 1, 0)); }
            else if (e.key === 'Enter' && current >= 0) { e.preventDefault(); choose(p, options[current]); }
            else if (e.key === 'Escape') { close(p); }
          });
          document.addEventListener('focusout', function (e) {
            var box = e.target.closest && e.target.closest('[data-typeahead]');
            if (box && e.target.getAttribute('role') === 'combobox') setTimeout(function () { close(parts(box)); }, 120);
          });
        })();

        """

    static let css = """
        .typeahead { position: relative; }
        .typeahead .suggestions { position: absolute; z-index: 40; left: 0; right: 0; top: calc(100% + 2px); margin: 0; padding: 4px; list-style: none; background: var(--surface); border: 1px solid var(--line); border-radius: var(--radius); box-shadow: 0 8px 24px rgba(16,24,40,.16); max-height: 18rem; overflow-y: auto; }
        .typeahead .suggestions li { padding: 8px 10px; border-radius: 6px; cursor: pointer; display: flex; flex-direction: column; }
        .typeahead .suggestions li .hint { margin: 0; }
        .typeahead .suggestions li[aria-selected=true], .typeahead .suggestions li[role=option]:hover { background: var(--accent-soft); }
        .typeahead .create-new { font-weight: 400; display: inline-flex; gap: 6px; align-items: center; margin: 6px 0 0; font-size: var(--fs-sm); }

        """
}
