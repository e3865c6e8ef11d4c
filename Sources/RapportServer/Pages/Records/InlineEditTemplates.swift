/// The edit form's one input, shared by the edit form and the in-place editor, and the
/// in-place editor itself: a `div`, not a `form`, because a list's cells already sit inside
/// the bulk-change form and forms do not nest. Its script posts it.
enum InlineEditTemplates: PageTemplateSet {
    static let all: [String: String] = ["form_input": formInput, "inline_field": inlineField, "bulk_field": bulkField]

    /// The second step of "Update a field": the value, for the records chosen on the list.
    static let bulkField = """
        {{> head}}
        <h1>{{heading}}</h1>
        <p>{{chosenNames}}</p>
        <p class="hint">{{t.bulk_field_hint}}</p>
        {{#formError}}<p class="error" role="alert" id="form-error">{{formError}}</p>{{/formError}}
        <form class="panel" method="post" action="/{{typeName}}/bulk" novalidate>
        <input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="action" value="field"><input type="hidden" name="field" value="{{field}}"><input type="hidden" name="step" value="apply"><input type="hidden" name="back" value="{{back}}">
        {{#ids}}<input type="hidden" name="ids" value="{{.}}">{{/ids}}
        {{#input}}{{> form_input}}{{/input}}
        <div class="actions"><button type="submit">{{t.bulk_field_apply}}</button><a class="button secondary" href="{{back}}">{{t.cancel}}</a></div>
        </form>
        {{> foot}}
        """

    static let formInput = """
        <div class="input">
        {{#isText}}<label for="{{id}}">{{label}}</label>{{#typeahead}}<div class="typeahead" data-typeahead="{{typeahead}}" data-none="{{t.no_suggestions}}">{{/typeahead}}<input id="{{id}}" name="{{name}}" type="{{inputType}}" value="{{value}}"{{#typeahead}} role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="{{id}}-list" autocomplete="off"{{/typeahead}}{{#required}} aria-required="true"{{/required}}{{#error}} aria-invalid="true" aria-describedby="{{id}}-error"{{/error}}{{^error}}{{#hint}} aria-describedby="{{id}}-hint"{{/hint}}{{/error}}>{{#typeahead}}<input type="hidden" name="{{name}}._id" value="{{refID}}"><ul id="{{id}}-list" role="listbox" class="suggestions" hidden></ul>
        <label class="create-new"><input type="checkbox" name="{{name}}._new" value="1"{{#createChecked}} checked{{/createChecked}}> {{createLabel}}</label></div>{{/typeahead}}{{/isText}}
        {{#isTextarea}}<label for="{{id}}">{{label}}</label><textarea id="{{id}}" name="{{name}}" rows="3"{{#error}} aria-invalid="true" aria-describedby="{{id}}-error"{{/error}}{{^error}}{{#hint}} aria-describedby="{{id}}-hint"{{/hint}}{{/error}}>{{value}}</textarea>{{/isTextarea}}
        {{#isSelect}}<label for="{{id}}">{{label}}</label><select id="{{id}}" name="{{name}}"{{#error}} aria-invalid="true" aria-describedby="{{id}}-error"{{/error}}>{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</select>{{/isSelect}}
        {{#isCheckbox}}<label for="{{id}}"><input id="{{id}}" name="{{name}}" type="checkbox" value="true"{{#checked}} checked{{/checked}}> {{label}}</label>{{/isCheckbox}}
        {{#isChecks}}<fieldset class="checks"{{#error}} aria-describedby="{{id}}-error"{{/error}}><legend>{{label}}</legend>{{#options}}<label for="{{id}}"><input id="{{id}}" name="{{name}}" type="checkbox" value="{{value}}"{{#checked}} checked{{/checked}}> {{label}}</label>{{/options}}</fieldset>{{/isChecks}}
        {{#isMoney}}<fieldset{{#error}} aria-describedby="{{id}}-error"{{/error}}><legend>{{label}}</legend><div class="actions"><label class="skip" for="{{id}}-currency">{{t.currency}}</label><select id="{{id}}-currency" name="{{name}}.currency" class="w-auto">{{#currencies}}<option{{#selected}} selected{{/selected}}>{{value}}</option>{{/currencies}}</select><label class="skip" for="{{id}}">{{t.amount}}</label><input id="{{id}}" name="{{name}}.amount" type="text" inputmode="decimal" value="{{amount}}" class="grow"{{#error}} aria-invalid="true"{{/error}}></div></fieldset>{{/isMoney}}
        {{#hint}}<p class="hint" id="{{id}}-hint">{{hint}}</p>{{/hint}}
        {{#error}}<p class="field-error" id="{{id}}-error">{{error}}</p>{{/error}}
        </div>
        """

    static let inlineField = """
        <div class="inline-editor" data-inline-editor data-action="{{action}}" data-csrf="{{csrf}}" data-version="{{version}}" data-failed="{{t.inline_failed}}">
        {{#input}}{{> form_input}}{{/input}}
        <div class="inline-actions"><button type="button" class="small" data-inline-save>{{t.save}}</button><button type="button" class="secondary small" data-inline-cancel>{{t.cancel}}</button></div>
        <p class="field-error" role="alert" data-inline-error hidden></p>
        </div>
        """
}
