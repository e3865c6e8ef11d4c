import Foundation
import RapportKit
@testable import RapportServer
import Testing

/// The design system's rules that a test can hold: every text colour is readable on every
/// background in both themes, the icons pages use exist, and the navigation follows each
/// role's rights.
@Suite struct DesignSystemTests {
    @Test(arguments: ["light", "dark"])
    func textIsReadableOnEveryBackground(_ theme: String) throws {
        let colors = Dictionary(uniqueKeysWithValues: theme == "light" ? DesignTokens.light : DesignTokens.dark)
        for text in DesignTokens.textRoles {
            for background in DesignTokens.backgroundRoles {
                let ratio = try #require(ContrastRatio.between(colors[text]!, colors[background]!))
                #expect(ratio >= 4.5, "\(theme): \(text) on \(background) is \(ratio):1")
            }
        }
        let onAccent = try #require(ContrastRatio.between(colors["on-accent"]!, colors["accent"]!))
        #expect(onAccent >= 4.5, "\(theme): on-accent is \(onAccent):1")
        // Inputs' edges must be seen against the page and the field (WCAG 1.4.11: 3:1).
        let edge = try #require(ContrastRatio.between(colors["field-edge"]!, colors["surface"]!))
        #expect(edge >= 3, "\(theme): field edge is \(edge):1")
    }

    @Test func avatarInitialsAreReadable() throws {
        for color in DesignTokens.avatars {
            let ratio = try #require(ContrastRatio.between("#ffffff", color))
            #expect(ratio >= 4.5, "white on \(color) is \(ratio):1")
        }
    }

    @Test func everyIconAPageNamesIsInTheSprite() throws {
        var named = Set(RecordCatalog.builtIn.types.map(\.icon))
        named.formUnion(Navigation.links.map(\.icon))
        named.formUnion(RecordPages.quickKinds.map(RecordPages.icon))
        let inTemplates = try Regex(#"#([a-z]+)"/>"#)
        for (_, text) in PageRenderer.templateSets.flatMap({ $0.all }) {
            for match in text.matches(of: inTemplates) {
                named.insert(String(text[match.range].dropFirst().dropLast(3)))
            }
        }
        #expect(named.subtracting(Icons.shapes.keys).isEmpty, "missing icons: \(named.subtracting(Icons.shapes.keys).sorted())")
    }

    @Test func shortcutKeysAreDistinctAndSkipHomeAndSettings() {
        let keys = Navigation.shortcutKeys([("organizations", "organizations"), ("orders", "orders"), ("people", "people"), ("pipelines", "pipelines"), ("home2", "home"), ("settings2", "settings")])
        #expect(keys["organizations"] == "o" && keys["orders"] == "r" && keys["people"] == "p" && keys["pipelines"] == "i")
        #expect(!keys.values.contains("h") && !keys.values.contains("s"))
        // "home" after o, r, p and i are taken: its first free letter is m; "settings" then e.
        #expect(keys["home2"] == "m" && keys["settings2"] == "e")
        #expect(Set(keys.values).count == keys.count)
    }

    @Test func stylesAndScriptsStayUnderTheirBudget() {
        #expect(Assets.css.utf8.count + Assets.js.utf8.count + Icons.sprite.utf8.count < 100_000)
    }
}
