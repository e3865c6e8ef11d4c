/// The deal board, the move sheet and the deal page's stage sections. Words come from `t`
/// or from values the handlers translated; none are written here.
enum BoardTemplates: PageTemplateSet {
    static let all: [String: String] = [
        "deal_board": board, "deal_move": move, "deal_stage_path": stagePath, "deal_stage_history": stageHistory,
    ]

    /// Columns carry `data-drop-stage` for dragging; each card's Move link is the way
    /// without a mouse or a script. On a phone the tabs jump to a column.
    static let board = """
        {{> head}}
        <div class="actions spread"><h1>{{heading}}</h1><div class="actions"><a class="button secondary" href="/deals">{{dealsLabel}}</a>{{#canCreate}}<a class="button" href="/deals/new">{{t.new}}</a>{{/canCreate}}</div></div>
        <form class="toolbar" method="get" action="/deals/board">
        <div><label for="b-pipeline">{{t.pipeline}}</label><select id="b-pipeline" name="pipeline">{{#pipelines}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/pipelines}}</select></div>
        <div><label for="b-owner">{{t.owner}}</label><select id="b-owner" name="owner">{{#owners}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/owners}}</select></div>
        <div><label for="b-team">{{t.teams_label}}</label><select id="b-team" name="team">{{#teams}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/teams}}</select></div>
        <div><label for="b-month">{{t.close_month}}</label><input id="b-month" name="month" type="month" value="{{month}}"></div>
        <button type="submit">{{t.apply}}</button>
        </form>
        <nav class="stage-tabs" aria-label="{{t.board_stages}}"><ul>{{#columns}}<li><a href="#stage-{{id}}" data-stage-tab="{{id}}">{{name}} <span class="chip">{{count}}</span></a></li>{{/columns}}</ul></nav>
        {{#canMove}}<p class="meta board-hint">{{t.board_drag_hint}}</p>{{/canMove}}
        <div class="deal-board" data-deal-board data-csrf="{{csrf}}">
        {{#columns}}<section class="stage-col outcome-{{outcome}}" id="stage-{{id}}" aria-labelledby="col-{{id}}" data-drop-stage="{{id}}" data-outcome="{{outcome}}">
        <div class="col-head"><h2 id="col-{{id}}">{{name}} <span class="chip">{{count}}</span></h2><span class="meta">{{probability}}</span></div>
        <ul class="col-totals">{{#totals}}<li><span class="raw">{{raw}}</span>{{#weighted}} <span class="weighted">{{t.board_weighted}} {{weighted}}</span>{{/weighted}}</li>{{/totals}}{{^totals}}<li class="meta">{{t.board_no_amount}}</li>{{/totals}}</ul>
        <ul class="deal-cards">{{#cards}}<li class="deal-card{{#overdue}} overdue{{/overdue}}"{{#canMove}} draggable="true"{{/canMove}} data-card="{{id}}" data-move="{{moveHref}}">
        <a class="card-title" href="/deals/{{id}}">{{title}}</a>
        {{#org}}<div class="card-org">{{org}}</div>{{/org}}
        <div class="card-figures"><span class="card-amount">{{amount}}</span>{{#close}}<span class="card-close">{{#overdue}}<span class="flag">{{t.overdue}}</span> {{/overdue}}{{close}}</span>{{/close}}</div>
        <div class="card-foot">{{#initials}}<span class="initials" title="{{owner}}"><span class="skip">{{t.owner}}: </span>{{initials}}</span>{{/initials}}{{#days}}<span class="age" title="{{daysTitle}}"><span class="skip">{{daysTitle}}</span><span aria-hidden="true">{{days}}</span></span>{{/days}}{{#canMove}}<a class="card-move" href="{{moveHref}}">{{t.move}}</a>{{/canMove}}</div>
        </li>{{/cards}}</ul>
        {{#more}}<a class="col-more" href="{{more}}">{{t.all_in_stage}}</a>{{/more}}
        </section>{{/columns}}
        </div>
        {{> foot}}
        """

