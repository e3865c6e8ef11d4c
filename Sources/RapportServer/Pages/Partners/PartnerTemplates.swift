/// The partner sections' templates and styles. The procedure path reuses the deal stage
/// path's look (`ol.stage-path`), so every staged record reads the same way.
enum PartnerTemplates: PageTemplateSet {
    static let all: [String: String] = [
        "procedure_path": procedurePath, "procedure_history": procedureHistory, "partner_goals": goals, "partner_key_results": keyResults,
        "partner_raci": raci, "partner_roadmap": roadmap, "partner_risk_map": riskMap, "partner_risk_trend": riskTrend,
        "partner_review_brief": reviewBrief, "partner_review_print": reviewPrint, "partner_sharing": sharing, "partner_report": report, "partner_pipeline": pipeline, "partner_network": network,
        "registration_decision": registrationDecision,
    ]

    static let registrationDecision = """
        <form method="post" action="{{decideAction}}"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="version" value="{{version}}"><input type="hidden" name="status" value="approved"><button type="submit">{{t.registration_approve}}</button></form>
        <form method="post" action="{{decideAction}}"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="version" value="{{version}}"><input type="hidden" name="status" value="rejected"><button class="secondary" type="submit">{{t.registration_reject}}</button></form>
        """

    static let network = """
        <section class="card partner-network" aria-labelledby="network-h"><h2 id="network-h">{{t.partner_network}}</h2><p class="meta">{{t.partner_network_hint}}</p>
        <ul class="brief-list">{{#people}}<li><a href="{{href}}">{{name}}</a>{{#title}} <span class="meta">{{title}}</span>{{/title}}
        {{#never}} <span class="flag">{{t.partner_network_never}}</span>{{/never}}{{#stale}} <span class="flag">{{t.partner_network_stale}}</span>{{/stale}}{{#single}} <span class="chip">{{t.partner_network_single}}</span>{{/single}}
        {{#ties}}<div class="meta">{{ties}}</div>{{/ties}}</li>{{/people}}</ul>
        </section>
        """

    static let pipeline = """
        <section class="card partner-pipeline" aria-labelledby="pipeline-h"><h2 id="pipeline-h">{{t.partner_pipeline}}</h2>
        <ul class="dash">{{#figures}}<li><a href="{{href}}"><span class="meta">{{label}}</span><strong>{{count}}</strong>{{#amount}}<span class="amount">{{amount}}</span>{{/amount}}</a></li>{{/figures}}</ul>
        </section>
        """

