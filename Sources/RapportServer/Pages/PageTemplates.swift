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
        <style>
        :root { color-scheme: light; --ink: #1d2330; --muted: #4a5468; --line: #c9cfdb; --accent: #1f4fbf; --bad: #a3231a; --ok: #1c6b3a; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", "Apple SD Gothic Neo", "Noto Sans KR", "Hiragino Sans", "Noto Sans JP", sans-serif; color: var(--ink); background: #f5f6f9; }
        .skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: #fff; padding: 8px; }
        header { background: #fff; border-bottom: 1px solid var(--line); padding: 12px 16px; display: flex; justify-content: space-between; align-items: center; gap: 12px; }
        header .brand { font-weight: 700; color: var(--ink); text-decoration: none; }
        main { max-width: 28rem; margin: 32px auto; padding: 0 16px; }
        section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 20px; margin-bottom: 16px; }
        h1 { font-size: 1.5rem; margin: 0 0 16px; } h2 { font-size: 1.15rem; margin: 0 0 12px; }
        label { display: block; font-weight: 600; margin: 12px 0 4px; }
        input[type=email], input[type=password], input[type=text] { width: 100%; padding: 10px 12px; font: inherit; border: 1px solid #8a93a6; border-radius: 6px; }
        button { margin-top: 16px; padding: 10px 16px; font: inherit; font-weight: 600; color: #fff; background: var(--accent); border: 0; border-radius: 6px; cursor: pointer; min-height: 44px; }
        button.plain { background: transparent; color: var(--accent); margin: 0; padding: 8px; }
        :focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
        .error { color: var(--bad); font-weight: 600; } .ok { color: var(--ok); font-weight: 600; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; } dt { color: var(--muted); } dd { margin: 0; overflow-wrap: anywhere; }
        a { overflow-wrap: anywhere; }
        code { overflow-wrap: anywhere; background: #eef0f5; padding: 2px 4px; border-radius: 4px; }
        .hint { color: var(--muted); }
        </style>
        </head>
        <body>
        <a class="skip" href="#main">{{t.skip_to_content}}</a>
        <header>
        <a class="brand" href="/">{{t.app_name}}</a>
        {{#signedIn}}<form method="post" action="/signout"><input type="hidden" name="_csrf" value="{{csrf}}"><button class="plain" type="submit">{{t.sign_out}}</button></form>{{/signedIn}}
        </header>
        <main id="main">
        """

    static let foot = """
        </main>
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
