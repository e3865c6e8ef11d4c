/// What each agent is good at (a JSON list of words, matched against a ticket's tags), so
/// assignment in turn can give a billing question to someone who knows billing.
enum Migration0032AgentSkills {
    static let migration = Migration(version: 32, name: "agent skills", sqlite: ["ALTER TABLE users ADD COLUMN skills TEXT"], postgres: ["ALTER TABLE users ADD COLUMN skills TEXT"])
}