    static let report = """
        {{> head}}
        <div class="actions spread"><h1>{{t.partner_report}}</h1><div class="actions"><a class="button secondary" href="{{csvLeague}}" download>{{t.svc_report_csv}}</a></div></div>
        <section class="card" aria-labelledby="league-h"><h2 id="league-h">{{t.partner_league}}</h2><p class="meta">{{t.partner_health_hint}}</p>
        {{#has_league}}<div class="report-scroll"><table class="league"><thead><tr><th scope="col">{{t.partner_partnership}}</th><th scope="col" class="num">{{t.partner_health}}</th><th scope="col" class="num">{{t.partner_scorecard}}</th><th scope="col" class="num">{{t.partner_goals}}</th><th scope="col" class="num">{{t.partner_brief_risks}}</th><th scope="col" class="num">{{t.partner_brief_conflicts}}</th><th scope="col" class="num">{{t.partner_registrations_approved}}</th><th scope="col" class="num">{{t.partner_cadence}}</th></tr></thead>
        <tbody>{{#league}}<tr><th scope="row"><a href="{{href}}">{{name}}</a><div class="meta">{{kind}} · {{stage}}</div></th><td class="num"><strong>{{health}}</strong><div class="meta">{{inputs}}</div></td><td class="num">{{scorecard}}</td><td class="num">{{goals}}</td><td class="num">{{risks}}</td><td class="num">{{conflicts}}</td><td class="num">{{registrations}}</td><td class="num">{{cadence}}</td></tr>{{/league}}</tbody></table></div>{{/has_league}}
        {{^has_league}}<p class="meta">{{t.partner_none}}</p>{{/has_league}}</section>
        <div class="report-grid">
        {{#heat}}<div class="card heat-card">{{> partner_risk_map}}</div>{{/heat}}
        <section class="card" aria-labelledby="reg-h"><h2 id="reg-h">{{t.partner_registrations_by_state}}</h2><ul class="bars">{{#registrationBars}}<li><span class="bar-label">{{label}}</span><span class="bar-text">{{text}}</span>{{{svg}}}</li>{{/registrationBars}}</ul></section>
        <section class="card" aria-labelledby="cycle-h"><div class="actions spread"><h2 id="cycle-h">{{t.partner_cycle_times}}</h2><a href="{{csvConflicts}}" download>{{t.svc_report_csv}}</a></div><p>{{cycle}}</p><ul class="bars">{{#cycleBars}}<li><span class="bar-label">{{label}}</span><span class="bar-text">{{text}}</span>{{{svg}}}</li>{{/cycleBars}}</ul></section>
        <section class="card" aria-labelledby="cad-h"><div class="actions spread"><h2 id="cad-h">{{t.partner_cadence_heading}}</h2><a href="{{csvCadence}}" download>{{t.svc_report_csv}}</a></div><ul class="bars">{{#cadenceBars}}<li><span class="bar-label">{{label}}</span><span class="bar-text">{{text}}</span>{{{svg}}}</li>{{/cadenceBars}}</ul></section>
        </div>
        {{> foot}}
        """

    static let sharing = """
        <section class="partner-sharing" aria-labelledby="sharing-h"><h2 id="sharing-h">{{#partnerView}}{{t.partner_counts}}{{/partnerView}}{{^partnerView}}{{t.partner_sharing}}{{/partnerView}}</h2>
        {{#partnerView}}<dl class="facts">{{#counts}}<dt>{{kind}}</dt><dd>{{count}}</dd>{{/counts}}</dl>{{/partnerView}}
        {{^partnerView}}<dl class="facts">{{#levels}}<dt>{{kind}}</dt><dd><span class="chip share-{{levelValue}}">{{level}}</span></dd>{{/levels}}</dl>
        <h3>{{t.partner_users}}</h3>{{#has_users}}<ul class="brief-list">{{#users}}<li>{{name}} <span class="meta">{{email}}</span></li>{{/users}}</ul>{{/has_users}}{{^has_users}}<p class="meta">{{t.partner_no_users}}</p>{{/has_users}}{{/partnerView}}
        </section>
        """

