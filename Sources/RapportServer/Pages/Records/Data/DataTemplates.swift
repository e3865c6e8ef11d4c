/// Templates of the import wizard and the merge page.
enum DataTemplates: PageTemplateSet {
    static let all: [String: String] = [
        "import_steps": steps, "import_report": report, "import_upload": upload, "import_map": map, "import_done": done, "merge": merge,
        "possible_duplicates": possibleDuplicates, "duplicates_page": duplicatesPage,
    ]

    static let steps = """
        <ol class="steps">{{#steps}}<li{{#current}} aria-current="step"{{/current}}{{#done}} class="done"{{/done}}><span class="n" aria-hidden="true">{{number}}</span>{{label}}</li>{{/steps}}</ol>
        """

    static let report = """
        <section class="panel import-report" aria-labelledby="report-heading">
        <h2 id="report-heading" role="status">{{#dryRun}}{{t.import_dry_run_heading}}{{/dryRun}}{{^dryRun}}{{t.import_done_heading}}{{/dryRun}}</h2>
        {{#dryRun}}<p class="hint">{{t.import_dry_run_hint}}</p>{{/dryRun}}
        <dl class="import-counts">{{#counts}}<div{{#bad}} class="bad"{{/bad}}><dt>{{label}}</dt><dd class="num">{{value}}</dd></div>{{/counts}}</dl>
        {{#relatedText}}<p>{{relatedText}}</p>{{/relatedText}}
        {{#hasErrors}}<h3 id="errors-heading">{{t.import_errors_heading}}</h3>
        <div class="table-wrap"><table class="list import-errors" aria-labelledby="errors-heading"><thead><tr><th scope="col" class="num">{{t.import_row}}</th><th scope="col">{{t.import_error_column}}</th><th scope="col">{{t.import_reason}}</th></tr></thead>
        <tbody>{{#errors}}<tr><td class="num" data-label="{{t.import_row}}">{{row}}</td><td data-label="{{t.import_error_column}}">{{column}}</td><td data-label="{{t.import_reason}}">{{reason}}</td></tr>{{/errors}}</tbody></table></div>{{/hasErrors}}
        {{#moreErrors}}<p class="hint">{{moreErrors}}</p>{{/moreErrors}}
        {{#createdHref}}<p><a href="{{createdHref}}">{{t.import_show_created}}</a></p>{{/createdHref}}
        </section>
        """

    static let upload = """
        {{> head}}
        <div class="page-head"><h1>{{heading}}</h1></div>
        {{> import_steps}}
        <form class="panel import-upload" method="post" action="/{{typeName}}/import" enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <div class="input"><label for="import-file">{{t.import_file_label}}</label>
        <input id="import-file" name="file" type="file" accept=".csv,text/csv" required aria-describedby="import-file-hint{{#fileError}} import-file-error{{/fileError}}"{{#fileError}} aria-invalid="true"{{/fileError}}>
        <p class="hint" id="import-file-hint">{{limitText}}</p>
        {{#fileError}}<p class="field-error" id="import-file-error" role="alert">{{fileError}}</p>{{/fileError}}
        </div>
        <div class="actions"><button type="submit">{{t.import_upload}}</button><a class="button secondary" href="/{{typeName}}">{{t.cancel}}</a></div>
        </form>
        {{> foot}}
        """

    static let map = """
        {{> head}}
        <div class="page-head"><h1>{{heading}}</h1></div>
        {{> import_steps}}
        {{#formError}}<p class="error" role="alert" id="form-error">{{formError}}</p>{{/formError}}
        {{#report}}{{> import_report}}{{/report}}
        <form class="panel import-map" method="post" action="/{{typeName}}/import/run">
        <input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="file" value="{{file}}">
        <h2 id="map-heading">{{t.import_map_heading}}</h2>
        <p class="hint">{{rowsText}} {{t.import_map_hint}}</p>
        <div class="table-wrap"><table class="list import-columns" aria-labelledby="map-heading">
        <thead><tr><th scope="col">{{t.import_column}}</th><th scope="col">{{t.import_sample}}</th><th scope="col">{{t.import_field}}</th></tr></thead>
        <tbody>{{#columns}}<tr{{#skipped}} class="skipped"{{/skipped}}><td class="title"><label for="map-{{index}}">{{header}}</label></td><td data-label="{{t.import_sample}}" class="sample">{{sample}}</td><td data-label="{{t.import_field}}"><select id="map-{{index}}" name="map.{{index}}">{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</select></td></tr>{{/columns}}</tbody>
        </table></div>
        <fieldset class="checks"><legend>{{t.import_duplicates}}</legend>{{#duplicateChoices}}<label><input type="radio" name="on_duplicate" value="{{value}}"{{#checked}} checked{{/checked}}> {{label}}</label>{{/duplicateChoices}}</fieldset>
        <div class="actions"><button type="submit" name="step" value="dry_run"{{#report}} class="secondary"{{/report}}>{{t.import_check}}</button><button type="submit" name="step" value="import"{{^report}} class="secondary"{{/report}}>{{t.import_run}}</button><a class="button secondary" href="/{{typeName}}">{{t.cancel}}</a></div>
        </form>
        {{> foot}}
        """

