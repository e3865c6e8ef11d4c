/// The requester portal's one page: sign-in by link, the list of requests, a new request
/// and one request's conversation, chosen by which section's value the handler sets.
enum PortalTemplates: PageTemplateSet {
    static let all: [String: String] = ["portal": page]

    static let page = """
        {{> head}}
        <section class="portal" aria-labelledby="portal-heading">
        {{#portalSession}}<header class="portal-bar"><span class="meta">{{t.portal_signed_in_as}} <strong>{{me}}</strong></span>
        <nav class="portal-nav" aria-label="{{t.portal_title}}"><a href="/portal/tickets">{{t.portal_my_requests}}</a>
        <a class="button" href="/portal/tickets/new" id="portal-new">{{t.portal_new}}</a>
        <form method="post" action="/portal/signout"><input type="hidden" name="_csrf" value="{{portalCsrf}}"><button type="submit" class="secondary">{{t.sign_out}}</button></form></nav></header>{{/portalSession}}
        {{#signIn}}<h1 id="portal-heading">{{t.portal_title}}</h1><p class="meta">{{t.portal_intro}}</p>
        {{#error}}<p class="error" role="alert" id="form-error">{{error}}</p>{{/error}}
        <form method="post" action="/portal" id="portal-signin" novalidate>
        <input type="hidden" name="_csrf" value="{{csrf}}">
        <label for="p-email">{{t.webform_email}}</label>
        <input id="p-email" name="email" type="email" required autocomplete="email" value="{{email}}"{{#emailError}} aria-invalid="true" aria-describedby="p-email-error"{{/emailError}}>
        {{#emailError}}<p class="error" id="p-email-error">{{emailError}}</p>{{/emailError}}
        <button type="submit">{{t.portal_send_link}}</button>
        </form>{{/signIn}}
        {{#checkMail}}<h1 id="portal-heading">{{t.portal_title}}</h1><div class="notice" role="status" id="portal-check-mail"><span>{{checkMail}}</span></div>
        <p><a href="/portal">{{t.portal_again}}</a></p>{{/checkMail}}
        {{#confirm}}<h1 id="portal-heading">{{t.portal_title}}</h1><p>{{t.portal_confirm_text}}</p>
        <form method="post" action="{{action}}" id="portal-confirm"><input type="hidden" name="_csrf" value="{{csrf}}"><button type="submit">{{t.portal_continue}}</button></form>{{/confirm}}
        {{#deadLink}}<h1 id="portal-heading">{{t.portal_title}}</h1><p class="error" role="alert" id="portal-dead-link">{{t.portal_dead_link}}</p>
        <p><a href="/portal">{{t.portal_again}}</a></p>{{/deadLink}}
        {{#list}}<h1 id="portal-heading">{{t.portal_my_requests}}</h1>{{#shares}}<p class="meta">{{t.portal_shared_hint}}</p>{{/shares}}
        {{#has_tickets}}<ul class="portal-tickets" id="portal-tickets">{{#tickets}}<li><a href="{{href}}" class="portal-subject">{{subject}}</a>
        <span class="chip status-{{status}}">{{statusLabel}}</span>
        <span class="meta">{{number}} · <time datetime="{{updatedAt}}">{{updated}}</time>{{#colleague}} · {{t.portal_from}} {{colleague}}{{/colleague}}</span></li>{{/tickets}}</ul>{{/has_tickets}}
        {{^has_tickets}}<p class="empty" id="portal-empty">{{t.portal_none}}</p>{{/has_tickets}}{{/list}}
        {{#compose}}<h1 id="portal-heading">{{t.portal_new}}</h1>
        {{#error}}<p class="error" role="alert" id="form-error">{{error}}</p>{{/error}}
        <form method="post" action="/portal/tickets" id="portal-compose" class="support-form-fields" enctype="multipart/form-data" novalidate>
        <input type="hidden" name="_csrf" value="{{portalCsrf}}">
        {{#has_groups}}<label for="p-group">{{t.portal_group}}</label>
        <select id="p-group" name="group_id"><option value="">{{t.portal_group_any}}</option>{{#groups}}<option value="{{id}}"{{#selected}} selected{{/selected}}>{{name}}</option>{{/groups}}</select>
        {{#group_idError}}<p class="error" id="p-group-error">{{group_idError}}</p>{{/group_idError}}{{/has_groups}}
        <label for="p-subject">{{t.webform_subject}}</label>
        <input id="p-subject" name="subject" type="text" required maxlength="300" value="{{subject}}"{{#subjectError}} aria-invalid="true" aria-describedby="p-subject-error"{{/subjectError}}>
        {{#subjectError}}<p class="error" id="p-subject-error">{{subjectError}}</p>{{/subjectError}}
        <label for="p-body">{{t.webform_body}}</label>
        <textarea id="p-body" name="body" rows="8" required{{#bodyError}} aria-invalid="true" aria-describedby="p-body-error"{{/bodyError}}>{{body}}</textarea>
        {{#bodyError}}<p class="error" id="p-body-error">{{bodyError}}</p>{{/bodyError}}
        <label for="p-files">{{t.portal_attach}}</label> <input id="p-files" type="file" name="file" multiple>
        <button type="submit">{{t.webform_send}}</button>
        </form>{{/compose}}
        {{#ticket}}<h1 id="portal-heading">{{subject}}</h1>
        <p class="meta portal-facts">{{number}} · {{t.portal_opened}} {{opened}} <span class="chip status-{{status}}" id="portal-status">{{statusLabel}}</span></p>
        <ol class="portal-thread" id="portal-thread">{{#messages}}<li class="portal-message from-{{side}}"{{#latest}} id="latest"{{/latest}}>
        <div class="message-head"><strong>{{author}}</strong> <time class="meta" datetime="{{at}}">{{when}}</time></div>
        <div class="message-body">{{body}}</div>
        {{#hasFiles}}<ul class="message-files">{{#files}}<li><a href="{{href}}" download>{{name}}</a> <span class="meta">{{size}}</span></li>{{/files}}</ul>{{/hasFiles}}</li>{{/messages}}</ol>
        {{#closedNote}}<p class="meta" id="portal-closed">{{t.portal_closed_note}}</p>{{/closedNote}}
        {{#error}}<p class="error" role="alert" id="form-error">{{error}}</p>{{/error}}
        <form method="post" action="{{replyAction}}" id="portal-reply" class="composer" enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value="{{portalCsrf}}">
        <label for="p-reply">{{t.portal_reply}}</label>
        <textarea id="p-reply" name="body" rows="5" required>{{body}}</textarea>
        <div class="composer-files"><label for="p-reply-files">{{t.portal_attach}}</label> <input id="p-reply-files" type="file" name="file" multiple></div>
        <button type="submit">{{t.portal_send_reply}}</button>
        </form>{{/ticket}}
        {{#missing}}<h1 id="portal-heading">{{t.portal_title}}</h1><p class="error" role="alert" id="portal-missing">{{t.portal_missing}}</p>{{/missing}}
        </section>
        {{> foot}}
        """

