/// Templates of the workspace: one list, record, form and search page serve every record
/// type. Words come from `t` or from values the handlers translated; none are written here.
enum RecordTemplates: PageTemplateSet {
    static let all: [String: String] = [
        "list": list, "record": record, "form": form, "search": search, "trash": trash, "message_app": messageApp,
        "notice": notice,
    ]

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
        {{{rowsHTML}}}
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
        <div class="record-title"><h1>{{title}}</h1>{{#reading}}<p class="subtitle">{{reading}}</p>{{/reading}}{{#subtitleSections}}{{{html}}}{{/subtitleSections}}
        {{#has_keyFacts}}<ul class="facts">{{#keyFacts}}<li><span class="skip">{{label}}: </span>{{{html}}}</li>{{/keyFacts}}</ul>{{/has_keyFacts}}</div>
        <div class="actions">
        {{#actionsSections}}{{{html}}}{{/actionsSections}}
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
        <dl class="fields" data-record="/{{typeName}}/{{id}}" data-etag="{{etag}}" data-inline-label="{{t.inline_edit_label}}" data-inline-icons="{{iconsPath}}" data-title="{{title}}">{{#fields}}<dt>{{label}}</dt><dd{{#editable}} data-edit="{{edit}}"{{/editable}}>{{{html}}}</dd>{{/fields}}</dl>
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
        {{#subject}}<div><a href="{{href}}"><strong>{{subject}}</strong></a></div>{{/subject}}{{#body}}<div class="body">{{body}}</div>{{/body}}{{#folded}}<details class="quoted"><summary>{{foldedLabel}}</summary><div class="body">{{folded}}</div></details>{{/folded}}{{#changed}}<div class="body">{{changed}}</div>{{/changed}}{{#hasEntryFiles}}<ul class="entry-files">{{#entryFiles}}<li><a href="{{href}}" download>{{name}}</a> <span class="meta">{{size}}</span></li>{{/entryFiles}}</ul>{{/hasEntryFiles}}</li>{{/timeline}}
        </ol>
        {{^has_timeline}}<p>{{t.nothing_here}}</p>{{/has_timeline}}
        <p class="pager">{{#timelineNewest}}<a href="{{timelineNewest}}">{{t.first_page}}</a> {{/timelineNewest}}{{#timelineMore}}<a href="{{timelineMore}}" rel="next" data-timeline-more>{{t.timeline_more}}</a>{{/timelineMore}}</p>
        </section>
        </div>
        <div>
        {{#sideSections}}{{{html}}}{{/sideSections}}
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
