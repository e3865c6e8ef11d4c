import Foundation
import Hummingbird
import RapportKit
import RapportStore

/// `/api/v1/nps_programs/{id}/rounds`: an NPS program's score and rounds, and a round on
/// demand (the program itself is a record with the generic routes).
struct NPSRoutes {
    let store: RecordStore
    var clock: @Sendable () -> Date = { Date() }

    func register(on group: RouterGroup<AppRequestContext>) {
        // Under the generic `:type` segment, as the tickets' routes are (see ServiceRoutes).
        group.get(":type/:id/rounds", use: TypeRoute.only(NPSPrograms.type.name, rounds))
        group.post(":type/:id/rounds", use: TypeRoute.only(NPSPrograms.type.name, send))
    }

    @Sendable func rounds(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        // 404 for a program the caller cannot see or that does not exist.
        _ = try await store.get(try await store.type(named: NPSPrograms.type.name), id: id, actor: context.actor)
        let nps = NPSSurveys(store: store)
        let summary = try await nps.summary(programID: id, actor: context.actor)
        let rounds = try await nps.rounds(programID: id, actor: context.actor)
        return .json(.object(JSONObject([
            ("nps", summary.score.map { .number(String(format: "%.2f", $0)) } ?? .null), ("responses", .number(String(summary.responses))),
            ("promoters", .number(String(summary.promoters))), ("passives", .number(String(summary.passives))),
            ("detractors", .number(String(summary.detractors))),
            ("next_round_at", try await nps.nextRound(programID: id).map { .string(Timestamp.format(millisecondsSince1970: $0)) } ?? .null),
            ("data", .array(rounds.map { r in
                .object(JSONObject([
                    ("round", .string(r.round)), ("asked", .number(String(r.asked))), ("skipped", .number(String(r.skipped))),
                    ("started_at", .string(r.startedAt)), ("finished_at", r.finishedAt.map(JSONValue.string) ?? .null),
                    ("note", r.note.map(JSONValue.string) ?? .null),
                ]))
            })),
        ])))
    }

    /// `POST …/rounds`: 202 with the round's job; the round runs in the background.
    @Sendable func send(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        let job = try await NPSSurveys(store: store).sendNow(programID: id, actor: context.actor, now: clock())
        return .json(.object(JSONObject([("job_id", .string(job))])), status: .accepted)
    }
}