    /// The move sheet: a form that works without a script; the script only hides the
    /// reason while no lost stage is chosen.
    static let move = """
        {{> head}}
        <div class="panel move-sheet">
        <h1>{{heading}}</h1>
        <p class="subtitle"><a href="/deals/{{id}}">{{dealTitle}}</a></p>
        {{#error}}<div class="error-summary" role="alert" tabindex="-1"><p>{{error}}</p></div>{{/error}}
        <form method="post" action="/deals/{{id}}/move" data-move-form>
        <input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{return}}">
        <fieldset><legend>{{t.move_to}}</legend>
        <ul class="stage-choices">{{#stages}}<li><label><input type="radio" name="stage_id" value="{{id}}"{{#checked}} checked{{/checked}}{{#lost}} data-lost{{/lost}}> <span>{{name}}</span>{{#current}} <span class="meta">({{t.current_stage}})</span>{{/current}}</label></li>{{/stages}}</ul>
        </fieldset>
        <fieldset class="lost-reason" data-lost-reason{{^askReason}} data-idle{{/askReason}}><legend>{{t.lost_reason_question}}</legend>
        {{#noList}}<label for="m-free">{{t.lost_reason_free}}</label><input id="m-free" name="lost_reason" type="text" value="{{freeReason}}" maxlength="300">{{/noList}}
        {{^noList}}<label for="m-reason">{{t.lost_reason_pick}}</label><select id="m-reason" name="lost_reason"><option value="">{{t.lost_reason_choose}}</option>{{#reasons}}<option value="{{name}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/reasons}}</select>
        {{#anyText}}<label for="m-text">{{t.lost_reason_text}}</label><input id="m-text" name="lost_reason_text" type="text" value="{{reasonText}}" maxlength="200">{{/anyText}}{{/noList}}
        </fieldset>
        <div class="actions"><button type="submit">{{t.move_confirm_button}}</button><a class="button secondary" href="{{cancel}}">{{t.cancel}}</a></div>
        </form>
        </div>
        {{> foot}}
        """

    /// Steps post a move after asking (`data-confirm`); Lost opens the move sheet, which
    /// asks why. Without a script the steps post at once: the step's name says where to.
    static let stagePath = """
        <section class="stage-path-panel" aria-labelledby="stage-path-h"><h2 id="stage-path-h" class="skip">{{t.stage_path}}</h2>
        <ol class="stage-path">{{#steps}}<li class="step {{state}} outcome-{{outcome}}"{{#current}} aria-current="step"{{/current}}>{{#post}}<form method="post" action="/deals/{{dealID}}/move" data-confirm="{{confirm}}"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{returnPath}}"><input type="hidden" name="stage_id" value="{{id}}"><button type="submit">{{name}}</button></form>{{/post}}{{#href}}<a href="{{href}}">{{name}}</a>{{/href}}{{^post}}{{^href}}<span>{{name}}</span>{{/href}}{{/post}}</li>{{/steps}}</ol>
        <div class="path-actions">
        {{#overdue}}<p class="overdue-flag"><strong>{{t.close_date_passed}}</strong> {{overdue}}</p>{{/overdue}}
        {{#lostReason}}<p class="meta">{{t.lost_because}} {{lostReason}}</p>{{/lostReason}}
        {{#won}}<form method="post" action="/deals/{{dealID}}/move" data-confirm="{{confirm}}"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="return" value="{{returnPath}}"><input type="hidden" name="stage_id" value="{{id}}"><button class="won" type="submit">{{t.mark_won}}</button></form>{{/won}}
        {{#lostHref}}<a class="button danger" href="{{lostHref}}">{{t.mark_lost}}</a>{{/lostHref}}
        </div>
        </section>
        """

    static let stageHistory = """
        <section aria-labelledby="stage-history"><h2 id="stage-history">{{t.stage_history}}</h2><ol class="timeline">
        {{#stageHistory}}<li><div>{{#from}}{{from}} → {{/from}}<strong>{{to}}</strong></div><div class="meta">{{when}}{{#who}} · {{who}}{{/who}}</div>{{#flag}}<div class="error">{{flag}}</div>{{/flag}}</li>{{/stageHistory}}
        </ol></section>
        """
}
