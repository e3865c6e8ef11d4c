/// The reports page. The filter form is a plain GET form, so the filters live in the
/// address; each chip is a link to the report without it. Bars are SVG made on the server
/// from numbers only (``BarChart``), hence the triple braces; every word is escaped text.
enum ReportTemplates: PageTemplateSet {
    static let all: [String: String] = ["reports": reports, "dashboard": dashboard]

    /// Home's dashboard cards (inside `figures`): each card is one link to the report or
    /// list that shows the same figure; currencies on their own lines.
    static let dashboard = """
        <section class="home-figures" aria-labelledby="h-figures"><h2 id="h-figures">{{t.dash_title}}</h2>
        <div class="dash">
        <a class="card" href="{{pipelineHref}}" data-card="pipeline"><h3>{{t.dash_my_pipeline}}</h3>
        <span class="big">{{#open}}<span>{{value}}</span>{{/open}}{{^open}}<span>—</span>{{/open}}</span>
        <span class="sub">{{t.dash_weighted}} {{#weighted}}<span>{{value}}</span> {{/weighted}}</span></a>
        <a class="card" href="{{wonHref}}" data-card="won"><h3>{{t.dash_won_vs_quota}}</h3>
        {{#won}}<span class="big"><span>{{value}}</span></span><span class="sub">{{quota}}{{#attainment}} · {{attainment}}{{/attainment}}</span>{{/won}}{{^won}}<span class="big">—</span>{{/won}}</a>
        <a class="card" href="{{closingHref}}" data-card="closing"><h3>{{t.dash_closing}}</h3><span class="big num">{{closing}}</span></a>
        <a class="card" href="{{lateHref}}" data-card="late"><h3>{{t.dash_overdue_deals}}</h3><span class="big num{{#hasLateDeals}} bad{{/hasLateDeals}}">{{lateDeals}}</span>{{#hasLateDeals}}<span class="sub">{{t.dash_overdue_hint}}</span>{{/hasLateDeals}}</a>
        {{#activitiesHref}}<a class="card" href="{{activitiesHref}}" data-card="activities"><h3>{{t.dash_activities_week}}</h3><span class="big num">{{activities}}</span></a>{{/activitiesHref}}
        <a class="card" href="#h-tasks" data-card="tasks"><h3>{{t.home_overdue_tasks}}</h3><span class="big num{{#hasOverdue}} bad{{/hasOverdue}}">{{overdue}}</span></a>
        </div>
        {{#hasTeam}}<h3 id="h-team">{{t.dash_team}} · {{t.report_period_this_quarter}}</h3>
        <table class="list team"><thead><tr><th scope="col">{{t.dash_rep}}</th><th scope="col">{{t.dash_open}}</th><th scope="col">{{t.won_amount}}</th><th scope="col">{{t.dash_win_rate}}</th><th scope="col">{{t.dash_cycle}}</th><th scope="col">{{t.dash_attainment}}</th></tr></thead>
        <tbody>{{#team}}<tr><td class="title"><a href="{{href}}">{{name}}</a></td><td data-label="{{t.dash_open}}"><span class="amounts">{{#open}}<span class="num">{{value}}</span>{{/open}}{{^open}}—{{/open}}</span></td><td data-label="{{t.won_amount}}"><span class="amounts">{{#won}}<span class="num">{{value}}</span>{{/won}}{{^won}}—{{/won}}</span></td>
        <td data-label="{{t.dash_win_rate}}">{{winRate}}</td><td data-label="{{t.dash_cycle}}">{{cycle}}</td><td data-label="{{t.dash_attainment}}">{{attainment}}</td></tr>{{/team}}</tbody></table>{{/hasTeam}}
        </section>
        """

    static let bars = """
        <ul class="bars">{{#bars}}<li><span class="bar-label">{{label}}</span><span class="bar-text">{{text}}</span>{{{svg}}}</li>{{/bars}}</ul>
        """

