/// The frame of every page (head with navigation, foot) and the plain message page. Plain
/// Mustache: `{{…}}` escapes HTML, so anything a user typed is shown as text, never run.
enum ShellTemplates: PageTemplateSet {
    static let all: [String: String] = ["head": head, "foot": foot, "message": message]

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
