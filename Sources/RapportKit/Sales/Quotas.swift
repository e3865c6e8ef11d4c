import Foundation

/// What a sales rep or a team is expected to win in a month: the forecast report sets each
/// month's won and weighted open amounts against it. One quota per rep or team, month and
/// currency; a team's quota stands beside its members' own, never summed from them.
public enum Quotas {
    public static let type = RecordType(
        name: "quotas",
        singular: "quota",
        fields: [
            FieldSpec("month", .month, required: true, search: .name),
            FieldSpec("user_id", .user, label: "Sales rep"),
            FieldSpec("team_id", .team, label: "Team"),
            FieldSpec("amount", .money, required: true),
        ],
        titleField: "month",
        listColumns: ["user_id", "team_id", "amount", "updated_at"],
        hasOwner: false,
        allowsCustomFields: false,
        hooks: RecordHooks(validate: validate),
        inNavigation: false,
        area: .sales,
        icon: "chart"
    )

    @Sendable static func validate(_ record: JSONObject) -> [FieldError] {
        var errors: [FieldError] = []
        let user = record["user_id"]?.stringValue, team = record["team_id"]?.stringValue
        if (user == nil) == (team == nil) {
            errors.append(FieldError(field: user == nil ? "user_id" : "team_id", code: "invalid", message: "A quota is for one sales rep or one team."))
        }
        if let minor = record["amount"]?.objectValue?["amount"]?.stringValue.flatMap(QuoteMath.decimal), minor < 0 {
            errors.append(FieldError(field: "amount", code: "out_of_range", message: "A quota is not negative."))
        }
        return errors
    }
}
