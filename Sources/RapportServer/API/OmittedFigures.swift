import RapportKit

/// How a response says which figures it left out because the caller's role hides the
/// field they are made from (`deals.amount`, `orders.total` …): the figures are absent,
/// not zero, and the reader is told why.
enum OmittedFigures {
    /// Adds `omitted` to `body` when some inputs are hidden; leaves it as it is otherwise.
    static func note(_ hidden: [String], in body: inout JSONObject) {
        guard !hidden.isEmpty else { return }
        body["omitted"] = .array(hidden.map { field in
            .object(JSONObject([("field", .string(field)), ("reason", .string("Your role hides this field, so figures made from it are left out."))]))
        })
    }
}
