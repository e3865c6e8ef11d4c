import Foundation
import RapportKit
import RapportStore

/// The ticket page's conversation: every message oldest first, public replies and
/// internal notes told apart by colour, label and side, then the composer (public reply
/// or internal note, and the status the ticket takes once it is sent). A closed ticket
/// shows why nothing more can be added instead of the composer.
struct TicketConversationSection: RecordPageSection {
    var place: RecordPagePlace { .header }
    var template: String { "ticket_conversation" }

    func values(_ record: StoredRecord, type: RecordType, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [String: Any]? {
        let messageType = try await deps.store.type(named: TicketMessages.type.name)
        guard user.viewer.role.allows(.read, on: messageType.name) else { return nil }
        let messages = try await deps.store.ticketMessages(ticketID: record.id, actor: actor)
        var formatter = ValueFormatter(user: user)
        try await formatter.prepare(messages, type: messageType, store: deps.store, admin: deps.admin, actor: actor)
        let status = record.fields["status"]?.stringValue.flatMap(TicketStatus.init(rawValue:)) ?? .new
        let files = try await deps.attachments.files(of: messageType.name, ids: messages.map(\.id))
        var out: [String: Any] = ["messages": TicketReplyPage.messages(messages, formatter: formatter, user: user, files: files)]
        if status == .closed {
            out["closedNote"] = user.t("svc_closed_final")
        } else if user.viewer.role.allows(.create, on: messageType.name) {
            // The newest message on screen goes with the reply: one written meanwhile by
            // someone else is shown before this one is sent (``TicketCollision``).
            let macros = user.viewer.role.allows(.read, on: TicketMacros.type.name) ? try await deps.store.ticketMacros(actor: actor) : []
            out.merge(TicketReplyPage.composer(ticketID: record.id, draft: .init(seen: messages.last?.id ?? ""), macros: macros, user: user)) { a, _ in a }
            out["compose"] = true
        }
        if let origin = record.fields["follow_up_of"]?.stringValue {
            out["followUpOf"] = ["href": "/tickets/\(origin)", "label": user.t("svc_follow_up_of")]
        }
        return out
    }
}

/// Who the requester is to the business, beside the ticket: their other tickets (what else
/// they asked and how it ended), the open deals they are a contact on (a sales team to tell
/// before answering sharply) and their latest orders (what they bought), each as the
/// reader may see it: a support agent without sales rights sees the tickets alone.
struct RequesterTicketsSection: RecordPageSection {
    var place: RecordPagePlace { .side }
    var template: String { "ticket_requester_tickets" }