    static let reviewBrief = """
        <section class="card review-brief" aria-labelledby="brief-h">
        <div class="actions spread"><h2 id="brief-h">{{t.partner_brief}}</h2>{{#printHref}}<a class="button secondary" href="{{printHref}}">{{t.print}}</a>{{/printHref}}</div>
        <p class="meta">{{#partnership}}{{partnership}} · {{/partnership}}{{period}}{{#held}} · {{t.partner_held_on}} {{held}}{{/held}}</p>
        <h3>{{t.partner_scorecard}}</h3>
        <div class="report-scroll"><table class="scorecard"><thead><tr><th scope="col">{{t.partner_dimension}}</th><th scope="col" class="num">{{t.partner_weight}}</th><th scope="col" class="num">{{t.partner_score}}</th><th scope="col" class="num">{{t.partner_weighted}}</th></tr></thead>
        <tbody>{{#scorecard}}<tr><th scope="row">{{name}}</th><td class="num">{{weight}}</td><td class="num">{{score}}</td><td class="num">{{weighted}}</td></tr>{{/scorecard}}</tbody>
        <tfoot><tr><th scope="row" colspan="3">{{t.partner_total}}</th><td class="num total">{{total}}</td></tr></tfoot></table></div>
        {{#has_goals}}<h3>{{t.partner_goals}}</h3><ul class="goal-list">{{#goals}}<li><div class="goal-head"><a href="{{href}}">{{objective}}</a> <span class="chip status-{{statusValue}}">{{status}}</span></div>
        {{#hasProgress}}<svg class="progress" width="100%" height="8" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="{{percent}}" aria-label="{{objective}}"><rect class="track" width="100%" height="8" rx="4"/><rect class="fill" width="{{percent}}%" height="8" rx="4"/></svg>{{/hasProgress}}
        <div class="meta">{{progress}}</div></li>{{/goals}}</ul>{{/has_goals}}
        {{#has_milestones}}<h3>{{t.partner_brief_milestones}}</h3><ul class="brief-list">{{#milestones}}<li><a href="{{href}}">{{name}}</a> <span class="meta">{{due}} · {{status}}</span>{{#slipped}} <span class="flag">{{t.partner_slipped}}: {{slip}}</span>{{/slipped}}</li>{{/milestones}}</ul>{{/has_milestones}}
        {{#has_risks}}<h3>{{t.partner_brief_risks}}</h3><ul class="brief-list">{{#risks}}<li><span class="chip band-{{band}}">{{bandName}} {{score}}</span> <a href="{{href}}">{{title}}</a>{{#trend}} <span class="meta">{{trend}}</span>{{/trend}}</li>{{/risks}}</ul>{{/has_risks}}
        {{#has_conflicts}}<h3>{{t.partner_brief_conflicts}}</h3><ul class="brief-list">{{#conflicts}}<li><a href="{{href}}">{{title}}</a> <span class="meta">{{step}} · {{severity}}</span></li>{{/conflicts}}</ul>{{/has_conflicts}}
        {{#has_decisions}}<h3>{{t.partner_brief_decisions}}</h3><ul class="brief-list">{{#decisions}}<li><a href="{{href}}">{{title}}</a> <span class="meta">{{on}}</span></li>{{/decisions}}</ul>{{/has_decisions}}
        {{#has_actions}}<h3>{{t.partner_brief_actions}}</h3><div class="report-scroll"><table class="brief-actions"><tbody>{{#actions}}<tr><td><a href="{{href}}">{{title}}</a>{{#carried}} <span class="meta">{{t.partner_carried}}</span>{{/carried}}</td><td>{{owner}}</td><td>{{due}}</td><td>{{status}}</td></tr>{{/actions}}</tbody></table></div>{{/has_actions}}
        </section>
        """

    static let reviewPrint = """
        {{> head}}
        <article class="review-doc">
        <div class="qd-tools no-print"><a href="{{backHref}}">{{t.partner_back_to_review}}</a><button type="button" data-print>{{t.print}}</button></div>
        <h1>{{title}}</h1>
        {{{brief}}}
        {{#minutes}}<section class="review-minutes" aria-labelledby="minutes-h"><h2 id="minutes-h">{{t.partner_minutes}}</h2><p class="body">{{minutes}}</p></section>{{/minutes}}
        </article>
        {{> foot}}
        """

    static let procedurePath = """
        <section class="card stage-path-panel procedure" aria-labelledby="procedure-h"><h2 id="procedure-h" class="skip">{{heading}}</h2>
        <ol class="stage-path">{{#steps}}<li class="step {{state}}"{{#current}} aria-current="step"{{/current}}>{{#post}}<form method="post" action="{{action}}"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="to" value="{{value}}"><button type="submit">{{name}}</button></form>{{/post}}{{^post}}<span>{{name}}</span>{{/post}}</li>{{/steps}}</ol>
        {{#has_skips}}<details class="procedure-skip"><summary>{{t.partner_skip_to}}</summary><form method="post" action="{{action}}" class="inline-form"><input type="hidden" name="_csrf" value="{{csrf}}">
        <select name="to" aria-label="{{heading}}">{{#skips}}<option value="{{value}}">{{name}}</option>{{/skips}}</select>
        <input name="reason" required maxlength="500" placeholder="{{t.partner_step_reason}}" aria-label="{{t.partner_step_reason}}">
        <button type="submit" class="secondary">{{t.partner_move}}</button></form></details>{{/has_skips}}
        </section>
        """

