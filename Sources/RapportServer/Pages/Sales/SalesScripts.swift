/// The deal board: a card dropped on a column submits its own "move" form, so a drag does
/// exactly what choosing the stage and pressing Move does.
enum SalesScripts {
    static let js = """
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

        """
}
