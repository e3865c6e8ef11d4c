import Metrics

extension ImportSummary {
    /// Adds a committed import's rows to `rapport_import_rows_total` by type and outcome.
    func countRows(type: String) {
        for (outcome, n) in [("created", created), ("updated", updated), ("skipped", skipped), ("failed", failed)] where n > 0 {
            Counter(label: "rapport_import_rows_total", dimensions: [("type", type), ("outcome", outcome)]).increment(by: n)
        }
    }
}
