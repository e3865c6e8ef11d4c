/// Signing in, two-step verification, the account page and password resets.
enum AccountTemplates: PageTemplateSet {
    static let all: [String: String] = ["signin": signin, "two_factor": twoFactor, "account": account, "reset": reset]

    static let signin = """
        {{> head}}
        <section aria-labelledby="signin-heading">
        <h1 id="signin-heading">{{t.sign_in_title}}</h1>
        {{#notice}}<p class="ok" role="status">{{notice}}</p>{{/notice}}
        {{#error}}<p class="error" role="alert" id="form-error">{{error}}</p>{{/error}}
        <form method="post" action="/signin">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <label for="email">{{t.email}}</label>
        <input id="email" name="email" type="email" autocomplete="username" required value="{{email}}"{{#error}} aria-describedby="form-error"{{/error}}>
        <label for="password">{{t.password}}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        <button type="submit">{{t.sign_in}}</button>
        </form>
        <p><a href="/signin/forgot" id="forgot-link">{{t.forgot_link}}</a></p>
        </section>
        {{> foot}}
        """

    static let twoFactor = """
        {{> head}}
        <section aria-labelledby="tf-heading">
        <h1 id="tf-heading">{{t.two_factor_title}}</h1>
        <p class="hint">{{t.two_factor_hint}}</p>
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        <form method="post" action="/signin/two-factor">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <label for="code">{{t.code}}</label>
        <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required>
        <button type="submit">{{t.verify}}</button>
        </form>
        </section>
        {{> foot}}
        """

    static let account = """
        {{> head}}
        <h1>{{t.account}}</h1>
        {{#notice}}<p class="ok" role="status">{{notice}}</p>{{/notice}}
        {{#error}}<p class="error" role="alert">{{error}}</p>{{/error}}
        <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">{{user.name}}</h2>
        <dl>
        <dt>{{t.email}}</dt><dd>{{user.email}}</dd>
        <dt>{{t.role}}</dt><dd>{{role}}</dd>
        <dt>{{t.two_factor}}</dt><dd>{{#user.two_factor}}{{t.two_factor_on}}{{/user.two_factor}}{{^user.two_factor}}{{t.two_factor_off}}{{/user.two_factor}}</dd>
        </dl>
        <p class="hint">{{t.api_tokens_hint}}</p>
        </section>
        {{^user.two_factor}}
        <section aria-labelledby="tf-heading">
        <h2 id="tf-heading">{{t.two_factor}}</h2>
        {{#twoFactorNeedsKey}}<p>{{t.two_factor_needs_key}}</p>{{/twoFactorNeedsKey}}
        {{^twoFactorNeedsKey}}
        <p>{{t.two_factor_setup}}</p>
        <p>{{t.secret_key}}: <code>{{setupKey}}</code></p>
        <p><a href="{{setupURL}}">{{setupURL}}</a></p>
        <form method="post" action="/account/two-factor">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <input type="hidden" name="secret" value="{{setupSecret}}">
        <label for="code">{{t.code}}</label>
        <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required>
        <button type="submit">{{t.turn_on}}</button>
        </form>
        {{/twoFactorNeedsKey}}
        </section>
        {{/user.two_factor}}
        <section aria-labelledby="pw-heading">
        <h2 id="pw-heading">{{t.change_password}}</h2>
        <form method="post" action="/account/password">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <label for="current">{{t.current_password}}</label>
        <input id="current" name="current" type="password" autocomplete="current-password" required>
        <label for="new">{{t.new_password}}</label>
        <input id="new" name="new" type="password" autocomplete="new-password" minlength="10" required>
        <button type="submit">{{t.save}}</button>
        </form>
        </section>
        {{> foot}}
        """

    static let reset = """
        {{> head}}
        <section aria-labelledby="reset-heading">
        <h1 id="reset-heading">{{t.reset_title}}</h1>
        {{#error}}<p class="error" role="alert" id="form-error">{{error}}</p>{{/error}}
        <form method="post" action="/reset/{{token}}">
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <label for="new">{{t.new_password}}</label>
        <input id="new" name="new" type="password" autocomplete="new-password" minlength="10" required{{#error}} aria-describedby="form-error"{{/error}}>
        <button type="submit">{{t.save}}</button>
        </form>
        </section>
        {{> foot}}
        """
}
