import Foundation
import Hummingbird
import RapportKit
import RapportStore

/// The service desk beyond plain records: the agent's views with their counts, and the
/// events a ticket's SLA clock reads.
struct ServiceRoutes {
    let store: RecordStore
    var clock: @Sendable () -> Date = { Date() }

    func register(on group: RouterGroup<AppRequestContext>) {
        // Under the generic `:type` segment: a fixed `tickets` segment would shadow the
        // record routes' `/tickets/{id}` in the router's tree. Other types answer 404.
        group.get(":type/views", use: TypeRoute.only(Tickets.type.name, views))
        group.get(":type/views/:view", use: TypeRoute.only(Tickets.type.name, view))
        group.get(":type/:id/events", use: TypeRoute.only(Tickets.type.name, events))
        group.get(":type/:id/clocks", use: TypeRoute.only(Tickets.type.name, clocks))
    }

    /// `GET /api/v1/tickets/{id}/clocks`: each SLA clock as of now, and the escalations fired.
    @Sendable func clocks(_ request: Request, context: AppRequestContext) async throws -> Response {
        let id = context.parameters.get("id") ?? ""
        let now = Timestamp.millis(clock())
        let clocks = try await store.ticketClocks(ticketID: id, actor: context.actor)
        let escalations = try await store.ticketEscalations(ticketID: id, actor: context.actor)
        func stamp(_ ms: Int64?) -> JSONValue { ms.map { .string(Timestamp.format(millisecondsSince1970: $0)) } ?? .null }
        let data: [JSONValue] = clocks.map { stored in
            let r = stored.at(now)
            return .object(JSONObject([
                ("metric", .string(r.metric.rawValue)), ("state", .string(r.state.rawValue)), ("priority", .string(r.priority.rawValue)),
                ("target_minutes", .number(String(r.targetMillis / 60_000))), ("started_at", stamp(r.startedAt)), ("due_at", stamp(r.dueAt)),
                ("stopped_at", stamp(r.stoppedAt)), ("breached_at", stamp(r.breachedAt)),
                ("remaining_seconds", r.state == .running || r.state == .breached ? r.dueAt.map { .number(String(($0 - now) / 1000)) } ?? .null : .null),
            ]))
        }
        let fired: [JSONValue] = escalations.map { e in
            .object(JSONObject([
                ("metric", .string(e.metric.rawValue)), ("kind", .string(e.kind.rawValue)), ("due_at", stamp(e.dueAt)),
                ("fired_at", .string(e.firedAt)), ("notified", .array(e.notified.map(JSONValue.string))),
            ]))
        }
        return .json(.object(JSONObject([("data", .array(data)), ("escalations", .array(fired))])))
    }


    /// `GET /api/v1/tickets/views?pending_days=3`: each view's name and live count.
    @Sendable func views(_ request: Request, context: AppRequestContext) async throws -> Response {
        let days = try pendingDays(request)
        let counts = try await store.ticketQueueCounts(actor: context.actor, pendingDays: days, now: clock())
        return .json(.object(JSONObject([
            ("data", .array(counts.map { JSONValue.object(JSONObject([("view", .string($0.0.rawValue)), ("count", .number(String($0.1)))])) })),
            ("pending_days", .number(String(days))),
        ])))
    }

    /// `GET /api/v1/tickets/views/{view}`: the view's tickets, longest waiting first.
    @Sendable func view(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let queue = TicketQueue(rawValue: context.parameters.get("view") ?? "") else { throw HTTPError(.notFound) }
        let days = try pendingDays(request)
        let records = try await store.ticketQueue(queue, actor: context.actor, pendingDays: days, now: clock())
        let type = store.view(try await store.type(named: Tickets.type.name), for: context.actor)
        return .json(.object(JSONObject([("data", .array(records.map { JSONValue.object($0.json(type)) })), ("next_cursor", .null)])))
    }

    /// `GET /api/v1/tickets/{id}/events`: what the SLA clock reads, oldest first.
    @Sendable func events(_ request: Request, context: AppRequestContext) async throws -> Response {
        let events = try await store.slaEvents(ticketID: context.parameters.get("id") ?? "", actor: context.actor)
        return .json(.object(JSONObject([("data", .array(events.map { JSONValue.object(Self.json($0)) })), ("next_cursor", .null)])))
    }

    private func pendingDays(_ request: Request) throws -> Int {
        let query = try QueryString.parse(request.uri.query)
        switch TicketQueue.pendingDays(query.last { $0.0 == "pending_days" }?.1) {
        case .success(let n): return n
        case .failure(let error): throw RecordError.invalid([error])
        }
    }

    static func json(_ event: SLAEvent) -> JSONObject {
        var o = JSONObject([("at", .string(Timestamp.format(millisecondsSince1970: event.at)))])
        switch event.kind {
        case .created(let status, let priority):
            o["kind"] = .string(TicketEventKind.created.rawValue)
            o["status"] = .string(status.rawValue)
            o["priority"] = .string(priority.rawValue)
        case .statusChanged(let status):
            o["kind"] = .string(TicketEventKind.statusChanged.rawValue)
            o["status"] = .string(status.rawValue)
        case .priorityChanged(let priority):
            o["kind"] = .string(TicketEventKind.priorityChanged.rawValue)
            o["priority"] = .string(priority.rawValue)
        case .customerMessage: o["kind"] = .string(TicketEventKind.customerMessage.rawValue)
        case .agentPublicReply: o["kind"] = .string(TicketEventKind.agentPublicReply.rawValue)
        }
        return o
    }
}
