/// Templates of the workspace: one list, record, form and search page serve every record
/// type. Words come from `t` or from values the handlers translated; none are written here.
enum RecordTemplates: PageTemplateSet {
    static let all: [String: String] = [
        "list": list, "record": record, "form": form, "search": search, "trash": trash, "message_app": messageApp,
        "notice": notice, "cell": cell, "reports": reports, "quote_print": quotePrint,
    ]

    /// A quote as a document: no navigation, print styles leave only the paper.
    static let quotePrint = """
        {{> head}}
        <article class="quote">
        <div class="actions spread"><h1>{{labels.heading}} {{number}}</h1><button type="button" class="secondary no-print" data-print>{{t.print}}</button></div>
        {{#seller}}<address class="seller"><strong>{{name}}</strong>{{#address}}<br><span class="body">{{address}}</span>{{/address}}{{#taxNumber}}<br>{{taxLabel}} {{taxNumber}}{{/taxNumber}}</address>{{/seller}}
        <dl class="fields">
        <dt>{{labels.customer}}</dt><dd>{{customer}}</dd>{{#attention}}<dt>{{labels.attention}}</dt><dd>{{attention}}</dd>{{/attention}}<dt>{{labels.deal}}</dt><dd>{{dealTitle}}</dd>
        <dt>{{labels.issued}}</dt><dd>{{issued}}</dd><dt>{{labels.validUntil}}</dt><dd>{{validUntil}}</dd><dt>{{labels.status}}</dt><dd>{{status}}</dd>
        </dl>
        <table class="list quote-lines"><thead><tr><th scope="col">{{labels.description}}</th><th scope="col">{{labels.quantity}}</th><th scope="col">{{labels.unitPrice}}</th><th scope="col">{{labels.discount}}</th><th scope="col">{{labels.tax}}</th><th scope="col">{{labels.total}}</th></tr></thead>
        <tbody>{{#lines}}<tr><td data-label="{{labels.description}}">{{description}}</td><td data-label="{{labels.quantity}}">{{quantity}}</td><td data-label="{{labels.unitPrice}}">{{unitPrice}}</td><td data-label="{{labels.discount}}">{{discount}}</td><td data-label="{{labels.tax}}">{{tax}}</td><td data-label="{{labels.total}}">{{total}}</td></tr>{{/lines}}</tbody>
        </table>
        <dl class="fields totals"><dt>{{labels.subtotal}}</dt><dd>{{subtotal}}</dd><dt>{{labels.discountTotal}}</dt><dd>{{discount}}</dd><dt>{{labels.taxTotal}}</dt><dd>{{tax}}</dd>{{#rates}}<dt class="rate">{{label}}</dt><dd class="rate">{{net}} · {{labels.taxTotal}} {{tax}}</dd>{{/rates}}<dt>{{labels.grandTotal}}</dt><dd><strong>{{total}}</strong></dd></dl>
        {{#notes}}<h2>{{labels.notes}}</h2><p class="body">{{notes}}</p>{{/notes}}
        </article>
        {{> foot}}
        """