    static let procedureHistory = """
        <section aria-labelledby="procedure-history"><h2 id="procedure-history">{{t.partner_stage_history}}</h2><ol class="timeline">
        {{#moves}}<li><div>{{#from}}{{from}} → {{/from}}<strong>{{to}}</strong></div><div class="meta">{{when}}{{#who}} · {{who}}{{/who}}</div>{{#reason}}<div class="meta">{{reason}}</div>{{/reason}}</li>{{/moves}}
        </ol></section>
        """

    static let goals = """
        <section class="card partner-goals" aria-labelledby="goals-h"><h2 id="goals-h">{{t.partner_goals}}</h2><ul class="goal-list">
        {{#goals}}<li><div class="goal-head"><a href="{{href}}">{{objective}}</a> <span class="chip status-{{statusValue}}">{{status}}</span></div>
        <div class="meta">{{perspective}}{{#due}} · {{due}}{{/due}}</div>
        {{#hasProgress}}<svg class="progress" width="100%" height="8" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="{{percent}}" aria-label="{{objective}}"><rect class="track" width="100%" height="8" rx="4"/><rect class="fill" width="{{percent}}%" height="8" rx="4"/></svg>{{/hasProgress}}
        <div class="meta">{{progress}}</div></li>{{/goals}}
        </ul></section>
        """

    static let keyResults = """
        <section class="card partner-goals" aria-labelledby="kr-h"><h2 id="kr-h">{{heading}}</h2><ul class="goal-list">
        {{#results}}<li><div class="goal-head"><a href="{{href}}">{{measure}}</a> <span class="meta">{{figures}}</span></div>
        {{#hasProgress}}<svg class="progress" width="100%" height="8" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="{{percent}}" aria-label="{{measure}}"><rect class="track" width="100%" height="8" rx="4"/><rect class="fill" width="{{percent}}%" height="8" rx="4"/></svg>{{/hasProgress}}
        <div class="meta">{{progress}}</div></li>{{/results}}
        </ul></section>
        """

    static let raci = """
        <section class="card partner-raci" aria-labelledby="raci-h"><h2 id="raci-h">{{t.partner_raci}}</h2><p class="meta">{{t.partner_raci_hint}}</p>
        <div class="report-scroll"><table class="raci"><thead><tr><th scope="col">{{activityLabel}}</th>{{#columns}}<th scope="col"><span class="raci-name">{{name}}</span><span class="meta">{{side}} · {{role}}</span></th>{{/columns}}</tr></thead>
        {{#groups}}<tbody><tr class="raci-stream"><th colspan="{{span}}" scope="colgroup">{{workstream}}</th></tr>
        {{#rows}}<tr><th scope="row"><a href="{{href}}">{{activity}}</a>{{#decides}}<div class="meta">{{decidesLabel}}: {{decides}}</div>{{/decides}}</th>{{#cells}}<td class="raci-cell{{#accountable}} accountable{{/accountable}}">{{letters}}</td>{{/cells}}</tr>{{/rows}}
        </tbody>{{/groups}}</table></div></section>
        """