    static let css = """
        .portal { max-width: 48rem; margin: 0 auto; }
        .portal-bar { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 8px 16px; margin-bottom: 16px; padding-bottom: 12px; border-bottom: 1px solid var(--line); }
        .portal-nav { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; } .portal-nav form { margin: 0; } .portal-nav .button, .portal-nav button { margin-top: 0; }
        .portal-tickets { list-style: none; margin: 0; padding: 0; display: grid; gap: 8px; }
        .portal-tickets li { display: grid; grid-template-columns: 1fr auto; gap: 2px 12px; padding: 10px 12px; border: 1px solid var(--line); border-radius: 8px; }
        .portal-tickets .portal-subject { font-weight: 600; overflow-wrap: anywhere; word-break: keep-all; } .portal-tickets .meta { grid-column: 1 / -1; }
        .portal-thread { list-style: none; margin: 16px 0; padding: 0; display: grid; gap: 12px; }
        .portal-message { padding: 10px 12px; border: 1px solid var(--line); border-radius: 8px; max-width: 92%; }
        .portal-message.from-requester { justify-self: end; background: var(--soft); }
        .portal-message.from-agent { justify-self: start; border-left: 3px solid var(--accent); }
        .portal form textarea, .portal form input[type=text], .portal form input[type=email], .portal form select { width: 100%; box-sizing: border-box; }
        """
}