    /// Charts are SVG made on the server (already escaped), hence the triple braces.
    static let reports = """
        {{> head}}
        <h1>{{t.reports}}</h1>
        <section aria-labelledby="r-summary"><h2 id="r-summary">{{t.summary}}</h2>
        <dl class="fields"><dt>{{t.win_rate}}</dt><dd>{{winRate}} ({{won}} / {{lost}})</dd><dt>{{t.open_deals}}</dt><dd>{{open}}</dd>
        <dt>{{t.average_deal}}</dt><dd>{{#averages}}{{value}} {{/averages}}</dd><dt>{{t.cycle_days}}</dt><dd>{{cycle}}</dd>
        <dt>{{t.velocity}}</dt><dd>{{#velocity}}{{value}} {{/velocity}}{{^has_velocity}}—{{/has_velocity}}</dd></dl>
        </section>
        {{#quota}}<section aria-labelledby="r-quota"><h2 id="r-quota">{{t.quota_vs_forecast}}</h2>
        <p class="actions">{{#byOwner}}<strong>{{t.by_owner}}</strong> · <a href="/reports?pipeline={{pipelineID}}&amp;by=team#r-quota">{{t.by_team}}</a>{{/byOwner}}{{^byOwner}}<a href="/reports?pipeline={{pipelineID}}&amp;by=owner#r-quota">{{t.by_owner}}</a> · <strong>{{t.by_team}}</strong>{{/byOwner}}</p>
        {{{svg}}}
        {{#has_rows}}<table class="list"><thead><tr><th scope="col">{{#byOwner}}{{t.owner}}{{/byOwner}}{{^byOwner}}{{t.teams_label}}{{/byOwner}}</th><th scope="col">{{t.close_month}}</th><th scope="col">{{t.quota}}</th><th scope="col">{{t.won_amount}}</th><th scope="col">{{t.weighted}}</th><th scope="col">{{t.attainment}}</th><th scope="col">{{t.projected}}</th></tr></thead>
        <tbody>{{#rows}}<tr><td data-label="">{{name}}</td><td data-label="{{t.close_month}}">{{month}}</td><td data-label="{{t.quota}}">{{quota}}</td><td data-label="{{t.won_amount}}">{{won}}</td><td data-label="{{t.weighted}}">{{weighted}}</td><td data-label="{{t.attainment}}">{{attainment}}</td><td data-label="{{t.projected}}">{{projected}}</td></tr>{{/rows}}</tbody></table>{{/has_rows}}
        {{^has_rows}}<p>{{t.nothing_here}}</p>{{/has_rows}}
        </section>{{/quota}}
        {{#charts}}<section aria-labelledby="r-f-{{currency}}"><h2 id="r-f-{{currency}}">{{t.forecast}} · {{currency}}</h2>{{{svg}}}
        <table class="list"><thead><tr><th scope="col">{{t.close_month}}</th><th scope="col">{{t.weighted}}</th><th scope="col">{{t.pipeline_total}}</th><th scope="col">{{t.deals_count}}</th></tr></thead>
        <tbody>{{#rows}}<tr><td data-label="{{t.close_month}}">{{month}}</td><td data-label="{{t.weighted}}">{{weighted}}</td><td data-label="{{t.pipeline_total}}">{{pipeline}}</td><td data-label="{{t.deals_count}}">{{deals}}</td></tr>{{/rows}}</tbody></table>
        </section>{{/charts}}
        <section aria-labelledby="r-funnel"><h2 id="r-funnel">{{t.funnel}}</h2>{{{funnelSVG}}}</section>
        <section aria-labelledby="r-lost"><h2 id="r-lost">{{t.lost_reasons}}</h2><ul>{{#reasons}}<li>{{reason}}: {{count}}</li>{{/reasons}}</ul>{{^has_reasons}}<p>{{t.nothing_here}}</p>{{/has_reasons}}</section>
        {{> foot}}
        """

    /// A value made of pieces, each perhaps a link.
    static let cell = """
        {{#parts}}{{#href}}<a href="{{href}}">{{text}}</a>{{/href}}{{^href}}{{text}}{{/href}}{{^last}}, {{/last}}{{/parts}}
        """

    static let notice = """
        {{#notice}}<div class="notice{{#bad}} bad{{/bad}}" role="status"><span>{{text}}</span>{{#undo}}<form method="post" action="{{undo}}"><input type="hidden" name="_csrf" value="{{csrf}}"><button class="secondary" type="submit">{{t.undo}}</button></form>{{/undo}}</div>{{/notice}}
        """