    static let roadmap = """
        <section class="card partner-roadmap" aria-labelledby="roadmap-h"><h2 id="roadmap-h">{{t.partner_roadmap}}</h2>
        <svg class="roadmap-scale" width="100%" height="18" aria-hidden="true" focusable="false">{{#months}}<text x="{{x}}%" y="13">{{label}}</text>{{/months}}</svg>
        <ol class="roadmap">{{#rows}}<li class="roadmap-row status-{{statusValue}}{{#slipped}} slipped{{/slipped}}">
        <div class="roadmap-label"><a href="{{href}}">{{name}}</a> <span class="meta">{{due}} · {{status}}</span>{{#slipped}} <span class="flag">{{t.partner_slipped}}: {{slip}}</span>{{/slipped}}</div>
        <svg class="roadmap-track" width="100%" height="14" aria-hidden="true" focusable="false">
        {{#months}}<line class="tick" x1="{{x}}%" x2="{{x}}%" y1="0" y2="14"/>{{/months}}
        <line class="today" x1="{{todayX}}%" x2="{{todayX}}%" y1="0" y2="14"/>
        {{#hasBar}}<rect class="bar" x="{{barX}}%" y="4" width="{{barW}}%" height="6" rx="2"/>{{/hasBar}}
        <rect class="due" x="{{dueX}}%" y="1" width="4" height="12" rx="1"/>
        </svg></li>{{/rows}}</ol>
        <p class="meta roadmap-today">{{todayLabel}}</p>
        </section>
        """

    static let riskMap = """
        <section class="partner-risk-map" aria-labelledby="riskmap-h"><h2 id="riskmap-h">{{t.partner_risk_map}}</h2><p class="meta">{{total}}</p>
        <table class="heat-map"><caption class="skip">{{t.partner_risk_map}}</caption>
        <tbody>{{#rows}}<tr><th scope="row">{{level}}</th>{{#cells}}<td class="band-{{band}}" title="{{bandName}} ({{score}})">{{count}}</td>{{/cells}}</tr>{{/rows}}</tbody>
        <tfoot><tr><td></td>{{#impacts}}<th scope="col">{{level}}</th>{{/impacts}}</tr></tfoot></table>
        <p class="meta heat-axes">↑ {{t.partner_likelihood}} · → {{t.partner_impact}}</p>
        </section>
        """

    static let riskTrend = """
        <p class="subtitle risk-line"><span class="chip band-{{band}}">{{bandName}} {{score}}</span>{{#trend}} <span class="meta">{{trend}}</span>{{/trend}}</p>
        """