    static let done = """
        {{> head}}
        <div class="page-head"><h1>{{heading}}</h1></div>
        {{> import_steps}}
        {{#report}}{{> import_report}}{{/report}}
        <div class="actions"><a class="button" href="/{{typeName}}">{{t.import_back_to_list}}</a><a class="button secondary" href="/{{typeName}}/import">{{t.import_another}}</a></div>
        {{> foot}}
        """

    static let possibleDuplicates = """
        <section aria-labelledby="duplicates-heading" class="duplicates"><h2 id="duplicates-heading">{{t.duplicates_heading}}</h2>
        <p><a href="{{lookHref}}">{{t.duplicates_look}}</a></p>
        </section>
        """

    static let duplicatesPage = """
        {{> head}}
        <div class="page-head"><h1>{{heading}}</h1></div>
        <section class="panel duplicates" aria-labelledby="duplicates-heading"><h2 id="duplicates-heading" class="skip">{{t.duplicates_heading}}</h2>
        {{#has_duplicates}}<ul class="duplicate-list">{{#duplicates}}<li><span><a href="{{href}}">{{title}}</a> <span class="meta">{{reason}}{{#email}} · <a class="email" href="mailto:{{email}}">{{email}}</a>{{/email}}{{#phone}} · <a class="num" href="tel:{{tel}}">{{phone}}</a>{{/phone}}</span></span> <a class="button secondary small" href="{{mergeHref}}">{{t.duplicates_merge}}</a></li>{{/duplicates}}</ul>{{/has_duplicates}}
        {{^has_duplicates}}<p>{{t.duplicates_none}}</p>{{/has_duplicates}}
        <p><a href="{{backHref}}">‹ {{backTitle}}</a></p>
        </section>
        {{> foot}}
        """

    static let merge = """
        {{> head}}
        <div class="page-head"><h1>{{heading}}</h1></div>
        <p class="hint">{{t.merge_hint}}</p>
        {{#formError}}<p class="error" role="alert" id="form-error">{{formError}}</p>{{/formError}}
        <form class="panel merge" method="post" action="/{{typeName}}/merge" data-confirm="{{t.merge_confirm_question}}">
        <input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="a" value="{{a.id}}"><input type="hidden" name="b" value="{{b.id}}">
        <table class="merge-table">
        <thead><tr><th scope="col"><span class="skip">{{t.merge_field}}</span></th>{{#a}}<th scope="col"><a href="{{href}}">{{title}}</a><span class="hint">{{created}}</span></th>{{/a}}{{#b}}<th scope="col"><a href="{{href}}">{{title}}</a><span class="hint">{{created}}</span></th>{{/b}}</tr></thead>
        <tbody>
        <tr class="survivor-row"><th scope="row">{{t.merge_survivor}}</th>{{#a}}<td><label><input type="radio" name="survivor" value="{{id}}"{{#survives}} checked{{/survives}}> {{t.merge_keep_this}}</label></td>{{/a}}{{#b}}<td><label><input type="radio" name="survivor" value="{{id}}"{{#survives}} checked{{/survives}}> {{t.merge_keep_this}}</label></td>{{/b}}</tr>
        {{#rows}}<tr{{#differs}} class="differs"{{/differs}}><th scope="row">{{label}}</th>{{#differs}}<td><label><input type="radio" name="field.{{name}}" value="a"{{#aChecked}} checked{{/aChecked}} aria-label="{{aLabel}}"> <span class="{{aClass}}">{{a}}</span></label></td><td><label><input type="radio" name="field.{{name}}" value="b"{{#bChecked}} checked{{/bChecked}} aria-label="{{bLabel}}"> <span class="{{bClass}}">{{b}}</span></label></td>{{/differs}}{{^differs}}<td class="same" colspan="2">{{a}} <span class="hint">{{t.merge_same}}</span></td>{{/differs}}</tr>
        {{#unites}}<tr class="differs unite"><td></td><td colspan="2"><label><input type="radio" name="field.{{name}}" value="both"{{#bothChecked}} checked{{/bothChecked}}> {{t.merge_keep_both}}</label></td></tr>{{/unites}}
        {{/rows}}
        </tbody>
        <tbody class="moves"><tr><th scope="rowgroup" colspan="3">{{t.merge_moves_heading}}</th></tr>
        {{#moves}}<tr><th scope="row">{{label}}</th><td class="num">{{a}}</td><td class="num">{{b}}</td></tr>{{/moves}}
        </tbody>
        </table>
        <div class="actions"><button type="submit">{{t.merge_confirm}}</button><a class="button secondary" href="{{backHref}}">{{t.cancel}}</a></div>
        </form>
        {{> foot}}
        """
}
