/// Templates of the email composer and its button among a record's actions.
enum ComposeTemplates: PageTemplateSet {
    static let all: [String: String] = ["compose": compose, "compose_action": action]

    static let action = """
        <a class="button secondary" href="{{composeHref}}" data-compose>{{t.compose_action}}</a>
        """

    static let compose = """
        {{> head}}
        <div class="page-head"><h1>{{heading}}</h1></div>
        {{#formError}}<p class="error" role="alert" id="form-error">{{formError}}</p>{{/formError}}
        <nav class="compose-templates" aria-label="{{t.compose_templates}}"><span class="hint">{{t.compose_templates}}:</span> {{#templates}}<a href="{{href}}"{{#current}} aria-current="true"{{/current}}>{{label}}</a> {{/templates}}</nav>
        <form class="panel compose" method="post" action="{{action}}" novalidate>
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <div class="input"><label for="compose-to">{{t.compose_to}}</label><input id="compose-to" name="to" type="text" inputmode="email" autocomplete="off" value="{{to}}"{{#toError}} aria-invalid="true" aria-describedby="compose-to-error"{{/toError}}{{^toError}} aria-describedby="compose-to-hint"{{/toError}}>
        {{^toError}}<p class="hint" id="compose-to-hint">{{t.compose_to_hint}}</p>{{/toError}}{{#toError}}<p class="field-error" id="compose-to-error">{{toError}}</p>{{/toError}}</div>
        <div class="input"><label for="compose-subject">{{t.compose_subject}}</label><input id="compose-subject" name="subject" type="text" maxlength="500" value="{{subject}}"{{#subjectError}} aria-invalid="true" aria-describedby="compose-subject-error"{{/subjectError}}>
        {{#subjectError}}<p class="field-error" id="compose-subject-error">{{subjectError}}</p>{{/subjectError}}</div>
        <div class="input"><label for="compose-body">{{t.compose_body}}</label><textarea id="compose-body" name="body" rows="12"{{#bodyError}} aria-invalid="true" aria-describedby="compose-body-error"{{/bodyError}}>{{body}}</textarea>
        {{#bodyError}}<p class="field-error" id="compose-body-error">{{bodyError}}</p>{{/bodyError}}</div>
        <details class="compose-fields"><summary>{{t.compose_fields}}</summary><dl>{{#fields}}<dt><code>{{name}}</code></dt><dd>{{value}}</dd>{{/fields}}</dl><p class="hint">{{t.compose_fields_hint}}</p></details>
        <div class="actions"><button type="submit">{{t.compose_send}}</button><a class="button secondary" href="{{backHref}}">{{t.cancel}}</a></div>
        </form>
        {{> foot}}
        """
}
