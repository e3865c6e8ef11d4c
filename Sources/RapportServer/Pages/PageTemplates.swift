/// The sign-in and account templates. Plain Mustache: `{{…}}` escapes HTML, so anything a
/// user typed is shown as text, never run.
enum PageTemplates {
    static let all: [String: String] = [
        "head": head, "foot": foot, "signin": signin, "two_factor": twoFactor, "account": account, "reset": reset, "message": message,
    ]

    static let head = """
        <!doctype html>
        <html lang="{{lang}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · {{t.app_name}}</title>
        <link rel="stylesheet" href="{{cssPath}}">
        <script src="{{jsPath}}" defer></script>
        </head>
        <body>
        <a class="skip" href="#main">{{t.skip_to_content}}</a>
        <header class="top">
        <a class="brand" href="/">{{t.app_name}}</a>
        {{#signedIn}}
        <nav aria-label="{{t.nav_main}}"><ul>
        {{#nav}}<li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}}</a></li>{{/nav}}
        </ul></nav>
        <form class="search" role="search" method="get" action="/search">
        <label class="skip" for="global-search">{{t.search_label}}</label>
        <input id="global-search" name="q" type="search" value="{{searchQuery}}" placeholder="{{t.search_label}} ( / )" autocomplete="off">
        <button type="submit">{{t.search_button}}</button>
        </form>
        <form method="post" action="/signout"><input type="hidden" name="_csrf" value="{{csrf}}"><button class="plain" type="submit">{{t.sign_out}}</button></form>
        {{/signedIn}}
        </header>
        <main id="main"{{^signedIn}}{{^wide}} class="narrow"{{/wide}}{{/signedIn}}>
        """

    static let foot = """
        </main>
        {{#signedIn}}
        <footer class="bottom">
        <span id="language-switch">{{t.language_switch}}:</span>
        {{#languages}}<form method="post" action="/settings/language"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="language" value="{{code}}"><button class="plain" type="submit" lang="{{code}}"{{#current}} aria-current="true"{{/current}} aria-describedby="language-switch">{{name}}</button></form>{{/languages}}
        </footer>
        {{/signedIn}}
        </body>
        </html>
        """

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

    static let message = """
        {{> head}}
        <section aria-labelledby="msg-heading">
        <h1 id="msg-heading">{{title}}</h1>
        <p>{{message}}</p>
        <p><a href="/signin">{{t.sign_in}}</a></p>
        </section>
        {{> foot}}
        """
}
