/// Two agents answering one ticket at once is how a customer gets two different answers.
/// The composer remembers the newest message its writer had on screen; when the reply is
/// sent, the messages added after it by anyone else are shown first, and the agent sends
/// anyway, edits, or leaves. Comparing at send time needs no presence server and holds
/// across instances: the database is the only shared state.
public enum TicketCollision {
    /// One message of the conversation as the check reads it, oldest first.
    public struct Message: Sendable, Equatable {
        public var id: String
        /// Written by the agent who is sending now (their own earlier message never warns).
        public var mine: Bool

        public init(id: String, mine: Bool) {
            self.id = id
            self.mine = mine
        }
    }

    /// The positions of the messages the sender has not seen: those after `seen` (the id of
    /// the newest message on their screen; empty when the conversation was empty) that
    /// someone else wrote. A `seen` id no longer in the conversation (deleted since) counts
    /// nothing as new rather than everything: a warning about messages read already
    /// teaches agents to click it away.
    public static func unseen(_ messages: [Message], seen: String) -> [Int] {
        let start: Int
        if seen.isEmpty {
            start = 0
        } else if let at = messages.firstIndex(where: { $0.id == seen }) {
            start = at + 1
        } else {
            return []
        }
        return (start..<messages.count).filter { !messages[$0].mine }
    }
}
