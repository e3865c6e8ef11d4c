/// The quote builder on the quote's page, its totals block, and the printed quote. Words
/// come from `t` or from values the handlers translated; none are written here.
enum QuoteTemplates: PageTemplateSet {
    static let all: [String: String] = [
        "quote_builder": builder, "quote_totals": totals, "quote_row": row, "quote_print": print,
    ]

    /// The quote as a document (견적서, 見積書): no navigation; the lines stay a table at any
    /// width and on paper, never the phone cards of lists.
    static let print = """
        {{> head}}
        <article class="quote-doc">
        <div class="qd-tools no-print"><a href="/quotes/{{id}}">{{labels.back}}</a><button type="button" data-print>{{t.print}}</button></div>
        <header class="qd-head"><h1>{{labels.heading}}</h1>
        <dl class="qd-meta"><dt>{{labels.number}}</dt><dd class="num">{{number}}</dd>{{#revision}}<dt>{{labels.revision}}</dt><dd class="num">{{revision}}</dd>{{/revision}}
        <dt>{{labels.issued}}</dt><dd>{{issued}}</dd>{{#validUntil}}<dt>{{labels.validUntil}}</dt><dd>{{validUntil}}</dd>{{/validUntil}}</dl></header>
        <div class="qd-parties">
        <section class="qd-buyer" aria-labelledby="qd-buyer"><h2 id="qd-buyer">{{labels.buyer}}</h2>{{#buyer}}<p class="qd-name">{{name}}</p>{{#address}}<p class="qd-address">{{address}}</p>{{/address}}{{/buyer}}
        {{#attention}}<p class="qd-attention">{{attention}}</p>{{/attention}}{{#dealTitle}}<p class="meta">{{labels.deal}}: {{dealTitle}}</p>{{/dealTitle}}</section>
        {{#seller}}<section class="qd-seller" aria-labelledby="qd-seller"><h2 id="qd-seller">{{labels.seller}}</h2><address><strong class="qd-name">{{name}}</strong>{{#address}}<br><span class="body">{{address}}</span>{{/address}}{{#taxNumber}}<br>{{taxLabel}} {{taxNumber}}{{/taxNumber}}</address></section>{{/seller}}
        </div>
        <p class="qd-greeting">{{labels.greeting}}</p>
        <p class="qd-amount"><span>{{labels.amount}}</span> <strong class="num">{{total}}</strong></p>
        <div class="qd-scroll"><table class="qd-lines"><thead><tr><th scope="col" class="num">{{labels.n}}</th><th scope="col">{{labels.description}}</th><th scope="col" class="num">{{labels.quantity}}</th><th scope="col" class="num">{{labels.unitPrice}}</th><th scope="col" class="num">{{labels.discount}}</th><th scope="col" class="num">{{labels.tax}}</th><th scope="col" class="num">{{labels.total}}</th></tr></thead>
        <tbody>{{#lines}}<tr><td class="num">{{n}}</td><td>{{description}}</td><td class="num">{{quantity}}</td><td class="num">{{unitPrice}}</td><td class="num">{{discount}}</td><td class="num">{{tax}}</td><td class="num">{{total}}</td></tr>{{/lines}}</tbody>
        </table></div>
        <dl class="qd-totals"><dt>{{labels.subtotal}}</dt><dd class="num">{{subtotal}}</dd><dt>{{labels.discountTotal}}</dt><dd class="num">{{discount}}</dd>
        {{#rates}}<dt class="rate">{{label}}</dt><dd class="num rate">{{net}}</dd><dt class="rate">{{taxLabel}}</dt><dd class="num rate">{{tax}}</dd>{{/rates}}
        <dt>{{labels.taxTotal}}</dt><dd class="num">{{tax}}</dd><dt class="grand">{{labels.grandTotal}}</dt><dd class="num grand">{{total}}</dd></dl>
        {{#notes}}<section class="qd-notes" aria-labelledby="qd-notes"><h2 id="qd-notes">{{labels.notes}}</h2><p class="body">{{notes}}</p></section>{{/notes}}
        </article>
        {{> foot}}
        """

