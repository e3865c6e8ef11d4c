/// A command that could not do its work for a reason the user can act on; printed as
/// `Error: …` without the usage text that argument mistakes get.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
