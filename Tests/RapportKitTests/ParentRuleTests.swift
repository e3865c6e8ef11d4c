import Testing
@testable import RapportKit

private func viewer(_ grants: [String: Grant], user: String = "u1", team: Set<String> = ["u2"]) -> Viewer {
    Viewer(userID: user, role: Role(name: "custom", label: "Custom", grants: grants), teamMembers: team)
}

/// A child's visibility is its role's ownership rule joined with its parent's, down the
/// chain (a quote line's quote, that quote's deal); the same rule admits or refuses a
/// record without a database.
@Suite struct ParentRuleTests {
    @Test func theSalesChildrenDeclareTheirParents() {
        #expect(QuoteLines.type.parent?.type == "quotes" && QuoteLines.type.parent?.field == "quote_id")
        #expect(OrderLines.type.parent?.type == "orders" && OrderLines.type.parent?.field == "order_id")
        #expect(DealContacts.type.parent?.type == "deals" && DealContacts.type.parent?.field == "deal_id")
        #expect(Quotes.type.parent?.type == "deals" && Quotes.type.parent?.field == "deal_id")
        // Every declared parent is a reference to the parent's type, in the catalog.
        for type in RecordCatalog.builtIn.types {
            guard let parent = type.parent else { continue }
            #expect(RecordCatalog.builtIn[parent.type] != nil, "\(type.name)")
            guard case .reference(let target) = type.field(parent.field)?.kind else {
                Issue.record("\(type.name).\(parent.field) is not a reference")
                continue
            }
            #expect(target == parent.type)
        }
    }

    @Test func aQuoteLineIsFinalWithItsQuote() throws {
        let rule = try #require(QuoteLines.type.parent)
        for open in ["draft", "sent", "rejected", "expired"] { #expect(rule.finalError(parentState: open) == nil) }
        #expect(rule.finalError(parentState: nil) == nil)
        let accepted = try #require(rule.finalError(parentState: "accepted"))
        #expect(accepted.field == "quote_id" && accepted.code == "final")
        #expect(accepted.message.contains("accepted"))
        let superseded = try #require(rule.finalError(parentState: "superseded"))
        #expect(superseded.message.contains("newer version"))
        // The other children have no final state.
        #expect(OrderLines.type.parent?.finalError(parentState: "accepted") == nil)
    }

    @Test func anAllSeeingRoleNeedsNoRule() {
        #expect(viewer(["*": Grant([.read], visibility: .all)]).visibility(QuoteLines.type, in: .builtIn) == nil)
    }

    @Test func aChildRuleJoinsEveryParentOnTheWayUp() {
        let v = viewer(["*": Grant([.read], visibility: .all), "deals": Grant([.read], visibility: .own), "quote_lines": Grant([.read], visibility: .team)])
        let rule = v.visibility(QuoteLines.type, in: .builtIn)
        #expect(rule == .all([.owners(["u1", "u2"]), .parent(field: "quote_id", type: "quotes", rule: .parent(field: "deal_id", type: "deals", rule: .owners(["u1"])))]))
    }

    @Test func aRoleThatCannotReadTheParentSeesNoChildOfOne() {
        let v = viewer(["*": Grant([.read], visibility: .all), "orders": Grant([], visibility: .all)])
        #expect(v.visibility(OrderLines.type, in: .builtIn) == .noParent(field: "order_id"))
        #expect(!VisibilityRule.noParent(field: "order_id").admits(VisibleRecord(ownerID: "u1", parents: ["order_id": VisibleRecord(ownerID: "u1")])))
    }

    /// For every combination of grants on deals, quotes and lines and every owner of a
    /// deal, a line is admitted exactly when the role admits the line itself and its quote
    /// and deal are admitted by theirs.
    @Test func aLineIsSeenExactlyWithItsQuoteAndDeal() {
        let users = ["u1", "u2", "u3"]
        for d in Visibility.allCases {
            for q in Visibility.allCases {
                for l in Visibility.allCases {
                    let v = viewer(["*": Grant([.read]), "deals": Grant([.read], visibility: d), "quotes": Grant([.read], visibility: q), "quote_lines": Grant([.read], visibility: l)])
                    let rule = v.visibility(QuoteLines.type, in: .builtIn)
                    for owner in users {
                        let deal = VisibleRecord(ownerID: owner)
                        let quote = VisibleRecord(ownerID: owner, parents: ["deal_id": deal])
                        let line = VisibleRecord(ownerID: owner, parents: ["quote_id": quote])
                        func sees(_ visibility: Visibility) -> Bool {
                            switch visibility {
                            case .all: return true
                            case .team: return owner != "u3"
                            case .own: return owner == "u1"
                            // Quotes are never shared with partner users.
                            case .partnership: return false
                            }
                        }
                        #expect((rule?.admits(line) ?? true) == (sees(d) && sees(q) && sees(l)), "\(d) \(q) \(l) \(owner)")
                    }
                    // A line naming a quote that does not exist is never admitted by a rule
                    // that looks at its parents.
                    if let rule, d != .all || q != .all { #expect(!rule.admits(VisibleRecord(ownerID: "u1", parents: ["quote_id": VisibleRecord?.none]))) }
                }
            }
        }
    }

    @Test func rulesJoinWithoutNesting() {
        let a = VisibilityRule.owners(["u1"]), b = VisibilityRule.noParent(field: "x"), c = VisibilityRule.owners(["u2"])
        #expect(VisibilityRule.both(nil, a) == a)
        #expect(VisibilityRule.both(a, nil) == a)
        #expect(VisibilityRule.both(nil, nil) == nil)
        #expect(VisibilityRule.both(.all([a, b]), c) == .all([a, b, c]))
        #expect(!VisibilityRule.all([a, c]).admits(VisibleRecord(ownerID: "u1")))
    }
}
