import Foundation
import RapportKit
@testable import RapportServer
import Testing

/// Every word of every page exists in every language.
@Suite struct PageStringsTests {
    @Test func catalogsHaveTheSameKeys() {
        let english = Set(PageStrings.catalogs["en"]!.keys)
        for language in PageStrings.languages {
            let keys = Set(PageStrings.catalogs[language]?.keys ?? [:].keys)
            #expect(keys == english, "\(language): missing \(english.subtracting(keys).sorted()), extra \(keys.subtracting(english).sorted())")
            #expect(PageStrings.catalogs[language]!.values.allSatisfy { !$0.isEmpty })
        }
    }

    /// Each domain keeps its own table; a key in two tables would let one domain's word
    /// silently replace another's.
    @Test func noKeyIsDefinedByTwoTables() {
        var owner: [String: String] = [:]
        for table in PageStrings.tables {
            for key in table.en.keys {
                #expect(owner[key] == nil, "\(key) is in \(owner[key] ?? "") and \(table)")
                owner[key] = "\(table)"
            }
        }
    }

    @Test func noTemplateNameIsUsedByTwoSets() {
        var owner: [String: String] = [:]
        for set in PageRenderer.templateSets {
            for name in set.all.keys {
                #expect(owner[name] == nil, "\(name) is in \(owner[name] ?? "") and \(set)")
                owner[name] = "\(set)"
            }
        }
    }

    @Test func templatesUseOnlyKnownKeys() throws {
        let english = PageStrings.catalogs["en"]!
        let pattern = try Regex(#"\{\{\s*t\.([a-z_]+)\s*\}\}"#)
        for (name, text) in PageRenderer.templateSets.flatMap({ $0.all }) {
            for match in text.matches(of: pattern) {
                let key = String(text[match.range].dropFirst(2).dropLast(2)).trimmingCharacters(in: .whitespaces).dropFirst(2)
                #expect(english[String(key)] != nil, "\(name) uses t.\(key)")
            }
        }
        for role in Role.builtIn.map(\.name) {
            #expect(english["role_\(role)"] != nil)
        }
    }

    /// Templates hold markup and placeholders only: any run of letters between tags is text
    /// that would stay English on a Korean page.
    @Test func templatesHoldNoText() throws {
        let between = try Regex(#">([^<]*[A-Za-z][^<]*)<"#)
        for (name, text) in PageRenderer.templateSets.flatMap({ $0.all }) {
            // Keys on a keyboard (<kbd>) and the brand's mark read the same in every language.
            let stripped = text.replacing(try Regex(#"<style>[\s\S]*?</style>"#), with: "").replacing(try Regex(#"\{\{[^}]*\}\}"#), with: "")
                .replacing(try Regex(#"<kbd>[^<]*</kbd>"#), with: "").replacing(try Regex(#"<span class="mark" aria-hidden="true">R</span>"#), with: "")
            for match in stripped.matches(of: between) {
                let piece = String(stripped[match.range]).dropFirst().dropLast().trimmingCharacters(in: .whitespacesAndNewlines)
                #expect(piece.isEmpty || piece.hasPrefix(":") || piece == "·", "\(name): \"\(piece)\"")
            }
        }
    }

    @Test(arguments: [
        ("ko-KR,ko;q=0.9,en;q=0.8", "ko"), ("ja", "ja"), ("fr-FR, en;q=0.5", "en"), ("de", "en"),
        ("en;q=0.2, ja;q=0.9", "ja"), ("", "en"), ("ko;q=0", "en"),
    ])
    func acceptLanguage(_ header: String, _ expected: String) {
        #expect(PageStrings.language(acceptLanguage: header) == expected)
    }
}

@Suite struct AssetTests {
    /// No page loads more than 100 KB of CSS and JavaScript: there is one of each.
    @Test func stylesAndScriptsStaySmall() {
        #expect(Assets.css.utf8.count + Assets.js.utf8.count < 100_000)
        #expect(Assets.cssPath.hasPrefix("/assets/app-") && Assets.cssPath.hasSuffix(".css"))
    }
}