    /// One row of the builder. Inputs are named `l{i}_…` by their place in the table; the
    /// row template for script-added rows uses `__i__`, replaced when a row is added.
    static let row = """
        <tr data-row{{#remove}} class="qb-removed"{{/remove}}>
        <td class="qb-pos num" data-label="#">{{number}}</td>
        <td class="qb-desc"><input type="hidden" name="l{{i}}_id" value="{{id}}">
        <div class="typeahead" data-typeahead="products" data-none="{{t.qb_no_product}}">
        <label class="skip" for="qb-{{i}}-desc">{{labels.description}}</label>
        <input id="qb-{{i}}-desc" name="l{{i}}_description" type="text" maxlength="500" value="{{description}}" role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="qb-{{i}}-list" autocomplete="off" placeholder="{{t.qb_product_placeholder}}"{{#bad_description}} aria-invalid="true"{{/bad_description}}>
        <input type="hidden" name="l{{i}}_product" value="{{product}}">
        <ul class="suggestions" id="qb-{{i}}-list" role="listbox" hidden></ul>
        </div></td>
        <td class="qb-num"><label class="skip" for="qb-{{i}}-qty">{{labels.quantity}}</label><input id="qb-{{i}}-qty" name="l{{i}}_quantity" type="text" inputmode="decimal" value="{{quantity}}"{{#bad_quantity}} aria-invalid="true"{{/bad_quantity}}></td>
        <td class="qb-money"><label class="skip" for="qb-{{i}}-price">{{labels.unit_price}}</label><input id="qb-{{i}}-price" name="l{{i}}_unit_price" type="text" inputmode="decimal" value="{{unitPrice}}"{{#bad_unit_price}} aria-invalid="true"{{/bad_unit_price}}></td>
        <td class="qb-num"><label class="skip" for="qb-{{i}}-disc">{{labels.discount_percent}}</label><input id="qb-{{i}}-disc" name="l{{i}}_discount" type="text" inputmode="decimal" value="{{discount}}"{{#bad_discount_percent}} aria-invalid="true"{{/bad_discount_percent}}></td>
        <td class="qb-num"><label class="skip" for="qb-{{i}}-tax">{{labels.tax_percent}}</label><input id="qb-{{i}}-tax" name="l{{i}}_tax" type="text" inputmode="decimal" value="{{tax}}"{{#bad_tax_percent}} aria-invalid="true"{{/bad_tax_percent}}></td>
        <td class="qb-total num" data-line-total data-label="{{labels.line_total}}">{{total}}</td>
        <td class="qb-actions"><button type="submit" class="secondary small" name="move" value="{{i}}:up" aria-label="{{upLabel}}" title="{{upLabel}}" data-move="up"{{#first}} disabled{{/first}}><span aria-hidden="true">↑</span></button><button type="submit" class="secondary small" name="move" value="{{i}}:down" aria-label="{{downLabel}}" title="{{downLabel}}" data-move="down"{{#last}} disabled{{/last}}><span aria-hidden="true">↓</span></button>
        <label class="qb-remove" title="{{removeLabel}}"><input type="checkbox" name="l{{i}}_remove" value="1"{{#remove}} checked{{/remove}}><span class="skip">{{removeLabel}}</span><svg class="icon" aria-hidden="true"><use href="{{iconsPath}}#trash"/></svg></label></td>
        </tr>
        """

    /// The builder: a plain form that works without script (spare rows add lines, the
    /// arrows reorder by saving, a box removes); the script adds rows, reorders in place
    /// and asks the server for the totals as the table changes.
    static let builder = """
        <section class="quote-builder" id="lines" aria-labelledby="qb-heading">
        <h2 id="qb-heading">{{t.qb_heading}}{{#currency}} <span class="chip">{{currency}}</span>{{/currency}}</h2>
        {{#has_errors}}<div class="notice bad" role="alert" id="qb-errors"><ul>{{#errors}}<li>{{message}}</li>{{/errors}}</ul></div>{{/has_errors}}
        {{#finalNote}}<p class="meta">{{finalNote}}</p>{{/finalNote}}
        {{#editable}}
        <form method="post" action="/quotes/{{quoteID}}/lines" data-quote-builder data-preview="/quotes/{{quoteID}}/lines/preview">
        <input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="version" value="{{version}}">
        <button type="submit" class="qb-default" tabindex="-1" aria-hidden="true">{{t.qb_save}}</button>
        <div class="qb-scroll"><table class="qb-table">
        <thead><tr><th scope="col" class="num">#</th><th scope="col">{{t.qb_item}}</th><th scope="col" class="num">{{labels.quantity}}</th><th scope="col" class="num">{{unitPriceLabel}}</th><th scope="col" class="num">{{labels.discount_percent}}</th><th scope="col" class="num">{{labels.tax_percent}}</th><th scope="col" class="num">{{labels.line_total}}</th><th scope="col"><span class="skip">{{t.qb_row_actions}}</span></th></tr></thead>
        <tbody data-rows>{{#rows}}{{> quote_row}}{{/rows}}</tbody>
        </table></div>
        <template data-row-template>{{#template_row}}{{> quote_row}}{{/template_row}}</template>
        <div class="qb-foot">
        <button type="button" class="secondary" data-add-row hidden><svg class="icon" aria-hidden="true"><use href="{{iconsPath}}#plus"/></svg>{{t.qb_add_line}}</button>
        <p class="meta qb-status" data-preview-status role="status" aria-live="polite"></p>
        <div class="qb-totals" data-totals aria-live="polite">{{{totals}}}</div>
        <div class="actions qb-save"><button type="submit">{{t.qb_save}}</button></div>
        </div>
        </form>
        {{/editable}}
        {{^editable}}
        <div class="qb-scroll"><table class="qb-table">
        <thead><tr><th scope="col" class="num">#</th><th scope="col">{{t.qb_item}}</th><th scope="col" class="num">{{labels.quantity}}</th><th scope="col" class="num">{{unitPriceLabel}}</th><th scope="col" class="num">{{labels.discount_percent}}</th><th scope="col" class="num">{{labels.tax_percent}}</th><th scope="col" class="num">{{labels.line_total}}</th></tr></thead>
        <tbody>{{#rows}}<tr><td class="num">{{number}}</td><td>{{description}}</td><td class="num">{{quantity}}</td><td class="num">{{unitPrice}}</td><td class="num">{{discount}}</td><td class="num">{{tax}}</td><td class="num">{{total}}</td></tr>{{/rows}}</tbody>
        </table></div>
        <div class="qb-totals">{{{totals}}}</div>
        {{/editable}}
        </section>
        """

    static let totals = """
        <dl class="fields qb-sums"><dt>{{labels.subtotal}}</dt><dd class="num">{{subtotal}}</dd><dt>{{labels.discount}}</dt><dd class="num">−{{discount}}</dd>
        {{#rates}}<dt class="rate">{{label}}</dt><dd class="num rate">{{tax}} <span class="meta">({{net}})</span></dd>{{/rates}}
        <dt>{{labels.tax}}</dt><dd class="num">{{tax}}</dd><dt class="grand">{{labels.total}}</dt><dd class="num grand" data-grand-total>{{total}}</dd></dl>
        """
}
