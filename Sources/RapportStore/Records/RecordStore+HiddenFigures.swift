import RapportKit

/// Figures summed over a field are that field's values in another shape: a role that may
/// not see deal amounts must not read them back from a forecast total either. Reports,
/// board totals, stage history and purchase histories ask here which of their inputs the
/// actor's role hides, and leave the figures made from them out.
extension RecordStore {
    /// Whether the actor's role hides `field` of the record type named `typeName`.
    public func hides(_ field: String, of typeName: String, actor: Actor) async throws -> Bool {
        guard let viewer = actor.viewer else { return false }
        return viewer.hiddenFields(try await type(named: typeName)).contains(field)
    }

    /// Of `fields` (as `type.field`), those the actor's role hides: what a response says
    /// it left out.
    public func hiddenInputs(_ fields: [String], actor: Actor) async throws -> [String] {
        var out: [String] = []
        for qualified in fields {
            let parts = qualified.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            if try await hides(parts[1], of: parts[0], actor: actor) { out.append(qualified) }
        }
        return out
    }
}