    static let reports = """
        {{> head}}
        <h1>{{t.reports}}</h1>
        <details class="report-filter-box"{{^hasChips}} open{{/hasChips}}><summary class="secondary small">{{t.report_filters}}{{#hasChips}} <span class="count">{{chipCount}}</span>{{/hasChips}}</summary>
        <form class="report-filters" method="get" action="/reports" aria-label="{{t.report_filters}}">
        {{#has_pipelines}}<div><label for="rf-pipeline">{{t.pipeline}}</label><select id="rf-pipeline" name="pipeline">{{#pipelines}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/pipelines}}</select></div>{{/has_pipelines}}
        <div><label for="rf-period">{{t.report_period}}</label><select id="rf-period" name="period">{{#periods}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/periods}}</select></div>
        <div><label for="rf-from">{{t.report_from}}</label><input id="rf-from" name="from" type="date" value="{{from}}"></div>
        <div><label for="rf-to">{{t.report_to}}</label><input id="rf-to" name="to" type="date" value="{{to}}"></div>
        <div><label for="rf-owner">{{t.report_owner}}</label><select id="rf-owner" name="owner">{{#owners}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/owners}}</select></div>
        <div><label for="rf-team">{{t.report_team}}</label><select id="rf-team" name="team">{{#teams}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/teams}}</select></div>
        {{#byTeam}}<input type="hidden" name="by" value="team">{{/byTeam}}
        <div><button type="submit">{{t.report_apply}}</button></div>
        </form></details>
        {{#hasChips}}<ul class="chips" aria-label="{{t.report_active}}">{{#chips}}<li><a href="{{href}}" aria-label="{{remove}}" data-chip>{{text}} <svg class="icon" aria-hidden="true"><use href="{{iconsPath}}#close"/></svg></a></li>{{/chips}}
        <li><a href="/reports">{{t.report_clear}}</a></li></ul>{{/hasChips}}
        <p class="report-note">{{t.report_dates_note}}</p>
        <section aria-labelledby="r-summary"><h2 id="r-summary">{{t.summary}}</h2>
        <dl class="fields"><dt>{{t.win_rate}}</dt><dd data-figure="win-rate">{{winRate}} ({{won}} / {{lost}})</dd><dt>{{t.open_deals}}</dt><dd data-figure="open">{{open}}</dd>
        <dt>{{t.average_deal}}</dt><dd>{{#averages}}<span class="num">{{value}}</span> {{/averages}}{{^has_averages}}—{{/has_averages}}</dd><dt>{{t.cycle_days}}</dt><dd>{{cycle}}</dd>
        <dt>{{t.velocity}}</dt><dd>{{#velocity}}<span class="num">{{value}}</span> {{/velocity}}{{^has_velocity}}—{{/has_velocity}}</dd></dl>
        </section>
        {{#quota}}<section aria-labelledby="r-quota"><h2 id="r-quota">{{t.quota_vs_forecast}} · {{month}}</h2>
        <p class="actions">{{#byOwner}}<strong>{{t.by_owner}}</strong> · <a href="{{byTeamHref}}">{{t.by_team}}</a>{{/byOwner}}{{^byOwner}}<a href="{{byOwnerHref}}">{{t.by_owner}}</a> · <strong>{{t.by_team}}</strong>{{/byOwner}}</p>
        \(bars)
        {{#has_rows}}<details><summary>{{t.report_as_table}}</summary><table class="list"><thead><tr><th scope="col">{{#byOwner}}{{t.owner}}{{/byOwner}}{{^byOwner}}{{t.teams_label}}{{/byOwner}}</th><th scope="col">{{t.close_month}}</th><th scope="col">{{t.quota}}</th><th scope="col">{{t.won_amount}}</th><th scope="col">{{t.weighted}}</th><th scope="col">{{t.attainment}}</th><th scope="col">{{t.projected}}</th></tr></thead>
        <tbody>{{#rows}}<tr><td data-label="">{{name}}</td><td data-label="{{t.close_month}}">{{month}}</td><td data-label="{{t.quota}}">{{quota}}</td><td data-label="{{t.won_amount}}">{{won}}</td><td data-label="{{t.weighted}}">{{weighted}}</td><td data-label="{{t.attainment}}">{{attainment}}</td><td data-label="{{t.projected}}">{{projected}}</td></tr>{{/rows}}</tbody></table></details>{{/has_rows}}
        {{^has_rows}}<p>{{t.nothing_here}}</p>{{/has_rows}}
        </section>{{/quota}}
        {{#charts}}<section aria-labelledby="r-f-{{currency}}"><h2 id="r-f-{{currency}}">{{t.forecast}} · {{currency}}</h2>
        \(bars)
        <details><summary>{{t.report_as_table}}</summary><table class="list"><thead><tr><th scope="col">{{t.close_month}}</th><th scope="col">{{t.weighted}}</th><th scope="col">{{t.pipeline_total}}</th><th scope="col">{{t.deals_count}}</th></tr></thead>
        <tbody>{{#rows}}<tr><td data-label="{{t.close_month}}">{{month}}</td><td data-label="{{t.weighted}}">{{weighted}}</td><td data-label="{{t.pipeline_total}}">{{pipeline}}</td><td data-label="{{t.deals_count}}">{{deals}}</td></tr>{{/rows}}</tbody></table></details>
        </section>{{/charts}}
        <section aria-labelledby="r-funnel"><h2 id="r-funnel">{{t.funnel}}</h2>
        {{#has_funnelBars}}<ul class="bars">{{#funnelBars}}<li><span class="bar-label">{{label}}</span><span class="bar-text">{{text}}</span>{{{svg}}}</li>{{/funnelBars}}</ul>{{/has_funnelBars}}
        {{#has_funnel}}<details><summary>{{t.report_as_table}}</summary><table class="list"><thead><tr><th scope="col">{{t.report_stage}}</th><th scope="col">{{t.report_reached}}</th><th scope="col">{{t.report_conversion}}</th></tr></thead>
        <tbody>{{#funnel}}<tr><td data-label="">{{stage}}</td><td data-label="{{t.report_reached}}">{{reached}}</td><td data-label="{{t.report_conversion}}">{{conversion}}</td></tr>{{/funnel}}</tbody></table></details>{{/has_funnel}}
        </section>
        <section aria-labelledby="r-lost"><h2 id="r-lost">{{t.lost_reasons}}</h2>
        {{#has_reasons}}<ul class="bars">{{#reasonBars}}<li><span class="bar-label">{{label}}</span><span class="bar-text">{{text}}</span>{{{svg}}}</li>{{/reasonBars}}</ul>
        <details><summary>{{t.report_as_table}}</summary><table class="list"><thead><tr><th scope="col">{{t.report_reason}}</th><th scope="col">{{t.deals_count}}</th></tr></thead>
        <tbody>{{#reasons}}<tr><td data-label="">{{reason}}</td><td data-label="{{t.deals_count}}">{{count}}</td></tr>{{/reasons}}</tbody></table></details>{{/has_reasons}}
        {{^has_reasons}}<p>{{t.nothing_here}}</p>{{/has_reasons}}</section>
        {{> foot}}
        """
}
