/// Home and the notifications page. Plain Mustache: `{{…}}` escapes HTML, so anything a
/// user typed is shown as text, never run.
enum WorkspaceTemplates: PageTemplateSet {
    static let all: [String: String] = ["home": home, "notifications": notifications]

    /// Each task's "done" is a form, so it works without a script; with one, the task
    /// leaves its group in place (see ``HomeStyles/js``).
    static let home = """
        {{> head}}
        <h1>{{t.home_title}}</h1>
        {{#figures}}{{> dashboard}}{{/figures}}
        <div class="grid2">
        <div>
        {{#has_taskGroups}}<section aria-labelledby="h-tasks" class="home-tasks"><h2 id="h-tasks">{{t.home_tasks}}</h2>
        <p class="skip" role="status" aria-live="polite" data-done-status data-text="{{t.home_marked_done}}"></p>
        {{#taskGroups}}<div class="task-group" id="h-{{bucket}}" data-group>
        <h3>{{heading}} <span class="count" data-count>{{count}}</span></h3>
        {{#has_tasks}}<ul class="tasks">{{#tasks}}<li data-task>
        <form method="post" action="/home/tasks/{{id}}/done" data-done><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="_back" value="{{back}}">
        <button type="submit" class="check" aria-label="{{t.home_mark_done}}: {{title}}" title="{{t.home_mark_done}}"><svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true"><path d="M3 8.5l3 3 7-7" fill="none" stroke="currentColor" stroke-width="2"/></svg></button></form>
        <a href="{{href}}">{{title}}</a> <span class="{{#late}}error{{/late}}{{^late}}hint{{/late}} due">{{due}}</span></li>{{/tasks}}</ul>{{/has_tasks}}
        {{^has_tasks}}<p class="hint">{{empty}}</p>{{/has_tasks}}
        {{#more}}<p class="see-all"><a href="{{all}}">{{t.home_see_all}} ({{count}})</a></p>{{/more}}
        </div>{{/taskGroups}}
        </section>{{/has_taskGroups}}
        {{#showDeals}}<section aria-labelledby="h-deals"><h2 id="h-deals">{{t.home_deals}}</h2>
        {{#has_deals}}<ul class="home-deals">{{#deals}}<li><a href="{{href}}">{{title}}</a>
        <span class="hint">{{#stage}}{{stage}}{{/stage}}{{#amount}} · {{amount}}{{/amount}}</span>
        <span class="{{#past}}error{{/past}}{{^past}}hint{{/past}} close">{{#close}}{{close}}{{#past}} · {{t.home_close_passed}}{{/past}}{{/close}}{{^close}}{{t.home_no_close}}{{/close}}</span></li>{{/deals}}</ul>
        <p class="see-all"><a href="{{dealsAll}}">{{t.home_see_all}}</a></p>{{/has_deals}}
        {{^has_deals}}<p class="hint">{{t.home_deals_none}}</p>{{/has_deals}}
        </section>{{/showDeals}}
        </div>
        <div>
        <section aria-labelledby="h-changed"><h2 id="h-changed">{{t.home_changed}}</h2>
        {{#has_changed}}<ul>{{#changed}}<li><a href="{{href}}">{{title}}</a> <span class="hint">{{kind}} · {{when}}</span></li>{{/changed}}</ul>{{/has_changed}}
        {{^has_changed}}<p class="hint">{{t.nothing_here}}</p>{{/has_changed}}
        </section>
        <section aria-labelledby="h-recent"><h2 id="h-recent">{{t.home_recent}}</h2>
        {{#has_recent}}<ol class="timeline">{{#recent}}<li class="activity"><div class="meta">{{what}} · {{when}}</div><a href="{{href}}">{{title}}</a>{{#body}}<div class="body">{{body}}</div>{{/body}}</li>{{/recent}}</ol>{{/has_recent}}
        {{^has_recent}}<p class="hint">{{t.nothing_here}}</p>{{/has_recent}}
        </section>
        </div>
        </div>
        {{> foot}}
        """

    static let notifications = """
        {{> head}}
        <div class="actions spread"><h1>{{t.notif_title}}</h1>
        {{#hasUnread}}<form method="post" action="/notifications/read-all"><input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit" class="secondary">{{t.notif_mark_all_read}}</button></form>{{/hasUnread}}</div>
        {{#has_items}}<ul class="notifications">{{#items}}<li{{#unread}} class="unread"{{/unread}}>
        <span class="chip">{{kind}}</span>{{#unread}}<span class="skip">{{t.notif_unread}}</span>{{/unread}}
        {{#href}}<a href="{{href}}">{{title}}</a>{{/href}}{{^href}}<span class="hint">{{t.notif_unavailable}}</span>{{/href}}
        <span class="hint">{{#typeLabel}}{{typeLabel}} · {{/typeLabel}}{{#actor}}{{actor}} · {{/actor}}{{when}}</span>
        {{#unread}}<form method="post" action="/notifications/{{id}}/read"><input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit" class="plain">{{t.notif_mark_read}}</button></form>{{/unread}}
        </li>{{/items}}</ul>{{/has_items}}
        {{^has_items}}<p class="panel notif-empty">{{t.notif_empty}}</p>{{/has_items}}
        {{#next}}<p><a href="/notifications?cursor={{next}}">{{t.notif_older}}</a></p>{{/next}}
        {{> foot}}
        """
}
