import RapportKit

extension ReportQuery {
    /// The filter parameters as the OpenAPI document lists them for the forecast, funnel
    /// and summary reports.
    static func openAPIParameters(uuid: JSONValue) -> [JSONValue] {
        func param(_ name: String, _ schema: JSONValue, _ description: String) -> JSONValue {
            .object(JSONObject([("name", .string(name)), ("in", .string("query")), ("schema", schema), ("description", .string(description))]))
        }
        let date = JSONValue.object(JSONObject([("type", .string("string")), ("format", .string("date"))]))
        let periods = JSONValue.object(JSONObject([("type", .string("string")), ("enum", .array(ReportPeriod.allCases.map { .string($0.rawValue) }))]))
        return [
            param("period", periods, "Close dates in this period, counted in the caller's time zone (a won or lost deal's close date is the day it closed). from/to imply custom."),
            param("from", date, "First close date, inclusive (with period=custom or no period)."),
            param("to", date, "Last close date, inclusive; on or after from."),
            param("owner", uuid, "Only deals this user owns, among those the caller may see."),
            param("team", uuid, "Only deals owned by this team's members and manager, among those the caller may see."),
        ]
    }
}
