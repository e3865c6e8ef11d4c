/// Settings: the profile, and for admins users, teams, roles, fields, tokens and the log.
enum SettingsTemplates: PageTemplateSet {
    static let all: [String: String] = ["settings": settings, "admin_table": adminTable]

    static let settings = """
        {{> head}}
        <h1>{{t.settings}}</h1>
        {{> notice}}
        <div class="grid2">
        <section aria-labelledby="profile-heading"><h2 id="profile-heading">{{t.profile}}</h2>
        <form method="post" action="/settings/profile">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <label for="p-name">{{t.name_label}}</label><input id="p-name" name="name" type="text" value="{{name}}" required maxlength="200">
        <label for="p-language">{{t.language}}</label><select id="p-language" name="language">{{#languageOptions}}<option value="{{code}}" lang="{{code}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/languageOptions}}</select>
        <label for="p-zone">{{t.time_zone}}</label><select id="p-zone" name="time_zone">{{#zones}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/zones}}</select>
        <button type="submit">{{t.save}}</button>
        </form>
        {{#worksTickets}}<form method="post" action="/settings/away" id="away-form" class="away-form">
        <input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="away" value="{{#away}}false{{/away}}{{^away}}true{{/away}}">
        <p class="meta">{{#away}}{{t.away_on}}{{/away}}{{^away}}{{t.away_off}}{{/away}}</p>
        <button type="submit" class="secondary">{{#away}}{{t.away_end}}{{/away}}{{^away}}{{t.away_start}}{{/away}}</button>
        </form>{{/worksTickets}}
        </section>
        <section aria-labelledby="more-heading"><h2 id="more-heading">{{t.settings}}</h2>
        <ul>
        <li><a href="/account">{{t.account}}</a></li>
        {{#links}}<li><a href="{{href}}">{{label}}</a></li>{{/links}}
        </ul>
        </section>
        </div>
        {{> foot}}
        """

    /// One admin area: an optional form above a table, rows with optional actions.
    static let adminTable = """
        {{> head}}
        <p><a href="/settings">{{t.settings}}</a></p>
        <h1>{{heading}}</h1>
        {{> notice}}
        {{#secret}}<p class="notice" role="status">{{t.token_created}} <code>{{secret}}</code></p>{{/secret}}
        {{#resetLink}}<p class="notice" role="status" id="reset-link">{{resetLinkText}} <code>{{resetLink}}</code></p>{{/resetLink}}
        {{#formError}}<p class="error" role="alert">{{formError}}</p>{{/formError}}
        {{#forms}}
        <form class="panel" method="{{method}}" action="{{action}}"{{#multipart}} enctype="multipart/form-data"{{/multipart}}>
        {{#post}}<input type="hidden" name="_csrf" value="{{csrf}}">{{/post}}
        <fieldset><legend>{{legend}}</legend>
        {{#inputs}}
        {{#isText}}<label for="{{id}}">{{label}}</label><input id="{{id}}" name="{{name}}" type="{{inputType}}" value="{{value}}"{{#required}} required{{/required}}>{{/isText}}
        {{#isSelect}}<label for="{{id}}">{{label}}</label><select id="{{id}}" name="{{name}}">{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</select>{{/isSelect}}
        {{#isChecks}}<fieldset class="checks"><legend>{{label}}</legend>{{#options}}<label for="{{id}}"><input id="{{id}}" type="checkbox" name="{{name}}" value="{{value}}"{{#checked}} checked{{/checked}}> {{label}}</label>{{/options}}</fieldset>{{/isChecks}}
        {{#isFile}}<label for="{{id}}">{{label}}</label><input id="{{id}}" name="{{name}}" type="file" accept="{{accept}}" required>{{/isFile}}
        {{#isCheckbox}}<label for="{{id}}"><input id="{{id}}" type="checkbox" name="{{name}}" value="true"{{#checked}} checked{{/checked}}> {{label}}</label>{{/isCheckbox}}
        {{/inputs}}
        <button type="submit">{{submit}}</button>
        </fieldset>
        </form>
        {{/forms}}
        {{#has_rows}}
        <table class="list">
        <thead><tr>{{#columns}}<th scope="col">{{.}}</th>{{/columns}}{{#has_actions}}<th scope="col"></th>{{/has_actions}}</tr></thead>
        <tbody>{{#rows}}<tr{{#rowID}} id="{{rowID}}"{{/rowID}}>{{#cells}}<td data-label="{{label}}">{{#href}}<a href="{{href}}">{{text}}</a>{{/href}}{{^href}}{{text}}{{/href}}</td>{{/cells}}
        {{#has_rowActions}}<td>{{#rowActions}}<form method="post" action="{{action}}"{{#confirm}} data-confirm="{{confirm}}"{{/confirm}}><input type="hidden" name="_csrf" value="{{csrf}}">{{#fields}}<input type="hidden" name="{{name}}" value="{{value}}">{{/fields}}<button class="secondary" type="submit">{{label}}</button></form>{{/rowActions}}</td>{{/has_rowActions}}</tr>{{/rows}}</tbody>
        </table>
        {{/has_rows}}
        {{^has_rows}}<p class="panel">{{t.nothing_here}}</p>{{/has_rows}}
        {{#nextPage}}<nav class="pager" aria-label="{{t.next_page}}"><a href="{{nextPage}}" rel="next">{{t.next_page}}</a></nav>{{/nextPage}}
        {{> foot}}
        """
}