    static let css = """
        .procedure .procedure-skip { margin-top: 8px; } .procedure .inline-form { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin-top: 6px; }
        .procedure .inline-form input { flex: 1 1 14rem; }
        .goal-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 10px; }
        .goal-head { display: flex; flex-wrap: wrap; gap: 6px; align-items: baseline; word-break: keep-all; overflow-wrap: anywhere; }
        svg.progress { display: block; margin: 4px 0 2px; } svg.progress .track { fill: var(--soft); } svg.progress .fill { fill: var(--accent); }
        .chip.status-active, .chip.status-achieved { background: color-mix(in srgb, var(--ok) 20%, transparent); }
        .chip.status-missed, .chip.status-dropped { background: color-mix(in srgb, var(--bad) 18%, transparent); }
        table.raci { border-collapse: collapse; min-width: 100%; }
        table.raci th, table.raci td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
        table.raci thead th { font-weight: 600; min-width: 7rem; } .raci-name { display: block; word-break: keep-all; }
        table.raci thead th .meta { display: block; font-weight: 400; }
        table.raci tbody th[scope=row] { font-weight: 400; min-width: 10rem; word-break: keep-all; }
        .raci-stream th { background: var(--soft); font-weight: 600; }
        td.raci-cell { text-align: center; font-weight: 700; font-variant-numeric: tabular-nums; }
        td.raci-cell.accountable { background: var(--accent-soft); }
        svg.roadmap-scale { display: block; overflow: visible; } svg.roadmap-scale text { font-size: 11px; fill: var(--muted); }
        ol.roadmap { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
        .roadmap-label { word-break: keep-all; overflow-wrap: anywhere; }
        .roadmap-track { display: block; width: 100%; height: 14px; background: var(--soft); border-radius: 3px; }
        .roadmap-track .bar { fill: color-mix(in srgb, var(--accent) 55%, transparent); }
        .roadmap-track .due { fill: var(--accent); } .roadmap-track .tick { stroke: var(--line); stroke-width: 1; }
        .roadmap-track .today { stroke: var(--ink); stroke-width: 1; stroke-dasharray: 2 2; }
        .roadmap-row.status-done .roadmap-track .due { fill: var(--ok); } .roadmap-row.status-done .roadmap-track .bar { fill: color-mix(in srgb, var(--ok) 45%, transparent); }
        .roadmap-row.slipped .roadmap-track .due { fill: var(--bad); } .roadmap-row.slipped .roadmap-track .bar { fill: color-mix(in srgb, var(--bad) 40%, transparent); }
        .roadmap-row .flag, .brief-list .flag { color: var(--bad); font-weight: 600; }
        .partner-network .brief-list { list-style: none; padding: 0; gap: 8px; }
        table.heat-map { border-collapse: separate; border-spacing: 3px; }
        table.heat-map td, table.heat-map th { width: 2.2rem; height: 2.2rem; text-align: center; font-weight: 700; border-radius: 4px; }
        table.heat-map th { font-weight: 400; color: var(--muted); }
        table.scorecard { border-collapse: collapse; min-width: 100%; } table.scorecard th, table.scorecard td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; }
        table.scorecard .num { text-align: right; font-variant-numeric: tabular-nums; } table.scorecard tfoot th, table.scorecard tfoot td { font-weight: 700; border-bottom: 0; }
        .review-brief h3 { margin: 16px 0 6px; } .brief-list { margin: 0; padding-left: 1.2em; display: grid; gap: 4px; word-break: keep-all; overflow-wrap: anywhere; }
        table.brief-actions { border-collapse: collapse; min-width: 100%; } table.brief-actions td { padding: 4px 8px 4px 0; border-bottom: 1px solid var(--line); vertical-align: top; }
        .review-doc { max-width: 900px; margin: 0 auto; } .review-doc .review-brief { border: 0; box-shadow: none; padding: 0; }
        .review-doc .review-brief .actions .button { display: none; } .review-minutes .body { white-space: pre-wrap; }
        @media print {
          body:has(.review-doc) header.top, body:has(.review-doc) nav, body:has(.review-doc) aside { display: none; }
          .review-doc { max-width: none; font-size: 10.5pt; } .review-doc h3 { break-after: avoid; } .review-doc tr, .review-doc li { break-inside: avoid; }
          .review-doc .band-low, .review-doc .band-medium, .review-doc .band-high, .review-doc .band-critical, .review-doc svg.progress { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        .heat-card .partner-risk-map { border: 0; box-shadow: none; padding: 0; margin: 0; background: none; }
        .report-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: var(--sp-3); margin-top: var(--sp-3); }
        table.league { border-collapse: collapse; min-width: 100%; } table.league th, table.league td { padding: 6px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        table.league .num { text-align: right; font-variant-numeric: tabular-nums; } table.league td .meta { font-size: var(--fs-xs); white-space: normal; }
        table.league th[scope=row] { word-break: keep-all; min-width: 9rem; }
        .partner-pipeline ul.dash { list-style: none; padding: 0; margin: 0; }
        .partner-pipeline ul.dash a { display: grid; gap: 2px; padding: 8px 10px; border: 1px solid var(--line); border-radius: var(--radius); color: inherit; text-decoration: none; }
        .partner-pipeline .amount { font-variant-numeric: tabular-nums; word-break: keep-all; }
        .band-low { background: color-mix(in srgb, var(--ok) 30%, transparent); }
        .band-medium { background: color-mix(in srgb, var(--warn) 35%, transparent); }
        .band-high { background: color-mix(in srgb, var(--bad) 35%, transparent); }
        .band-critical { background: color-mix(in srgb, var(--bad) 70%, transparent); color: var(--on-accent, #fff); }
        """
}
