/// A list's selection: "select all", the count of chosen rows, the inputs the chosen bulk
/// action needs, and a question before moving records to the trash. Without script the
/// form still posts the checked rows and every input.
enum RecordScripts {
    static let js = """
        (function () {
          function sync(form) {
            var boxes = form.querySelectorAll('input[name=ids]');
            var chosen = form.querySelectorAll('input[name=ids]:checked').length;
            var all = form.querySelector('[data-select-all]');
            if (all) { all.checked = chosen > 0 && chosen === boxes.length; all.indeterminate = chosen > 0 && chosen < boxes.length; }
            var label = form.querySelector('[data-selected-count]');
            if (label) {
              if (!label.hasAttribute('data-hint')) label.setAttribute('data-hint', label.textContent);
              label.textContent = chosen ? label.getAttribute('data-selected').replace('%d', chosen) : label.getAttribute('data-hint');
            }
            var bar = form.querySelector('.bulk-bar');
            if (bar) { if (chosen) bar.removeAttribute('data-idle'); else bar.setAttribute('data-idle', ''); }
            var action = form.querySelector('select[name=action]');
            form.querySelectorAll('[data-for-action]').forEach(function (el) {
              el.hidden = !action || el.getAttribute('data-for-action') !== action.value;
            });
          }
          document.addEventListener('change', function (e) {
            var form = e.target.closest && e.target.closest('form[data-bulk]');
            if (!form) return;
            if (e.target.matches('[data-select-all]')) {
              form.querySelectorAll('input[name=ids]').forEach(function (b) { b.checked = e.target.checked; });
            }
            sync(form);
          });
          document.addEventListener('submit', function (e) {
            var form = e.target;
            if (!form.matches || !form.matches('form[data-bulk]')) return;
            var action = form.querySelector('select[name=action]');
            var ask = form.querySelector('[data-confirm-delete]');
            if (action && action.value === 'delete' && ask && !window.confirm(ask.getAttribute('data-confirm-delete'))) e.preventDefault();
          });
          document.addEventListener('DOMContentLoaded', function () {
            document.querySelectorAll('form[data-bulk]').forEach(sync);
          });
        })();

        """
}