    static let list = """
        {{> head}}
        <div class="page-head">
        <h1>{{heading}}{{#countText}}<span class="count">{{countText}}</span>{{/countText}}</h1>
        <div class="actions">{{#pageActions}}<a class="button secondary" href="{{href}}">{{label}}</a>{{/pageActions}}{{#canExport}}<a class="button secondary" href="{{exportHref}}" download><svg class="icon" aria-hidden="true"><use href="{{iconsPath}}#download"/></svg>{{t.export_view}}</a>{{/canExport}}{{#canCreate}}<a class="button" href="/{{typeName}}/new" data-shortcut="new"><svg class="icon" aria-hidden="true"><use href="{{iconsPath}}#plus"/></svg>{{t.new}}</a>{{/canCreate}}</div>
        </div>
        {{> notice}}
        <form class="toolbar" method="get" action="/{{typeName}}">
        <div><label for="list-q">{{t.filter_search}}</label><input id="list-q" name="q" type="search" value="{{q}}"></div>
        {{#filters}}<div><label for="filter-{{name}}">{{label}}</label><select id="filter-{{name}}" name="{{param}}">{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</select></div>{{/filters}}
        {{#sortValue}}<input type="hidden" name="sort" value="{{sortValue}}">{{/sortValue}}
        <details class="columns-chooser"><summary>{{t.columns}}</summary><fieldset class="checks"><legend class="skip">{{t.columns}}</legend>
        {{#choosable}}<label><input type="checkbox" name="col" value="{{name}}"{{#checked}} checked{{/checked}}> {{label}}</label>{{/choosable}}
        </fieldset></details>
        <button type="submit">{{t.apply}}</button>
        </form>
        {{#has_views}}<p>{{t.saved_views}}: {{#views}}<a class="chip" href="{{href}}">{{name}}</a> {{/views}}</p>{{/has_views}}
        {{#has_rows}}
        <form method="post" action="/{{typeName}}/bulk" id="bulk" data-bulk>
        <input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="back" value="{{backHref}}">
        {{#has_bulkActions}}
        <div class="bulk-bar" role="group" aria-label="{{t.bulk_actions}}">
        <label class="skip" for="bulk-action">{{t.bulk_actions}}</label>
        <span class="hint" data-selected-count data-selected="{{t.selected_count}}" aria-live="polite">{{t.bulk_hint}}</span>
        <select id="bulk-action" name="action">{{#bulkActions}}<option value="{{value}}">{{label}}</option>{{/bulkActions}}</select>
        {{#has_bulkOwners}}<label class="skip" for="bulk-owner">{{ownerLabel}}</label><select id="bulk-owner" name="owner_id" data-for-action="owner">{{#bulkOwners}}<option value="{{id}}">{{name}}</option>{{/bulkOwners}}</select>{{/has_bulkOwners}}
        {{#has_bulkFields}}<label class="skip" for="bulk-field">{{t.bulk_field_choose}}</label><select id="bulk-field" name="field" data-for-action="field">{{#bulkFields}}<option value="{{name}}">{{label}}</option>{{/bulkFields}}</select>{{/has_bulkFields}}
        {{#canTag}}<label class="skip" for="bulk-tag">{{t.bulk_tag}}</label><input id="bulk-tag" name="tag" type="text" maxlength="50" placeholder="{{t.bulk_tag}}" data-for-action="tag">{{/canTag}}
        <button type="submit" class="small" data-confirm-delete="{{t.bulk_delete_confirm}}">{{t.apply}}</button>
        </div>
        {{/has_bulkActions}}
        <div class="table-wrap">
        <table class="list" data-inline-label="{{t.inline_edit_label}}" data-inline-icons="{{iconsPath}}">
        <thead><tr>{{#has_bulkActions}}<th scope="col" class="select"><input type="checkbox" data-select-all aria-label="{{t.select_all}}"></th>{{/has_bulkActions}}{{#columns}}<th scope="col"{{#sort}} aria-sort="{{sort}}"{{/sort}}{{#num}} class="num"{{/num}}>{{#href}}<a href="{{href}}">{{label}}{{#arrow}}<span class="arrow" aria-hidden="true">{{arrow}}</span>{{/arrow}}</a>{{/href}}{{^href}}{{label}}{{/href}}</th>{{/columns}}</tr></thead>
        <tbody>
        {{#rows}}<tr data-record="/{{typeName}}/{{id}}" data-etag="{{etag}}">{{#has_bulkActions}}<td class="select"><input type="checkbox" name="ids" value="{{id}}" aria-label="{{title}}"></td>{{/has_bulkActions}}{{#cells}}{{#first}}<td class="title"><div class="title-cell">{{#avatar}}<span class="avatar c{{color}}" aria-hidden="true">{{initials}}</span>{{/avatar}}<div><a href="{{href}}">{{title}}</a>{{#reading}}<span class="reading">{{reading}}</span>{{/reading}}</div></div></td>{{/first}}{{^first}}<td data-label="{{label}}"{{#empty}} class="empty"{{/empty}}{{#editable}} data-edit="{{edit}}"{{/editable}}>{{> cell}}</td>{{/first}}{{/cells}}</tr>
        {{/rows}}
        </tbody>
        </table>
        </div>
        </form>
        {{/has_rows}}
        {{^has_rows}}<div class="panel empty-state"><p>{{empty}}</p>{{#canCreate}}<a class="button" href="/{{typeName}}/new">{{emptyAction}}</a>{{/canCreate}}</div>{{/has_rows}}
        <nav class="pager" aria-label="{{t.pages}}">{{#firstPage}}<a href="{{firstPage}}">{{t.first_page}}</a>{{/firstPage}}{{#nextPage}}<a href="{{nextPage}}" rel="next">{{t.next_page}}</a>{{/nextPage}}</nav>
        <form class="toolbar" method="post" action="/{{typeName}}/views">
        <input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="query" value="{{queryString}}">
        <div><label for="view-name">{{t.view_name}}</label><input id="view-name" name="name" type="text" maxlength="80" required></div>
        <button class="secondary" type="submit">{{t.save_view}}</button>
        </form>
        {{> foot}}
        """

