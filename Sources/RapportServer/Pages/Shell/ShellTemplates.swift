/// The frame of every page (head with navigation, foot) and the plain message page. Plain
/// Mustache: `{{…}}` escapes HTML, so anything a user typed is shown as text, never run.
enum ShellTemplates: PageTemplateSet {
    static let all: [String: String] = ["head": head, "foot": foot, "message": message]

    static let head = """
        <!doctype html>
        <html lang="{{lang}}"{{#theme}} data-theme="{{theme}}"{{/theme}}>
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}} · {{t.app_name}}</title>
        <link rel="icon" href="{{faviconPath}}" type="image/svg+xml">
        <link rel="stylesheet" href="{{cssPath}}">
        <script src="{{jsPath}}" defer></script>
        </head>
        {{#signedIn}}
        <body>
        <a class="skip" href="#main">{{t.skip_to_content}}</a>
        <div class="shell">
        <aside id="nav" class="sidebar" aria-label="{{t.nav_main}}">
        <div class="sidebar-head"><a class="brand" href="/"><span class="mark" aria-hidden="true">R</span>{{t.app_name}}</a>
        <a class="close-nav tool" href="#" aria-label="{{t.close_menu}}"><svg class="icon" aria-hidden="true"><use href="{{iconsPath}}#close"/></svg></a></div>
        <nav aria-label="{{t.nav_main}}">
        <ul><li><a href="/" data-key="h"{{#homeCurrent}} aria-current="page"{{/homeCurrent}}><svg class="icon" aria-hidden="true"><use href="{{iconsPath}}#home"/></svg><span>{{t.nav_home}}</span></a></li></ul>
        {{#navGroups}}<h2 class="nav-group">{{label}}</h2>
        <ul>{{#links}}<li><a href="{{href}}"{{#key}} data-key="{{key}}"{{/key}}{{#current}} aria-current="page"{{/current}}><svg class="icon" aria-hidden="true"><use href="{{iconsPath}}#{{icon}}"/></svg><span>{{label}}</span></a></li>{{/links}}</ul>
        {{/navGroups}}
        {{#has_recentRecords}}<h2 class="nav-group">{{t.recent}}</h2>
        <ul class="recent">{{#recentRecords}}<li><a href="{{href}}"><span class="avatar c{{color}}" aria-hidden="true">{{initials}}</span><span>{{title}}</span></a></li>{{/recentRecords}}</ul>{{/has_recentRecords}}
        </nav>
        <div class="sidebar-foot"><ul>
        <li><a href="/trash"{{#trashCurrent}} aria-current="page"{{/trashCurrent}}><svg class="icon" aria-hidden="true"><use href="{{iconsPath}}#trash"/></svg><span>{{t.trash}}</span></a></li>
        <li><a href="/settings" data-key="s"{{#settingsCurrent}} aria-current="page"{{/settingsCurrent}}><svg class="icon" aria-hidden="true"><use href="{{iconsPath}}#settings"/></svg><span>{{t.settings}}</span></a></li>
        </ul></div>
        </aside>
        <div class="page">
        <header class="topbar">
        <a class="menu-button tool" href="#nav" aria-controls="nav" aria-label="{{t.open_menu}}"><svg class="icon" aria-hidden="true"><use href="{{iconsPath}}#menu"/></svg></a>
        <nav class="crumbs" aria-label="{{t.breadcrumbs}}"><ol>{{#crumbs}}<li>{{#href}}<a href="{{href}}">{{label}}</a>{{/href}}{{^href}}<span{{#current}} aria-current="page"{{/current}}>{{label}}</span>{{/href}}</li>{{/crumbs}}</ol></nav>
        <form class="search" role="search" method="get" action="/search">
        <label class="skip" for="global-search">{{t.search_label}}</label>
        <svg class="icon" aria-hidden="true"><use href="{{iconsPath}}#search"/></svg>
        <input id="global-search" name="q" type="search" value="{{searchQuery}}" placeholder="{{t.search_label}}" autocomplete="off" aria-keyshortcuts="/">
        <button type="submit">{{t.search_button}}</button>
        </form>
        <a class="bell tool" href="/notifications" title="{{t.notif_title}}" aria-label="{{notificationsLabel}}"{{#notificationsCurrent}} aria-current="page"{{/notificationsCurrent}}><svg class="icon" aria-hidden="true"><use href="{{iconsPath}}#bell"/></svg>{{#hasNotifications}}<span class="badge" data-unread aria-hidden="true">{{notificationsUnread}}</span>{{/hasNotifications}}</a>
        <details class="user-menu">
        <summary aria-label="{{t.account}}"><span class="avatar c{{me.color}}" aria-hidden="true">{{me.initials}}</span></summary>
        <div class="menu">
        <div class="who"><strong>{{me.name}}</strong><div class="hint">{{me.email}}</div></div>
        <a href="/settings"><svg class="icon" aria-hidden="true"><use href="{{iconsPath}}#user"/></svg>{{t.profile}}</a>
        <a href="#shortcuts" data-open-shortcuts><svg class="icon" aria-hidden="true"><use href="{{iconsPath}}#keyboard"/></svg>{{t.shortcuts}}</a>
        <div class="row" role="group" aria-label="{{t.theme}}"><span class="hint">{{t.theme}}</span>
        {{#themes}}<form method="post" action="/settings/theme"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="theme" value="{{value}}"><button type="submit" aria-pressed="{{#current}}true{{/current}}{{^current}}false{{/current}}">{{label}}</button></form>{{/themes}}</div>
        <div class="row" role="group" aria-label="{{t.language_switch}}"><span class="hint">{{t.language_switch}}</span>
        {{#languages}}<form method="post" action="/settings/language"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="language" value="{{code}}"><button type="submit" lang="{{code}}" aria-pressed="{{#current}}true{{/current}}{{^current}}false{{/current}}">{{name}}</button></form>{{/languages}}</div>
        <form method="post" action="/signout"><input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit"><svg class="icon" aria-hidden="true"><use href="{{iconsPath}}#signout"/></svg>{{t.sign_out}}</button></form>
        </div>
        </details>
        </header>
        <main id="main">
        <nav class="crumbs in-page" aria-label="{{t.breadcrumbs}}"><ol>{{#crumbs}}<li>{{#href}}<a href="{{href}}">{{label}}</a>{{/href}}{{^href}}<span{{#current}} aria-current="page"{{/current}}>{{label}}</span>{{/href}}</li>{{/crumbs}}</ol></nav>
        {{/signedIn}}
        {{^signedIn}}
        <body class="signed-out">
        <a class="skip" href="#main">{{t.skip_to_content}}</a>
        <header class="top"><a class="brand" href="{{#brandHref}}{{brandHref}}{{/brandHref}}{{^brandHref}}/{{/brandHref}}"><span class="mark" aria-hidden="true">R</span>{{t.app_name}}</a>
        <nav class="languages" aria-label="{{t.language_switch}}">{{#signedOutLanguages}}<a href="?lang={{code}}" lang="{{code}}" hreflang="{{code}}"{{#current}} aria-current="true"{{/current}}>{{name}}</a>{{/signedOutLanguages}}</nav>
        </header>
        <main id="main"{{^wide}} class="narrow"{{/wide}}>
        {{/signedIn}}
        """

    static let foot = """
        </main>
        {{#signedIn}}
        </div>
        </div>
        <dialog id="shortcuts" aria-labelledby="shortcuts-heading">
        <h2 id="shortcuts-heading">{{t.shortcuts}}</h2>
        <dl>
        <dt><kbd>/</kbd></dt><dd>{{t.search_label}}</dd>
        <dt><kbd>?</kbd></dt><dd>{{t.shortcuts}}</dd>
        <dt><kbd>n</kbd></dt><dd>{{t.shortcut_new}}</dd>
        <dt><kbd>g</kbd> <kbd>h</kbd></dt><dd>{{t.nav_home}}</dd>
        {{#navGroups}}{{#links}}{{#key}}<dt><kbd>g</kbd> <kbd>{{key}}</kbd></dt><dd>{{label}}</dd>{{/key}}{{/links}}{{/navGroups}}
        <dt><kbd>g</kbd> <kbd>s</kbd></dt><dd>{{t.settings}}</dd>
        <dt><kbd>Esc</kbd></dt><dd>{{t.shortcut_close}}</dd>
        </dl>
        <form method="dialog"><button type="submit" class="secondary">{{t.close}}</button></form>
        </dialog>
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
