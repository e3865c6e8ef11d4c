import Foundation
import RapportKit
import RapportStore

/// The ticket's SLA clocks under its title, where an agent looks first: each clock's
/// state, its due time in the reader's time zone and what is left (or how late it is),
/// counting down in the page without a reload; then the warnings and breaches fired.
struct TicketClockSection: RecordPageSection {
    var place: RecordPagePlace { .header }
    var template: String { "ticket_clocks" }

    func values(_ record: StoredRecord, type: RecordType, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [String: Any]? {
        let clocks = try await deps.store.ticketClocks(ticketID: record.id, actor: actor)
        guard !clocks.isEmpty else { return nil }
        let escalations = try await deps.store.ticketEscalations(ticketID: record.id, actor: actor)
        let now = Timestamp.millis(deps.now())
        let formatter = ValueFormatter(user: user)
        func at(_ ms: Int64) -> String { formatter.instant(Timestamp.format(millisecondsSince1970: ms)) }
        var values = SLATimeText.formats(user)
        values["clocks"] = clocks.map { stored -> [String: Any] in
            let r = stored.at(now)
            var c: [String: Any] = [
                "metric": user.t("svc_sla.\(r.metric.rawValue)"), "state": r.state.rawValue, "stateLabel": user.t("svc_sla_state.\(r.state.rawValue)"),
            ]
            switch r.state {
            case .running, .breached:
                if let due = r.dueAt {
                    c["due"] = at(due)
                    c["dueMillis"] = String(due)
                    c["remaining"] = SLATimeText.remaining(due - now, user)
                }
            case .paused:
                c["detail"] = user.t("svc_sla_paused_detail")
            case .met, .missed:
                if let stopped = r.stoppedAt { c["detail"] = at(stopped) }
            }
            return c
        }
        values["escalations"] = escalations.map { e -> [String: Any] in
            ["kind": e.kind.rawValue, "label": user.t("svc_escalation.\(e.kind.rawValue)"), "metric": user.t("svc_sla.\(e.metric.rawValue)"), "due": at(e.dueAt),
             "when": formatter.instant(e.firedAt), "at": e.firedAt]
        }
        values["hasEscalations"] = !escalations.isEmpty
        return values
    }
}

/// Spans of time beside a clock in the reader's language ("1 h 20 min left", "2시간 초과"),
/// and the same words handed to the page's countdown so it never says them differently.
enum SLATimeText {
    static func formats(_ user: PageUser) -> [String: Any] {
        ["fmtLeft": user.t("svc_left"), "fmtOver": user.t("svc_over"),
         "fmtUnits": ["days", "hours", "minutes"].map { user.t("svc_unit.\($0)") }.joined(separator: "|")]
    }

    static func span(_ millis: Int64, _ user: PageUser) -> String {
        SLADurationParts(millis: millis).shown.map { user.t("svc_unit.\($0.unit.rawValue)").replacingOccurrences(of: "%d", with: String($0.value)) }.joined(separator: " ")
    }

    /// What is left until a due time `millis` away, or how late it is when negative.
    static func remaining(_ millis: Int64, _ user: PageUser) -> String {
        millis >= 0 ? user.t("svc_left").replacingOccurrences(of: "%s", with: span(millis, user))
            : user.t("svc_over").replacingOccurrences(of: "%s", with: span(millis == .min ? .max : -millis, user))
    }
}

/// The countdown: every 30 seconds each `[data-due]` element says again what is left, in
/// the units and words the server gave it; a clock that runs out turns to overdue.
enum ServiceScripts {
    static let js = """
        (function(){function tick(){document.querySelectorAll('[data-due]').forEach(function(e){
        var ms=+e.getAttribute('data-due')-Date.now(),m=Math.ceil(Math.abs(ms)/60000),u=(e.getAttribute('data-units')||'').split('|');
        if(u.length<3)return;var d=Math.floor(m/1440),h=Math.floor(m%1440/60),n=m%60,p=d>0?[[0,d],[1,h]]:h>0?[[1,h],[2,n]]:[[2,n]];
        var t=p.filter(function(x,i){return i==0||x[1]>0}).map(function(x){return u[x[0]].replace('%d',x[1])}).join(' ');
        e.textContent=e.getAttribute(ms>=0?'data-left':'data-over').replace('%s',t);
        var c=e.closest('.sla-clock');if(c&&ms<0){c.classList.add('state-breached')}})}
        if(document.querySelector('[data-due]')){setInterval(tick,30000)}})();
        (function(){var f=document.querySelector('form[data-autosubmit]');if(!f)return;f.removeAttribute('data-autosubmit');
        if(f.requestSubmit){f.requestSubmit()}else{f.submit()}})();
        """
}
