/// The part of the company's work a record type belongs to. The navigation groups types by
/// it, so a new domain's types find their place without the pages knowing them by name.
public enum WorkArea: String, CaseIterable, Sendable {
    case customers, sales, service, marketing, partners
}
