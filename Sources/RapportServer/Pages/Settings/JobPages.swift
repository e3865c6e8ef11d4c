import Foundation
import Hummingbird
import RapportKit
import RapportStore

/// Settings → Jobs (admins): the background jobs by state, with the API's two levers —
/// run a dead or cancelled job again, cancel one that has not finished.
struct JobPages {
    let pages: AdminPages
    let jobs: JobStore

    func register(on router: Router<AppRequestContext>) {
        router.get("settings/jobs", use: list)
        router.post("settings/jobs/retry", use: retry)
        router.post("settings/jobs/cancel", use: cancel)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await pages.adminPage(request) { user in
            let state = try QueryString.parse(request.uri.query).first { $0.0 == "state" }.flatMap { Job.State(rawValue: $0.1) }
            return try await render(user, state: state, formError: nil)
        }
    }

    func render(_ user: PageUser, state: Job.State?, formError: String?) async throws -> Response {
        let formatter = ValueFormatter(user: user)
        let counts = try await jobs.counts()
        let csrf = user.session.csrfToken
        let cols = [user.t("job_kind"), user.t("job_state"), user.t("job_attempts"), user.t("job_run_at"), user.t("job_schedule"), user.t("job_progress"), user.t("job_error")]
        let rows: [[String: Any]] = try await jobs.list(state: state, limit: 200).map { job -> [String: Any] in
            var actions: [[String: Any]] = []
            if [.dead, .cancelled, .succeeded].contains(job.state) {
                actions.append(["action": "/settings/jobs/retry", "csrf": csrf, "label": user.t("job_retry"), "fields": [["name": "id", "value": job.id]]])
            }
            if [.queued, .running].contains(job.state) {
                actions.append(["action": "/settings/jobs/cancel", "csrf": csrf, "label": user.t("job_cancel"), "fields": [["name": "id", "value": job.id]]])
            }
            return [
                "cells": [
                    AdminPages.cell(cols[0], job.kind), AdminPages.cell(cols[1], user.t("job_state_\(job.state.rawValue)")),
                    AdminPages.cell(cols[2], "\(job.attempts) / \(job.maxAttempts)"),
                    AdminPages.cell(cols[3], formatter.instant(Timestamp.format(millisecondsSince1970: job.runAt))),
                    AdminPages.cell(cols[4], job.schedule.map { "\($0) (\(job.timeZone ?? "UTC"))" } ?? ""),
                    AdminPages.cell(cols[5], job.progress.map { "\($0) \(job.progressMessage ?? "")" } ?? ""),
                    AdminPages.cell(cols[6], String((job.lastError ?? "").prefix(200))),
                ],
                "rowActions": actions,
            ]
        }
        let options = [("", user.t("any"))] + Job.State.allCases.map { ($0.rawValue, "\(user.t("job_state_\($0.rawValue)")) (\(counts[$0] ?? 0))") }
        let forms = [AdminPages.form("/settings/jobs", user.t("filter"), user.t("apply"), [
            AdminPages.select("state", user.t("job_state"), options, selected: state?.rawValue ?? ""),
        ], csrf: csrf, method: "get")]
        return pages.render(user, heading: user.t("jobs_title"), columns: cols, rows: rows, forms: forms, extra: formError.map { ["formError": $0] } ?? [:])
    }

    @Sendable func retry(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await change(request) { try await jobs.retry(id: $0) }
    }

    @Sendable func cancel(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await change(request) { try await jobs.cancel(id: $0) }
    }

    private func change(_ request: Request, _ body: (String) async throws -> Job) async throws -> Response {
        try await pages.adminPage(request) { user in
            let (p, stop) = try await pages.posted(request)
            guard let p else { return stop! }
            do {
                _ = try await body(p.fields["id"] ?? "")
            } catch {
                return try await render(user, state: nil, formError: pages.describe(error, user))
            }
            return PageRenderer.redirect("/settings/jobs")
        }
    }
}
