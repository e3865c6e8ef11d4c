import Foundation
import HTTPTypes
import NIOCore
import RapportKit
import RapportStore
import Testing

/// The four sales children (quotes of a deal, quote lines, order lines, deal contacts)
/// follow their parent by one declared ``ParentRule``: readers see a child exactly when
/// they see its parent, wherever records are read; handing over the parent carries the
/// children; a final parent keeps its children through every write path; deleting a
/// parent does what the rule says.
@Suite struct ParentRuleTests {
    struct Child {
        var type: String
        var id: String
        var parent: String
        var owner: String
    }

    static let childTypes = ["quotes", "quote_lines", "deal_contacts", "order_lines"]
    static let parentOf = ["quotes": "deals", "quote_lines": "quotes", "deal_contacts": "deals", "order_lines": "orders"]

    static func ids(_ reply: Reply) throws -> Set<String> {
        Set(try reply.object()["data"]?.arrayValue?.compactMap { $0.objectValue?.string("id") } ?? [])
    }

    @Test(arguments: Backend.available)
    func aReaderSeesExactlyTheChildrenOfTheParentsTheySee(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            var draws = SeededGenerator(seed: 17)
            let (pipeline, stage) = try await DealTests.stages(api)
            try await api.team("East")
            let everything = #"{"label":"P","grants":{"*":{"actions":["read","export"],"visibility":"all"}}}"#
            for i in 0..<3 { #expect(try await api.call(.put, "/api/v1/roles/parent_\(i)", json: everything).status == .ok) }
            var users: [TestUser] = []
            for i in 0..<3 { users.append(try await api.user("parent.\(i)@example.com", role: "parent_\(i)", teams: i < 2 ? ["East"] : [])) }
            let person = try await api.create("people", #"{"given_name":"Bora","family_name":"Han"}"#).string("id") ?? ""
            var owners: [String: String] = [:]  // parent id → owner
            var children: [Child] = []
            for k in 0..<5 {
                let owner = draws.pick(users).id
                let deal = try await api.create("deals", #"{"title":"Deal \#(k)","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Lead"]!)","owner_id":"\#(owner)"}"#).string("id") ?? ""
                owners[deal] = owner
                // Created by the admin, owned by the deal's owner: owner follows the parent.
                let quote = try await api.create("quotes", #"{"deal_id":"\#(deal)","currency":"KRW","status":"draft"}"#)
                #expect(quote.string("owner_id") == owner)
                let quoteID = quote.string("id") ?? ""
                owners[quoteID] = owner
                children.append(Child(type: "quotes", id: quoteID, parent: deal, owner: owner))
                let line = try await api.create("quote_lines", #"{"quote_id":"\#(quoteID)","description":"Seat \#(k)","quantity":1,"unit_price":{"amount":"1000","currency":"KRW"},"owner_id":"\#(draws.pick(users).id)"}"#)
                #expect(line.string("owner_id") == owner)
                children.append(Child(type: "quote_lines", id: line.string("id") ?? "", parent: quoteID, owner: owner))
                let contact = try await api.create("deal_contacts", #"{"deal_id":"\#(deal)","person_id":"\#(person)","role":"champion"}"#)
                #expect(contact.string("owner_id") == owner)
                children.append(Child(type: "deal_contacts", id: contact.string("id") ?? "", parent: deal, owner: owner))
            }
            for k in 0..<3 {
                let owner = draws.pick(users).id
                let order = try await api.create("orders", #"{"ordered_on":"2026-11-02","status":"open","currency":"KRW","owner_id":"\#(owner)"}"#).string("id") ?? ""
                owners[order] = owner
                let line = try await api.create("order_lines", #"{"order_id":"\#(order)","description":"Seat \#(k)","quantity":2,"unit_price":{"amount":"500","currency":"KRW"}}"#)
                #expect(line.string("owner_id") == owner)
                children.append(Child(type: "order_lines", id: line.string("id") ?? "", parent: order, owner: owner))
            }
            let store = RecordStore(db: api.db)
            let types = ["deals", "orders"] + Self.childTypes
            for round in 0..<4 {
                // Random grants per role and type; each user reads with their role.
                var grants: [[String: Visibility]] = []
                for i in 0..<3 {
                    var g: [String: Visibility] = [:]
                    for type in types { g[type] = draws.pick(Visibility.allCases) }
                    grants.append(g)
                    let body = JSONValue.object(JSONObject([("label", .string("P")), ("grants", .object(JSONObject(
                        [("*", .object(JSONObject([("actions", .array([.string("read"), .string("export")])), ("visibility", .string("all"))])))] +
                        types.map { ($0, .object(JSONObject([("actions", .array([.string("read"), .string("export")])), ("visibility", .string(g[$0]!.rawValue))]))) }
                    )))])).serialized()
                    #expect(try await api.call(.put, "/api/v1/roles/parent_\(i)", json: body).status == .ok)
                }
                for (i, user) in users.enumerated() {
                    let team: Set<String> = i < 2 ? [users[0].id, users[1].id] : [user.id]
                    func admits(_ type: String, _ owner: String) -> Bool {
                        switch grants[i][type]! {
                        case .all: return true
                        case .team: return team.contains(owner)
                        case .own: return owner == user.id
                        // Sales records are never shared with partner users.
                        case .partnership: return false
                        }
                    }
                    func sees(_ type: String, _ id: String) -> Bool {
                        if let child = children.first(where: { $0.id == id }) {
                            return admits(type, child.owner) && sees(Self.parentOf[type]!, child.parent)
                        }
                        return admits(type, owners[id]!)
                    }
                    let context = "round \(round), user \(i), grants \(grants[i])"
                    // A directory of its own: a cached one would still hold the last round's grants.
                    let actor = Actor(userID: user.id, viewer: try await AccessDirectory(db: api.db).viewer(userID: user.id, roleName: "parent_\(i)"))
                    let visibleParents = try await Self.ids(api.call(.get, "/api/v1/deals?limit=500", token: user.token))
                        .union(try await Self.ids(api.call(.get, "/api/v1/orders?limit=500", token: user.token)))
                        .union(try await Self.ids(api.call(.get, "/api/v1/quotes?limit=500", token: user.token)))
                    for type in Self.childTypes {
                        let mine = children.filter { $0.type == type }
                        let expected = Set(mine.filter { sees(type, $0.id) }.map(\.id))
                        // Exactly the children of parents the reader sees, that the role admits.
                        #expect(expected.allSatisfy { id in visibleParents.contains(mine.first { $0.id == id }!.parent) }, "\(type) \(context)")
                        let listed = try await Self.ids(api.call(.get, "/api/v1/\(type)?limit=500", token: user.token))
                        #expect(listed == expected, "list \(type) \(context)")
                        for child in mine {
                            let status = try await api.call(.get, "/api/v1/\(type)/\(child.id)", token: user.token).status
                            #expect(status == (expected.contains(child.id) ? .ok : .notFound), "get \(type) \(context)")
                        }
                        if type == "quote_lines" || type == "order_lines" {
                            let found = try await Self.ids(api.call(.get, "/api/v1/\(type)?q=Seat&limit=500", token: user.token))
                            #expect(found == expected, "search \(type) \(context)")
                        }
                        let export = try await api.call(.get, "/api/v1/\(type)/export?format=jsonl", token: user.token)
                        let exported = Set(export.body.split(separator: "\n").compactMap { try? JSONValue.parse(String($0)).objectValue?.string("id") })
                        #expect(exported == expected, "export \(type) \(context)")
                        let full = try await store.type(named: type)
                        let counted = try await store.countMatching(full, query: ListQuery.parse([], type: full).get(), actor: actor)
                        #expect(counted == expected.count, "count \(type) \(context)")
                    }
                }
            }
            // Handing a deal over carries its quotes, their lines and its contacts.
            let deal = children.first { $0.type == "quotes" }!.parent
            let newOwner = users.first { $0.id != owners[deal] }!
            #expect(try await api.call(.patch, "/api/v1/deals/\(deal)", json: #"{"owner_id":"\#(newOwner.id)"}"#).status == .ok)
            let quotes = children.filter { $0.type == "quotes" && $0.parent == deal }.map(\.id)
            let carried = children.filter { ($0.type != "quote_lines" && $0.parent == deal) || ($0.type == "quote_lines" && quotes.contains($0.parent)) }
            #expect(carried.count == 3)
            for child in carried {
                #expect(try await api.call(.get, "/api/v1/\(child.type)/\(child.id)").object().string("owner_id") == newOwner.id, "\(child.type)")
            }
        }
    }

    /// A superseded or accepted quote's lines stay as they are, through the API, the
    /// quote builder, an import and a bulk change alike, with a 422 naming the quote's state.
    @Test(arguments: Backend.available)
    func aFinalParentRefusesChildWritesOnEveryPath(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            let deal = try await api.create("deals", #"{"title":"Final","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Proposal"]!)"}"#).string("id") ?? ""
            let quote = try await api.create("quotes", #"{"deal_id":"\#(deal)","currency":"KRW","status":"draft"}"#).string("id") ?? ""
            let open = try await api.create("quotes", #"{"deal_id":"\#(deal)","currency":"KRW","status":"draft"}"#).string("id") ?? ""
            let line = try await api.create("quote_lines", #"{"quote_id":"\#(quote)","quantity":1,"unit_price":{"amount":"1000","currency":"KRW"}}"#).string("id") ?? ""
            let removed = try await api.create("quote_lines", #"{"quote_id":"\#(quote)","quantity":1,"unit_price":{"amount":"1","currency":"KRW"}}"#).string("id") ?? ""
            #expect(try await api.call(.delete, "/api/v1/quote_lines/\(removed)").status == .noContent)
            #expect(try await api.call(.patch, "/api/v1/quotes/\(quote)", json: #"{"status":"superseded"}"#).status == .ok)
            let before = try await api.call(.get, "/api/v1/quote_lines/\(line)").object()

            func refused(_ reply: Reply, _ what: String) throws {
                #expect(reply.status == .unprocessableContent, "\(what): \(reply.body)")
                let error = try reply.object()["errors"]?.arrayValue?.first?.objectValue
                #expect(error?.string("field") == "quote_id" && error?.string("code") == "final", "\(what): \(reply.body)")
                #expect(error?.string("message")?.contains("newer version") == true, "\(what)")
            }
            try refused(try await api.call(.post, "/api/v1/quote_lines", json: #"{"quote_id":"\#(quote)","quantity":1,"unit_price":{"amount":"5","currency":"KRW"}}"#), "create")
            try refused(try await api.call(.patch, "/api/v1/quote_lines/\(line)", json: #"{"quantity":7}"#), "update")
            try refused(try await api.call(.patch, "/api/v1/quote_lines/\(line)", json: #"{"quote_id":"\#(open)"}"#), "move out")
            try refused(try await api.call(.delete, "/api/v1/quote_lines/\(line)"), "delete")
            let moving = try await api.create("quote_lines", #"{"quote_id":"\#(open)","quantity":1,"unit_price":{"amount":"5","currency":"KRW"}}"#).string("id") ?? ""
            try refused(try await api.call(.patch, "/api/v1/quote_lines/\(moving)", json: #"{"quote_id":"\#(quote)"}"#), "move in")

            let summary = try await ImportRulesTests.importCSV(api, "quote_lines", "quote_id,quantity,unit_price\n\(quote),1,KRW 5\n", token: api.token)
            #expect(summary["created"] == .number("0") && summary["failed"] == .number("1"), "\(summary)")

            let store = RecordStore(db: api.db)
            let lines = try await store.type(named: "quote_lines")
            await #expect(throws: RecordError.self) { try await store.apply(.update(JSONObject([("quantity", .number("9"))])), to: lines, ids: [line], actor: .system) }
            await #expect(throws: RecordError.self) { try await store.apply(.delete, to: lines, ids: [line], actor: .system) }
            await #expect(throws: RecordError.self) { try await store.saveQuoteLines(quoteID: quote, rows: [], ifMatch: nil, actor: .system) }
            // Nor does a line removed before the quote became final come back to it.
            await #expect(throws: RecordError.self) { _ = try await store.restore(lines, id: removed, actor: .system) }

            // The line's page says why in the reader's language and offers no edit or delete.
            var browser = try await WorkspacePageTests.signedIn(api)
            for (language, words) in [("en", "Its quote is “Replaced by a newer version”"), ("ko", "견적이(가) ‘새 버전으로 대체됨’ 상태이므로"), ("ja", "見積が「新しい版に置き換え済み」のため")] {
                let page = try await browser.request(.get, "/quote_lines/\(line)", headers: [.acceptLanguage: language])
                #expect(page.status == .ok && page.body.contains(words), "\(language)")
                #expect(!page.body.contains("/quote_lines/\(line)/edit") && !page.body.contains("/quote_lines/\(line)/delete"), "\(language)")
            }
            let openLine = try await browser.request(.get, "/quote_lines/\(moving)")
            #expect(openLine.body.contains("/quote_lines/\(moving)/edit"))

            let after = try await api.call(.get, "/api/v1/quote_lines/\(line)").object()
            #expect(after["version"] == before["version"] && after["quantity"] == before["quantity"])
            #expect(try await Self.ids(api.call(.get, "/api/v1/quote_lines?filter[quote_id]=\(quote)")) == [line])
        }
    }

    /// Deleting a deal takes its quotes, their lines and its contacts to the trash, even a
    /// superseded quote's final lines; restoring the deal brings them all back; a child
    /// cannot come back before its parent. Deleting an order takes its lines.
    @Test(arguments: Backend.available)
    func deletingAParentCascadesAndRestoringBringsThemBack(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            let person = try await api.create("people", #"{"given_name":"Bora","family_name":"Han"}"#).string("id") ?? ""
            let deal = try await api.create("deals", #"{"title":"Gone","pipeline_id":"\#(pipeline)","stage_id":"\#(stage["Proposal"]!)"}"#).string("id") ?? ""
            let quote = try await api.create("quotes", #"{"deal_id":"\#(deal)","currency":"KRW","status":"draft"}"#).string("id") ?? ""
            let line = try await api.create("quote_lines", #"{"quote_id":"\#(quote)","quantity":1,"unit_price":{"amount":"1000","currency":"KRW"}}"#).string("id") ?? ""
            #expect(try await api.call(.patch, "/api/v1/quotes/\(quote)", json: #"{"status":"superseded"}"#).status == .ok)
            let contact = try await api.create("deal_contacts", #"{"deal_id":"\#(deal)","person_id":"\#(person)","role":"champion"}"#).string("id") ?? ""
            let order = try await api.create("orders", #"{"ordered_on":"2026-11-02","status":"open","currency":"KRW"}"#).string("id") ?? ""
            let orderLine = try await api.create("order_lines", #"{"order_id":"\#(order)","quantity":2,"unit_price":{"amount":"500","currency":"KRW"}}"#).string("id") ?? ""

            #expect(try await api.call(.delete, "/api/v1/deals/\(deal)").status == .noContent)
            for path in ["deals/\(deal)", "quotes/\(quote)", "quote_lines/\(line)", "deal_contacts/\(contact)"] {
                #expect(try await api.call(.get, "/api/v1/\(path)").status == .notFound, "\(path)")
            }
            let store = RecordStore(db: api.db)
            let lines = try await store.type(named: "quote_lines"), deals = try await store.type(named: "deals")
            await #expect(throws: RecordError.conflict("Its quote is in the trash; restore that first.")) {
                _ = try await store.restore(lines, id: line, actor: .system)
            }
            _ = try await store.restore(deals, id: deal, actor: .system)
            for path in ["deals/\(deal)", "quotes/\(quote)", "quote_lines/\(line)", "deal_contacts/\(contact)"] {
                #expect(try await api.call(.get, "/api/v1/\(path)").status == .ok, "\(path)")
            }
            // The quote kept the totals of the lines it came back with.
            #expect(try await api.call(.get, "/api/v1/quotes/\(quote)").object()["total"]?.objectValue?.string("amount") == "1000")
            #expect(try await api.call(.delete, "/api/v1/orders/\(order)").status == .noContent)
            #expect(try await api.call(.get, "/api/v1/order_lines/\(orderLine)").status == .notFound)
            // A child deleted on its own does not come back with its parent.
            #expect(try await api.call(.delete, "/api/v1/deal_contacts/\(contact)").status == .noContent)
            #expect(try await api.call(.delete, "/api/v1/deals/\(deal)").status == .noContent)
            _ = try await store.restore(deals, id: deal, actor: .system)
            #expect(try await api.call(.get, "/api/v1/quotes/\(quote)").status == .ok)
            #expect(try await api.call(.get, "/api/v1/deal_contacts/\(contact)").status == .notFound)
        }
    }

    /// The other two deletion rules, on the same tables through a catalog that declares
    /// them: `refuse` keeps a parent with children, `detach` lets the children go on alone.
    @Test(arguments: Backend.available)
    func refuseAndDetachRules(_ backend: Backend) async throws {
        try await withAPI(backend) { api in
            let (pipeline, stage) = try await DealTests.stages(api)
            func catalog(_ deletion: ParentRule.Deletion) -> RecordCatalog {
                RecordCatalog(types: RecordCatalog.builtIn.types.map { type in
                    guard type.name == Quotes.type.name else { return type }
                    var copy = type
                    copy.parent?.onDelete = deletion
                    if let i = copy.fields.firstIndex(where: { $0.name == "deal_id" }) { copy.fields[i].required = false }
                    return copy
                })
            }
            let admin = Actor.system
            for deletion in [ParentRule.Deletion.refuse, .detach] {
                let store = RecordStore(db: api.db, catalog: catalog(deletion))
                let deals = try await store.type(named: "deals"), quotes = try await store.type(named: "quotes")
                let deal = try await store.create(deals, body: JSONObject([("title", .string("D")), ("pipeline_id", .string(pipeline)), ("stage_id", .string(stage["Lead"]!))]), actor: admin)
                let quote = try await store.create(quotes, body: JSONObject([("deal_id", .string(deal.id)), ("currency", .string("KRW")), ("status", .string("draft"))]), actor: admin)
                switch deletion {
                case .refuse:
                    await #expect(throws: RecordError.self) { try await store.delete(deals, id: deal.id, ifMatch: nil, actor: admin) }
                    #expect(try await store.get(deals, id: deal.id, actor: admin).id == deal.id)
                default:
                    try await store.delete(deals, id: deal.id, ifMatch: nil, actor: admin)
                    let kept = try await store.get(quotes, id: quote.id, actor: admin)
                    #expect(kept.fields["deal_id"]?.isNull == true)
                }
            }
        }
    }
}