    static let record = """
        {{> head}}
        <div class="record-head">
        {{#avatar}}<span class="avatar large c{{color}}" aria-hidden="true">{{initials}}</span>{{/avatar}}{{^avatar}}<span class="type-icon" aria-hidden="true"><svg class="icon"><use href="{{iconsPath}}#{{typeIcon}}"/></svg></span>{{/avatar}}
        <div class="record-title"><h1>{{title}}</h1>{{#reading}}<p class="subtitle">{{reading}}</p>{{/reading}}
        {{#has_keyFacts}}<ul class="facts">{{#keyFacts}}<li><span class="skip">{{label}}: </span>{{> cell}}</li>{{/keyFacts}}</ul>{{/has_keyFacts}}</div>
        <div class="actions">
        {{#printLink}}<a class="button secondary" href="{{printLink}}">{{t.print}}</a>{{/printLink}}
        {{#canRevise}}<form method="post" action="/{{typeName}}/{{id}}/revise"><input type="hidden" name="_csrf" value="{{csrf}}"><button class="secondary" type="submit">{{t.new_version}}</button></form>{{/canRevise}}
        {{#canEdit}}<a class="button secondary" href="/{{typeName}}/{{id}}/edit">{{t.edit}}</a>{{/canEdit}}
        {{#canDelete}}<form method="post" action="/{{typeName}}/{{id}}/delete" data-confirm="{{t.delete_confirm}}"><input type="hidden" name="_csrf" value="{{csrf}}"><button class="danger" type="submit">{{t.delete}}</button></form>{{/canDelete}}
        </div>
        {{#has_quickActions}}<nav class="quick" aria-label="{{t.quick_actions}}">{{#quickActions}}<a class="button secondary small" href="{{href}}"><svg class="icon" aria-hidden="true"><use href="{{iconsPath}}#{{icon}}"/></svg>{{label}}</a>{{/quickActions}}</nav>{{/has_quickActions}}
        </div>
        {{> notice}}
        {{#headerSections}}{{{html}}}{{/headerSections}}
        <div class="grid2">
        <div>
        <section aria-labelledby="details-heading"><h2 id="details-heading">{{t.details}}</h2>
        <dl class="fields" data-record="/{{typeName}}/{{id}}" data-etag="{{etag}}" data-inline-label="{{t.inline_edit_label}}" data-inline-icons="{{iconsPath}}" data-title="{{title}}">{{#fields}}<dt>{{label}}</dt><dd{{#editable}} data-edit="{{edit}}"{{/editable}}>{{> cell}}</dd>{{/fields}}</dl>
        </section>
        <section aria-labelledby="timeline-heading" id="timeline"><h2 id="timeline-heading">{{t.timeline}}</h2>
        {{#canAddActivity}}
        <form method="post" action="/{{typeName}}/{{id}}/activities" id="compose" class="composer">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <fieldset><legend>{{t.add_activity}}</legend>
        <label for="a-kind">{{kindLabel}}</label>
        <select id="a-kind" name="kind">{{#kinds}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/kinds}}</select>
        <label for="a-subject">{{subjectLabel}}</label><input id="a-subject" name="subject" type="text" maxlength="300">
        <label for="a-body">{{bodyLabel}}</label><textarea id="a-body" name="body" rows="3"></textarea>
        <label for="a-due">{{dueLabel}}</label><input id="a-due" name="due_at" type="datetime-local">
        {{#activityError}}<p class="field-error" role="alert">{{activityError}}</p>{{/activityError}}
        <button type="submit">{{t.add_activity}}</button>
        </fieldset>
        </form>
        {{/canAddActivity}}
        <nav class="timeline-filters" aria-label="{{t.timeline_filter}}">{{#timelineFilters}}<a class="chip" href="{{href}}"{{#current}} aria-current="true"{{/current}}>{{label}}</a>{{/timelineFilters}}</nav>
        <ol class="timeline">
        {{#timeline}}<li class="{{entry}}"><div class="meta">{{what}} · <time datetime="{{at}}">{{when}}</time>{{#who}} · {{who}}{{/who}}</div>
        {{#subject}}<div><a href="{{href}}"><strong>{{subject}}</strong></a></div>{{/subject}}{{#body}}<div class="body">{{body}}</div>{{/body}}{{#changed}}<div class="body">{{changed}}</div>{{/changed}}{{#hasEntryFiles}}<ul class="entry-files">{{#entryFiles}}<li><a href="{{href}}" download>{{name}}</a> <span class="meta">{{size}}</span></li>{{/entryFiles}}</ul>{{/hasEntryFiles}}</li>{{/timeline}}
        </ol>
        {{^has_timeline}}<p>{{t.nothing_here}}</p>{{/has_timeline}}
        <p class="pager">{{#timelineNewest}}<a href="{{timelineNewest}}">{{t.first_page}}</a> {{/timelineNewest}}{{#timelineMore}}<a href="{{timelineMore}}" rel="next" data-timeline-more>{{t.timeline_more}}</a>{{/timelineMore}}</p>
        </section>
        </div>
        <div>
        {{#sideSections}}{{{html}}}{{/sideSections}}
        {{#purchases}}<section aria-labelledby="purchases-heading" class="purchases"><h2 id="purchases-heading">{{t.purchase_history}}</h2>
        <dl class="fields">{{#sold}}<dt>{{t.lifetime_revenue}}</dt><dd>{{revenue}}</dd><dt>{{t.orders_count}}</dt><dd><a href="{{href}}">{{orders}}</a></dd><dt>{{t.last_purchase}}</dt><dd>{{last}}</dd>{{/sold}}
        {{#bought}}<dt>{{t.supplier_spend}}</dt><dd>{{spend}}</dd><dt>{{t.orders_count}}</dt><dd>{{orders}}</dd><dt>{{t.last_purchase}}</dt><dd>{{last}}</dd>{{/bought}}</dl>
        {{#has_contracts}}<h3>{{t.open_contracts}}</h3><ul>{{#contracts}}<li><a href="{{href}}">{{title}}</a> <span class="meta">{{direction}}{{#value}} · {{value}}{{/value}}{{#renews}} · {{t.renews_on}} {{renews}}{{/renews}}</span></li>{{/contracts}}</ul>{{/has_contracts}}
        </section>{{/purchases}}
        {{#sections}}{{{html}}}{{/sections}}
        {{#related}}<section aria-labelledby="rel-{{name}}"><h2 id="rel-{{name}}">{{heading}}</h2><ul>{{#items}}<li><a href="{{href}}">{{title}}</a>{{#detail}} <span class="meta">{{detail}}</span>{{/detail}}{{#editHref}} <a class="meta" href="{{editHref}}">{{t.edit}}</a>{{/editHref}}</li>{{/items}}</ul>{{#more}}<a href="{{more}}">{{t.next_page}}</a>{{/more}}{{#add}} <a class="button secondary" href="{{add}}">{{t.add_related}}</a>{{/add}}</section>{{/related}}
        </div>
        </div>
        {{> foot}}
        """

