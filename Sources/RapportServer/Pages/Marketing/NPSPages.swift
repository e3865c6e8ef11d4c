import Foundation
import Hummingbird
import RapportKit
import RapportStore

/// An NPS program's page, above its settings: the score with its count and the split
/// behind it (as Delighted and HubSpot show it: promoters, passives, detractors), when the
/// next round goes out, a round on demand, the rounds sent, and the latest reasons given.
struct NPSProgramSection: RecordPageSection {
    var place: RecordPagePlace { .header }
    var template: String { "nps_program" }

    func values(_ record: StoredRecord, type: RecordType, user: PageUser, actor: Actor, deps: PageDependencies) async throws -> [String: Any]? {
        let nps = NPSSurveys(store: deps.store)
        let summary = try await nps.summary(programID: record.id, actor: actor)
        let comments = try await nps.answers(actor: actor, since: 0, programID: record.id, commentedOnly: true, limit: 10)
        let rounds = try await nps.rounds(programID: record.id, actor: actor)
        let formatter = ValueFormatter(user: user)
        var values: [String: Any] = [
            "headline": NPSText.headline(summary, user),
            "split": NPSText.split(summary, user),
            "empty": summary.responses == 0,
            "canSend": user.viewer.role.allows(.update, on: type.name),
            "sendAction": "/\(type.name)/\(record.id)/send",
            "rounds": rounds.map { r -> [String: Any] in
                [
                    "round": formatter.instant(r.round), "asked": String(r.asked), "skipped": String(r.skipped),
                    "state": r.note.map { user.t("nps_note.\($0)") } ?? (r.finishedAt == nil ? user.t("nps_round_running") : user.t("nps_round_done")),
                ]
            },
            "comments": comments.map { a -> [String: Any] in
                ["score": String(a.score), "band": NPSText.band(a.score), "comment": a.comment ?? "", "when": formatter.instant(Timestamp.format(millisecondsSince1970: a.at))]
            },
        ]
        if let next = try await nps.nextRound(programID: record.id) {
            values["next"] = user.t("nps_next_round").replacingOccurrences(of: "%@", with: formatter.instant(Timestamp.format(millisecondsSince1970: next)))
        } else {
            values["next"] = user.t(record.fields["on_schedule"]?.boolValue == true ? "nps_next_pending" : "nps_inactive")
        }
        return values
    }
}

/// How NPS figures read everywhere they are shown: the score always with its count.
enum NPSText {
    /// "NPS 42 · n = 57"; "—" without answers rather than 0.
    static func headline(_ s: NPSSummary, _ user: PageUser) -> String {
        let score = s.score.map { String(format: "%+.0f", $0).replacingOccurrences(of: "+0", with: "0") } ?? "—"
        return "NPS \(score) · " + user.t("svc_csat_responses").replacingOccurrences(of: "%d", with: String(s.responses))
    }

    static func split(_ s: NPSSummary, _ user: PageUser) -> String {
        guard s.responses > 0 else { return "" }
        func share(_ n: Int) -> String { user.percent(Double(n) / Double(s.responses)) }
        return [("nps_promoters", s.promoters), ("nps_passives", s.passives), ("nps_detractors", s.detractors)]
            .map { "\(user.t($0.0)) \($0.1) (\(share($0.1)))" }.joined(separator: " · ")
    }

    static func band(_ score: Int) -> String { score >= 9 ? "promoter" : score >= 7 ? "passive" : "detractor" }
}

/// `POST /nps_programs/{id}/send`: a round now (``NPSSurveys/sendNow(programID:actor:now:)``).
struct NPSPages {
    let deps: PageDependencies

    func register(on router: Router<AppRequestContext>) {
        router.post(":type/:id/send", use: TypeRoute.only(NPSPrograms.type.name, send))
    }

    @Sendable func send(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await RecordPages(deps: deps).page(request) { user in
            switch try await deps.signedInForm(request) {
            case .stop(let response): return response
            case .proceed:
                let id = context.parameters.get("id") ?? ""
                _ = try await NPSSurveys(store: deps.store).sendNow(programID: id, actor: user.actor(context), now: deps.now())
                return PageRenderer.redirect("/\(NPSPrograms.type.name)/\(id)")
            }
        }
    }
}

enum NPSTemplates: PageTemplateSet {
    static let all: [String: String] = ["nps_program": program]

    static let program = """
        <section class="card nps-program" aria-labelledby="nps-heading" id="nps-program">
        <h2 id="nps-heading">{{headline}}</h2>
        {{^empty}}<p class="meta" id="nps-split">{{split}}</p>{{/empty}}
        {{#empty}}<p class="meta">{{t.nps_no_answers}}</p>{{/empty}}
        <p id="nps-next">{{next}}</p>
        {{#canSend}}<form method="post" action="{{sendAction}}"><input type="hidden" name="_csrf" value="{{csrf}}"><button class="secondary" type="submit" id="nps-send">{{t.nps_send_now}}</button></form>{{/canSend}}
        {{#has_rounds}}<h3>{{t.nps_rounds}}</h3><div class="report-scroll"><table class="nps-rounds"><thead><tr><th>{{t.nps_round}}</th><th>{{t.nps_asked}}</th><th>{{t.nps_skipped}}</th><th>{{t.nps_state}}</th></tr></thead><tbody>
        {{#rounds}}<tr><td>{{round}}</td><td class="num">{{asked}}</td><td class="num">{{skipped}}</td><td>{{state}}</td></tr>{{/rounds}}
        </tbody></table></div>{{/has_rounds}}
        {{#has_comments}}<h3>{{t.nps_reasons}}</h3><ul class="nps-comments">
        {{#comments}}<li><span class="nps-score {{band}}">{{score}}</span> <span class="nps-comment">{{comment}}</span> <span class="meta">{{when}}</span></li>{{/comments}}
        </ul>{{/has_comments}}
        </section>
        """

    static let css = """
        .nps-program h2 { margin-top: 0; } .nps-program h3 { margin: 16px 0 6px; } .nps-program form { margin: 8px 0; } .nps-rounds { border-collapse: collapse; } .nps-rounds th, .nps-rounds td { padding: 4px 10px 4px 0; text-align: left; }
        .nps-rounds td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .nps-comments { list-style: none; padding: 0; margin: 0; display: grid; gap: 6px; } .nps-comment { overflow-wrap: anywhere; word-break: keep-all; }
        .nps-score { display: inline-block; min-width: 1.8em; text-align: center; border-radius: 4px; font-weight: 600; }
        .nps-score.promoter { background: color-mix(in srgb, var(--ok) 20%, transparent); }
        .nps-score.passive { background: var(--soft); }
        .nps-score.detractor { background: color-mix(in srgb, var(--bad) 20%, transparent); }
        """
}
