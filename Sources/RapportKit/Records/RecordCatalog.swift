/// Every built-in record type, in the order the API and navigation list them.
///
/// Later areas (deals, tickets, partnerships) add their types here and get storage,
/// API, search, audit and CSV from the engine.
public struct RecordCatalog: Sendable {
    public var types: [RecordType]

    public init(types: [RecordType]) {
        self.types = types
    }

    public static let builtIn = RecordCatalog(types: [Organizations.type, People.type, Activities.type, Tags.type, Deals.type, Pipelines.type, PipelineStages.type, Products.type, ProductPrices.type, Quotes.type, QuoteLines.type, Orders.type, OrderLines.type, Contracts.type, DealContacts.type, Quotas.type, LostReasons.type, Tickets.type, TicketMessages.type, TicketMacros.type, NPSPrograms.type,
        Partnerships.type, PartnershipContacts.type, PartnershipGoals.type, KeyResults.type, Responsibilities.type, Milestones.type, Risks.type,
        Conflicts.type, Decisions.type, PartnerReviews.type, ReviewActions.type, DealRegistrations.type,
    ])

    public subscript(name: String) -> RecordType? {
        types.first { $0.name == name }
    }
}

extension RecordType {
    /// Keys that must be unique among live records of this type (`email:ada@example.com`).
    public func uniqueKeyValues(_ record: JSONObject) -> [String] {
        var keys: [String] = []
        for key in uniqueKeys {
            guard let value = record[key.field] else { continue }
            switch value {
            case .string(let s):
                keys.append(key.kind + ":" + SearchText.fold(s))
            case .array(let items):
                for item in items {
                    if let s = item.stringValue ?? item.objectValue?["address"]?.stringValue {
                        keys.append(key.kind + ":" + SearchText.fold(s))
                    }
                }
            default:
                continue
            }
        }
        return keys
    }

    /// The search index terms of a record; `referenced` holds the titles and domains of
    /// records its searchable reference fields point at (a person's organization).
    public func searchTerms(_ record: JSONObject, referenced: [String] = []) -> [String] {
        var terms: [String] = []
        for field in searchFields {
            guard let value = record[field.name] else { continue }
            switch value {
            case .string(let s) where !field.kind.isReferenceKind:
                SearchText.terms(s, role: field.search, into: &terms)
            case .array(let items):
                for item in items {
                    if let s = item.stringValue ?? item.objectValue?["address"]?.stringValue ?? item.objectValue?["number"]?.stringValue {
                        SearchText.terms(s, role: field.search, into: &terms)
                    }
                }
            default:
                continue
            }
        }
        return Self.addingReferenced(referenced, to: terms)
    }

    /// `own` terms plus those of the referenced titles and domains, each term once.
    public static func addingReferenced(_ referenced: [String], to own: [String]) -> [String] {
        var terms = own
        for text in referenced { SearchText.terms(text, role: .text, into: &terms) }
        var seen = Set<String>()
        return terms.filter { seen.insert($0).inserted }
    }

    /// Values used to rank a hit: names first, then everything else searched.
    public func rankingValues(_ record: JSONObject) -> (names: [String], others: [String]) {
        var names: [String] = [], others: [String] = []
        for field in searchFields where !field.kind.isReferenceKind {
            guard let value = record[field.name] else { continue }
            var texts: [String] = []
            if let s = value.stringValue { texts = [s] }
            if let items = value.arrayValue {
                texts = items.compactMap { $0.stringValue ?? $0.objectValue?["address"]?.stringValue ?? $0.objectValue?["number"]?.stringValue }
            }
            if field.search == .name { names += texts } else { others += texts }
        }
        return (names, others)
    }
}

extension FieldKind {
    public var isReferenceKind: Bool {
        switch self {
        case .reference, .references, .user, .team: return true
        default: return false
        }
    }
}