    static let form = """
        {{> head}}
        <h1>{{heading}}</h1>
        {{#formError}}<p class="error" role="alert" id="form-error">{{formError}}</p>{{/formError}}
        <form class="panel" method="post" action="{{action}}" novalidate>
        <input type="hidden" name="_csrf" value="{{csrf}}">
        {{#version}}<input type="hidden" name="_version" value="{{version}}">{{/version}}
        {{#inputs}}{{> form_input}}{{/inputs}}
        <div class="actions"><button type="submit">{{t.save}}</button><a class="button secondary" href="{{cancel}}">{{t.cancel}}</a></div>
        </form>
        {{> foot}}
        """

    static let search = """
        {{> head}}
        <h1>{{t.search_title}}</h1>
        {{^q}}<p class="hint">{{t.search_hint}}</p>{{/q}}
        {{#groups}}<section aria-labelledby="s-{{name}}"><h2 id="s-{{name}}">{{heading}}</h2><ul>{{#items}}<li><a href="{{href}}">{{title}}</a>{{#detail}} <span class="hint">{{detail}}</span>{{/detail}}</li>{{/items}}</ul>{{#more}}<a href="{{more}}">{{t.results}} →</a>{{/more}}</section>{{/groups}}
        {{#q}}{{^has_groups}}<p class="panel">{{t.no_matches}}</p>{{/has_groups}}{{/q}}
        {{> foot}}
        """

    static let trash = """
        {{> head}}
        <h1>{{t.trash}}</h1>
        {{> notice}}
        {{#has_rows}}<table class="list"><thead><tr><th scope="col">{{t.record}}</th><th scope="col">{{t.type_label}}</th><th scope="col">{{t.deleted_at}}</th><th scope="col"><span class="skip">{{t.restore}}</span></th></tr></thead><tbody>
        {{#rows}}<tr><td data-label="{{t.record}}">{{title}}</td><td data-label="{{t.type_label}}">{{typeLabel}}</td><td data-label="{{t.deleted_at}}">{{when}}</td>
        <td><form method="post" action="/{{type}}/{{id}}/restore"><input type="hidden" name="_csrf" value="{{csrf}}"><button class="secondary" type="submit">{{t.restore}}</button></form></td></tr>{{/rows}}
        </tbody></table>{{/has_rows}}
        {{^has_rows}}<p class="panel">{{t.trash_empty}}</p>{{/has_rows}}
        {{> foot}}
        """

    static let messageApp = """
        {{> head}}
        <h1>{{title}}</h1>
        <p class="panel">{{message}}</p>
        {{> foot}}
        """
}
