/// An approved deal registration names the deal its approval opened, so the partner sees
/// where their registration went and the deal counts as sourced by their partnership.
enum Migration0039RegistrationDeals {
    private static func statements(sqlite: Bool) -> [String] {
        let text = sqlite ? "TEXT" : "TEXT COLLATE \"C\""
        return ["ALTER TABLE deal_registrations ADD COLUMN deal_id \(text)"]
    }

    static let migration = Migration(version: 39, name: "registration deals", sqlite: statements(sqlite: true), postgres: statements(sqlite: false))
}