    func values(_ record: StoredRecord, type: RecordType, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [String: Any]? {
        guard let person = record.fields["requester_id"]?.stringValue else { return nil }
        let others = try await deps.store.requesterTickets(personID: person, excluding: record.id, actor: actor)
        var out: [String: Any] = ["tickets": others.map { t -> [String: Any] in
            [
                "href": "/tickets/\(t.id)", "number": t.fields["number"]?.stringValue ?? "", "subject": t.fields["subject"]?.stringValue ?? "",
                "status": user.choiceLabel("status", t.fields["status"]?.stringValue ?? ""), "statusValue": t.fields["status"]?.stringValue ?? "",
            ]
        }]
        let formatter = ValueFormatter(user: user)
        if let deals = try await Self.list(DealContacts.type.name, [("filter[person_id]", person), ("limit", "20")], user: user, actor: actor, deps: deps) {
            let ids = deals.compactMap { $0.fields["deal_id"]?.stringValue }
            let dealType = try await deps.store.type(named: Deals.type.name)
            let open = user.viewer.role.allows(.read, on: dealType.name) && !ids.isEmpty
                ? try await Self.list(dealType.name, [("filter[status]", "open"), ("filter[id][in]", ids.prefix(50).joined(separator: ",")), ("limit", "50")], user: user, actor: actor, deps: deps) ?? []
                : []
            let amount = dealType.field("amount")
            out["hasDeals"] = !open.isEmpty
            out["deals"] = open.prefix(5).map { d -> [String: Any] in
                ["href": "/deals/\(d.id)", "title": d.fields["title"]?.stringValue ?? "", "amount": amount.map { formatter.text(d.fields["amount"], field: $0) } ?? ""]
            }
        }
        if let orders = try await Self.list(Orders.type.name, [("filter[person_id]", person), ("sort", "-ordered_on"), ("limit", "5")], user: user, actor: actor, deps: deps) {
            let orderType = try await deps.store.type(named: Orders.type.name)
            out["hasOrders"] = !orders.isEmpty
            out["orders"] = orders.map { o -> [String: Any] in
                ["href": "/orders/\(o.id)", "number": o.fields["number"]?.stringValue ?? "", "on": o.fields["ordered_on"]?.stringValue ?? "",
                 "total": orderType.field("total").map { formatter.text(o.fields["total"], field: $0) } ?? "",
                 "status": user.choiceLabel("status", o.fields["status"]?.stringValue ?? "")]
            }
        }
        return out
    }

    /// Records of `typeName` the reader may list, by the list API's own query words; nil
    /// when they may not read the type at all.
    static func list(_ typeName: String, _ query: [(String, String)], user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [StoredRecord]? {
        try await deps.readable(typeName, query, user: user, actor: actor)
    }
}

/// The templates of the sections above and of the agent views page.
enum ServiceTemplates: PageTemplateSet {
    static let all: [String: String] = [
        "ticket_conversation": conversation, "ticket_composer": composer, "ticket_message": message, "ticket_reply": reply, "ticket_requester_tickets": requesterTickets, "ticket_queue": queue, "ticket_clocks": clocks, "ticket_report": report,
    ]

    static let clocks = """
        <section class="sla-clocks" aria-labelledby="sla-heading"><h2 id="sla-heading" class="skip">{{t.svc_sla}}</h2>
        <ul class="sla-list">{{#clocks}}<li class="sla-clock state-{{state}}"><span class="sla-metric">{{metric}}</span>
        <span class="chip">{{stateLabel}}</span>
        {{#due}}<span class="sla-due">{{t.svc_due}} {{due}}</span> <strong class="sla-remaining" data-due="{{dueMillis}}" data-units="{{fmtUnits}}" data-left="{{fmtLeft}}" data-over="{{fmtOver}}">{{remaining}}</strong>{{/due}}
        {{#detail}}<span class="meta">{{detail}}</span>{{/detail}}</li>{{/clocks}}</ul>
        {{#hasEscalations}}<details class="sla-escalations"><summary>{{t.svc_escalations}}</summary><ol>
        {{#escalations}}<li class="escalation-{{kind}}"><strong>{{label}}</strong> · {{metric}} · {{t.svc_due}} {{due}} <time class="meta" datetime="{{at}}">{{when}}</time></li>{{/escalations}}
        </ol></details>{{/hasEscalations}}
        </section>
        """

    static let report = """
        {{> head}}
        <div class="actions spread"><h1>{{t.svc_report}}</h1><div class="actions"><a class="button secondary" href="{{csvHref}}" download>{{t.svc_report_csv}}</a><a class="button secondary" href="/tickets/queue">{{t.svc_views}}</a></div></div>
        <form class="queue-days" method="get" action="/tickets/report"><div><label for="r-days">{{t.svc_report_period}}</label>
        <select id="r-days" name="days">{{#periods}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/periods}}</select></div>
        <button type="submit" class="secondary">{{t.svc_apply}}</button></form>
        <p class="meta report-hint">{{t.svc_report_hint}}</p>
        {{#compliance}}<section class="card"><h2>{{heading}}</h2>
        {{^empty}}<ul class="bars">{{#bars}}<li><span class="bar-label">{{label}}</span><span class="bar-text">{{text}}</span>{{{svg}}}</li>{{/bars}}</ul>
        <details><summary>{{t.report_as_table}}</summary><table class="list"><thead><tr><th scope="col">{{t.name_label}}</th><th scope="col">{{t.svc_sla_state.met}}</th><th scope="col">{{t.svc_sla_state.missed}}</th><th scope="col">{{t.svc_report_compliance}}</th></tr></thead>
        <tbody>{{#rows}}<tr><td class="title">{{name}}</td><td data-label="{{t.svc_sla_state.met}}">{{met}}</td><td data-label="{{t.svc_sla_state.missed}}">{{missed}}</td><td data-label="{{t.svc_report_compliance}}">{{rate}}</td></tr>{{/rows}}</tbody></table></details>{{/empty}}
        {{#empty}}<p class="meta">{{t.nothing_here}}</p>{{/empty}}</section>{{/compliance}}
        <section class="card" id="sla-weeks" aria-labelledby="sla-weeks-heading"><div class="actions spread"><h2 id="sla-weeks-heading">{{t.svc_report_weeks}}</h2>
        <a class="button secondary" href="{{weeksCsvHref}}" download>{{t.svc_report_csv}}</a></div>
        <ul class="bars">{{#complianceWeeks}}<li><span class="bar-label">{{label}}</span><span class="bar-text">{{text}}</span>{{{svg}}}</li>{{/complianceWeeks}}</ul></section>
        <section class="card"><h2>{{t.svc_report_times}}</h2><div class="report-scroll"><table class="list"><thead><tr><th scope="col">{{t.svc_sla}}</th><th scope="col">{{t.svc_report_count}}</th>
        <th scope="col">{{t.svc_report_business_median}}</th><th scope="col">{{t.svc_report_business_p90}}</th><th scope="col">{{t.svc_report_calendar_median}}</th><th scope="col">{{t.svc_report_calendar_p90}}</th></tr></thead>
        <tbody>{{#times}}<tr><td class="title">{{metric}}</td><td data-label="{{t.svc_report_count}}">{{count}}</td><td data-label="{{t.svc_report_business_median}}">{{bMedian}}</td>
        <td data-label="{{t.svc_report_business_p90}}">{{bP90}}</td><td data-label="{{t.svc_report_calendar_median}}">{{cMedian}}</td><td data-label="{{t.svc_report_calendar_p90}}">{{cP90}}</td></tr>{{/times}}</tbody></table></div></section>
        <section class="card"><h2>{{t.svc_report_backlog}} <span class="chip">{{openCount}}</span></h2>
        <ul class="bars">{{#backlog}}<li><span class="bar-label">{{label}}</span><span class="bar-text">{{text}}</span>{{{svg}}}</li>{{/backlog}}</ul></section>
        <section class="card" id="reopens" aria-labelledby="reopen-heading"><div class="actions spread"><h2 id="reopen-heading">{{t.svc_reopen_rate}} <span class="chip">{{reopenHeadline}}</span></h2>
        <a class="button secondary" href="{{reopenCsvHref}}" download>{{t.svc_report_csv}}</a></div>
        {{#reopenEmpty}}<p class="meta">{{t.svc_reopen_none}}</p>{{/reopenEmpty}}
        {{^reopenEmpty}}<p class="meta">{{t.svc_reopen_hint}}</p><ul class="bars">{{#reopenGroups}}<li><span class="bar-label">{{label}}</span><span class="bar-text">{{text}}</span>{{{svg}}}</li>{{/reopenGroups}}</ul>{{/reopenEmpty}}
        </section>
        <section class="card" id="csat" aria-labelledby="csat-heading"><div class="actions spread"><h2 id="csat-heading">{{t.svc_csat}} <span class="chip">{{csatHeadline}}</span></h2>
        <a class="button secondary" href="{{csatCsvHref}}" download>{{t.svc_report_csv}}</a></div>
        {{#csatEmpty}}<p class="meta">{{t.svc_csat_none}}</p>{{/csatEmpty}}
        {{^csatEmpty}}<h3>{{t.svc_csat_by_week}}</h3><ul class="bars">{{#csatWeeks}}<li><span class="bar-label">{{label}}</span><span class="bar-text">{{text}}</span>{{{svg}}}</li>{{/csatWeeks}}</ul>
        <h3>{{t.svc_csat_by_group}}</h3><ul class="bars">{{#csatGroups}}<li><span class="bar-label">{{label}}</span><span class="bar-text">{{text}}</span>{{{svg}}}</li>{{/csatGroups}}</ul>
        <h3>{{t.svc_csat_by_agent}}</h3><ul class="bars">{{#csatAgents}}<li><span class="bar-label">{{label}}</span><span class="bar-text">{{text}}</span>{{{svg}}}</li>{{/csatAgents}}</ul>
        {{#csatHasComments}}<h3>{{t.svc_csat_comments}}</h3><ul class="csat-comments">{{#csatComments}}<li><span class="chip">{{score}}</span> <span class="meta">{{ticket}}</span><p>{{comment}}</p></li>{{/csatComments}}</ul>{{/csatHasComments}}{{/csatEmpty}}
        </section>
        {{#nps}}<section class="card" id="nps" aria-labelledby="nps-report-heading"><div class="actions spread"><h2 id="nps-report-heading">{{t.nps_report}} <span class="chip">{{headline}}</span></h2>
        <a class="button secondary" href="{{csvHref}}" download>{{t.svc_report_csv}}</a></div>
        <p class="meta">{{t.nps_report_hint}}</p>{{#split}}<p class="meta">{{split}}</p>{{/split}}
        {{^empty}}<h3>{{t.svc_csat_by_week}}</h3><ul class="bars">{{#weeks}}<li><span class="bar-label">{{label}}</span><span class="bar-text">{{text}}</span>{{{svg}}}</li>{{/weeks}}</ul>
        <h3>{{t.nps_by_program}}</h3><ul class="bars">{{#programs}}<li><span class="bar-label">{{label}}</span><span class="bar-text">{{text}}</span>{{{svg}}}</li>{{/programs}}</ul>{{/empty}}
        {{#empty}}<p class="meta">{{t.nps_no_answers}}</p>{{/empty}}</section>{{/nps}}
        {{> foot}}
        """

    static let conversation = """
        <section class="ticket-thread" aria-labelledby="thread-heading"><h2 id="thread-heading">{{t.svc_conversation}}</h2>
        {{#followUpOf}}<p class="meta"><a href="{{href}}">{{label}}</a></p>{{/followUpOf}}
        <ol class="thread">{{#messages}}{{> ticket_message}}{{/messages}}
        {{^messages}}<li class="meta">{{t.svc_no_messages}}</li>{{/messages}}</ol>
        {{#closedNote}}<p class="meta">{{closedNote}}</p>{{/closedNote}}
        {{#compose}}{{#hasMacros}}<form class="macro-pick" method="post" action="{{macroAction}}"><input type="hidden" name="_csrf" value="{{csrf}}">
        <label for="macro-pick">{{t.svc_macro}}</label><select id="macro-pick" name="macro">{{#macros}}<option value="{{id}}">{{name}}</option>{{/macros}}</select>
        <button type="submit" class="secondary">{{t.svc_apply_macro}}</button></form>{{/hasMacros}}{{> ticket_composer}}{{/compose}}
        </section>
        """

    /// One message of a conversation.
    static let message = """
        <li class="message{{#internal}} internal{{/internal}}{{#fromRequester}} requester{{/fromRequester}}">
        <div class="message-head"><strong>{{author}}</strong> <span class="chip">{{kindLabel}}</span> <time class="meta" datetime="{{at}}">{{when}}</time></div>
        <div class="message-body">{{body}}</div>{{#folded}}<details class="quoted"><summary>{{t.svc_quoted}}</summary><div class="message-body">{{folded}}</div></details>{{/folded}}
        {{#hasFiles}}<ul class="message-files">{{#files}}<li><a href="{{href}}" download>{{name}}</a> <span class="meta">{{size}}</span></li>{{/files}}</ul>{{/hasFiles}}</li>
        """

    /// The reply form, on the ticket page and on the reply page alike.
    static let composer = """
        <form class="composer" id="composer" method="post" action="{{action}}" enctype="multipart/form-data"><input type="hidden" name="_csrf" value="{{csrf}}"><input type="hidden" name="seen" value="{{seen}}">
        {{#confirm}}<input type="hidden" name="confirm" value="1">{{/confirm}}
        <fieldset class="composer-kind"><legend class="skip">{{t.svc_reply_as}}</legend><label><input type="radio" name="kind" value="public_reply"{{^internalChecked}} checked{{/internalChecked}}> {{t.svc_public}}</label>
        <label><input type="radio" name="kind" value="internal_note"{{#internalChecked}} checked{{/internalChecked}}> {{t.svc_internal}}</label></fieldset>
        <label class="skip" for="composer-body">{{t.svc_message_placeholder}}</label>
        <textarea id="composer-body" name="body" rows="{{rows}}" required placeholder="{{t.svc_message_placeholder}}">{{body}}</textarea>
        <div class="composer-files"><label for="composer-file">{{t.svc_attach_files}}</label> <input id="composer-file" type="file" name="file" multiple></div>
        <div class="actions"><label for="composer-status">{{t.svc_status_after}}</label>
        <select id="composer-status" name="status_after"><option value="">{{t.svc_keep_status}}</option>{{#statuses}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/statuses}}</select>
        <button type="submit">{{sendLabel}}</button></div></form>
        """

    /// A reply that needs a look before it goes: after a macro, or when someone else wrote.
    static let reply = """
        {{> head}}
        <div class="actions spread"><h1>{{heading}}</h1><a class="button secondary" href="{{ticketHref}}">{{t.svc_back_to_ticket}}</a></div>
        {{> notice}}
        {{#warning}}<div class="notice bad" role="alert" id="collision"><span>{{warning}}</span></div>{{/warning}}
        {{#hasChanges}}<ul class="macro-changes">{{#changes}}<li><strong>{{label}}</strong> {{value}}</li>{{/changes}}</ul>{{/hasChanges}}
        <section class="ticket-thread" aria-labelledby="reply-heading"><h2 id="reply-heading" class="skip">{{t.svc_conversation}}</h2>
        {{#hasNew}}<ol class="thread">{{#newMessages}}{{> ticket_message}}{{/newMessages}}</ol>{{/hasNew}}
        {{> ticket_composer}}</section>
        {{> foot}}
        """

    static let requesterTickets = """
        <section aria-labelledby="requester-tickets"><h2 id="requester-tickets">{{t.svc_other_tickets}}</h2>
        <ul class="ticket-list">{{#tickets}}<li><a href="{{href}}">{{number}}</a> {{subject}} <span class="chip status-{{statusValue}}">{{status}}</span></li>{{/tickets}}
        {{^tickets}}<li class="meta">{{t.svc_no_other_tickets}}</li>{{/tickets}}</ul>
        {{#hasDeals}}<h3>{{t.svc_requester_deals}}</h3><ul class="ticket-list" id="requester-deals">{{#deals}}<li><a href="{{href}}">{{title}}</a>{{#amount}} <span class="meta">{{amount}}</span>{{/amount}}</li>{{/deals}}</ul>{{/hasDeals}}
        {{#hasOrders}}<h3>{{t.svc_requester_orders}}</h3><ul class="ticket-list" id="requester-orders">{{#orders}}<li><a href="{{href}}">{{number}}</a> <span class="meta">{{on}} · {{total}} · {{status}}</span></li>{{/orders}}</ul>{{/hasOrders}}
        </section>
        """

    static let queue = """
        {{> head}}
        <div class="actions spread"><h1>{{t.svc_views}}</h1><div class="actions"><a class="button secondary" href="/tickets/report">{{t.svc_report}}</a>{{#heldCount}}<a class="button secondary" href="/tickets/held" id="held-link">{{t.svc_held}} <span class="chip">{{heldCount}}</span></a>{{/heldCount}}<a class="button secondary" href="/tickets">{{ticketsLabel}}</a>{{#canCreate}}<a class="button" href="/tickets/new">{{t.new}}</a>{{/canCreate}}</div></div>
        <nav class="queue-tabs" aria-label="{{t.svc_views}}"><ul>{{#views}}<li><a href="{{href}}"{{#current}} aria-current="page"{{/current}}>{{label}} <span class="chip">{{count}}</span></a></li>{{/views}}</ul></nav>
        {{#pendingView}}<form class="queue-days" method="get" action="/tickets/queue"><input type="hidden" name="view" value="{{view}}">
        <div><label for="q-days">{{t.svc_pending_days}}</label><input id="q-days" name="pending_days" type="number" min="0" max="365" value="{{pendingDays}}"></div>
        <button type="submit" class="secondary">{{t.svc_apply}}</button></form>{{/pendingView}}
        <ul class="ticket-list queue">{{#tickets}}<li><a href="{{href}}"><strong>{{number}}</strong> {{subject}}</a>
        <div class="meta"><span class="chip status-{{statusValue}}">{{status}}</span> {{priority}} · {{since}}{{#remaining}} · <strong class="sla-remaining{{#overdue}} overdue{{/overdue}}" data-due="{{dueMillis}}" data-units="{{fmtUnits}}" data-left="{{fmtLeft}}" data-over="{{fmtOver}}">{{remaining}}</strong>{{/remaining}}</div></li>{{/tickets}}
        {{^tickets}}<li class="meta">{{t.svc_empty_view}}</li>{{/tickets}}</ul>
        {{> foot}}
        """
}

/// The conversation's look: internal notes on the warning tint with a side rule, the
/// requester's messages set in from the other side, so the two never read alike even in
/// grey; the composer and lists fit a 390-pixel screen.
enum ServiceStyles {
    static let css = """
        .csat-comments { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
        .csat-comments li { border-top: 1px solid var(--line); padding-top: 8px; }
        .csat-comments p { margin: 4px 0 0; white-space: pre-wrap; overflow-wrap: anywhere; }
        .thread { list-style: none; margin: 0 0 12px; padding: 0; display: grid; gap: 8px; }
        .thread .message { border: 1px solid var(--line); border-radius: 8px; padding: 8px 10px; background: var(--surface, #fff); min-width: 0; }
        .thread .message.requester { margin-left: 0; margin-right: 12%; background: var(--soft); }
        .thread .message:not(.requester) { margin-left: 12%; }
        .thread .message.internal { background: color-mix(in srgb, var(--warn) 12%, transparent); border-left: 4px solid var(--warn); border-style: dashed solid dashed solid; }
        .message-head { display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: baseline; font-size: .85rem; }
        .message-body { white-space: pre-wrap; overflow-wrap: anywhere; word-break: keep-all; margin-top: 4px; }
        .message-files { list-style: none; margin: 6px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: .85rem; } .message-files a { overflow-wrap: anywhere; }
        .quoted { margin-top: 6px; } .quoted summary { cursor: pointer; color: var(--muted); font-size: .85rem; } .quoted .message-body { color: var(--muted); }
        .composer { display: grid; gap: 8px; } .composer textarea { width: 100%; box-sizing: border-box; }
        .macro-pick { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 8px; margin: 0 0 12px; padding-bottom: 12px; border-bottom: 1px solid var(--line); }
        .macro-pick label { margin: 0; } .macro-pick select { width: auto; flex: 1 1 10rem; min-width: 0; max-width: 22rem; } .macro-pick button { flex: none; }
        .away-form { margin-top: 16px; padding-top: 12px; border-top: 1px solid var(--line); } .away-form p { margin: 0 0 8px; }
        .survey-choices.nps { display: grid; grid-template-columns: repeat(11, minmax(0, 1fr)); gap: 4px; border: 0; padding: 0; max-width: 34rem; }
        .survey-choices.nps legend { margin-bottom: 8px; } .survey-choices.nps .survey-choice { margin: 0; }
        .survey-choices.nps .survey-choice input { position: absolute; opacity: 0; }
        .survey-choices.nps .survey-choice span { display: block; padding: 10px 0; text-align: center; border: 1px solid var(--line); border-radius: 6px; cursor: pointer; }
        .survey-choices.nps .survey-choice input:checked + span { background: var(--accent); color: #fff; border-color: var(--accent); }
        .survey-choices.nps .survey-choice input:focus-visible + span { outline: 2px solid var(--accent); outline-offset: 2px; }
        .nps-ends { grid-column: 1 / -1; display: flex; justify-content: space-between; gap: 8px; margin: 2px 0 0; }
        .support-form { max-width: 40rem; margin: 0 auto; } .support-form textarea { width: 100%; box-sizing: border-box; }
        .support-form .trap { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
        .macro-changes { margin: 0 0 12px; padding-left: 20px; } .macro-changes li { overflow-wrap: anywhere; }
        .composer fieldset.composer-kind { border: 0; padding: 0; margin: 0; display: flex; gap: 4px 16px; flex-wrap: wrap; }
        .composer-kind label { display: inline-flex; align-items: center; gap: 6px; margin: 0; }
        .ticket-list { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; } .ticket-list li { overflow-wrap: anywhere; word-break: keep-all; }
        .queue-tabs ul { list-style: none; display: flex; flex-wrap: wrap; gap: 6px; padding: 0; margin: 8px 0; }
        .queue-tabs a { display: inline-block; padding: 4px 10px; border: 1px solid var(--line); border-radius: 16px; text-decoration: none; }
        .queue-tabs a[aria-current="page"] { border-color: var(--accent); font-weight: 600; }
        .report-hint { margin: 0 0 12px; max-width: 60rem; } .report-scroll { overflow-x: auto; }
        .queue-days { display: flex; flex-wrap: wrap; align-items: end; gap: 8px; margin: 0 0 8px; } .queue-days input { width: 6em; }
        .sla-list { list-style: none; margin: 0 0 8px; padding: 0; display: flex; flex-wrap: wrap; gap: 6px 16px; }
        .sla-clock { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 8px; padding: 6px 10px; border: 1px solid var(--line); border-left-width: 4px; border-radius: 8px; word-break: keep-all; }
        .sla-clock.state-running { border-left-color: var(--accent); } .sla-clock.state-paused { border-left-color: var(--line); }
        .sla-clock.state-breached, .sla-clock.state-missed { border-left-color: var(--bad); }
        .sla-clock.state-breached .sla-remaining, .sla-remaining.overdue { color: var(--bad); }
        .sla-clock.state-met { border-left-color: var(--ok); }
        .sla-metric { font-weight: 600; } .sla-due { white-space: nowrap; } .sla-remaining { white-space: nowrap; }
        .sla-escalations ol { margin: 4px 0 0; padding-left: 20px; } .sla-escalations li { overflow-wrap: anywhere; word-break: keep-all; }
        @media (max-width: 480px) { .queue-tabs ul { flex-wrap: nowrap; overflow-x: auto; padding-bottom: 4px; } .queue-tabs li { flex: none; } .sla-list { display: grid; } .thread .message.requester { margin-right: 0; } .thread .message:not(.requester) { margin-left: 0; } }
        """
}
