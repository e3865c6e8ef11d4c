import Foundation
import RapportKit
@testable import RapportServer
import Testing

/// Every record type, field, choice value and validation problem has a name in every page
/// language, and the Korean and Japanese names are translations, not English left behind.
@Suite struct RecordStringsTests {
    static let languages = ["en", "ko", "ja"]

    /// Keys whose Korean or Japanese text may correctly equal the English one. None today;
    /// add a key here only for a proper noun or code that is never translated.
    static let sameInEveryLanguage: Set<String> = []

    /// The tables that name record types, fields, choices and problems.
    static let tables: [any PageStringCatalog.Type] = [RecordStrings.self, CustomerStrings.self, SalesStrings.self, BoardStrings.self, ServiceStrings.self]

    static func catalog(_ language: String) -> [String: String] {
        PageStrings.catalogs[language] ?? [:]
    }

    /// The values a `.choice` or `.choices` field offers; none for other kinds.
    static func choiceValues(_ kind: FieldKind) -> [String] {
        switch kind {
        case .choice(let values), .choices(let values): return values
        default: return []
        }
    }

    @Test(arguments: PageStrings.tables.map { ObjectIdentifier($0) })
    func everyTableHasTheSameKeysAndNoEmptyValues(_ id: ObjectIdentifier) {
        let table = PageStrings.tables.first { ObjectIdentifier($0) == id }!
        let english = Set(table.en.keys)
        #expect(!english.isEmpty)
        for language in Self.languages {
            let catalog = table.strings(language)
            let keys = Set(catalog.keys)
            #expect(english.subtracting(keys).isEmpty, "\(language) lacks \(english.subtracting(keys).sorted())")
            #expect(keys.subtracting(english).isEmpty, "\(language) has extra \(keys.subtracting(english).sorted())")
            for (key, value) in catalog {
                #expect(!value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(language): \(key) is empty")
                // Names of types, fields and choices are shown as they are, never formatted.
                if ["type.", "field.", "choice.", "error."].contains(where: { key.hasPrefix($0) }) {
                    #expect(!value.contains("%@") && !value.contains("%d"), "\(language): \(key) has a placeholder")
                }
            }
        }
    }

    @Test func everyBuiltInTypeFieldAndChoiceHasAName() {
        for language in Self.languages {
            let catalog = Self.catalog(language)
            for type in RecordCatalog.builtIn.types {
                #expect(catalog["type.\(type.name)"] != nil, "\(language): type.\(type.name)")
                #expect(catalog["type.\(type.name).one"] != nil, "\(language): type.\(type.name).one")
                for field in type.fields {
                    #expect(catalog["field.\(field.name)"] != nil, "\(language): field.\(field.name) of \(type.name)")
                    for value in Self.choiceValues(field.kind) {
                        #expect(catalog["choice.\(field.name).\(value)"] != nil, "\(language): choice.\(field.name).\(value) of \(type.name)")
                    }
                }
            }
        }
    }

    @Test func everySystemFieldHasAName() {
        for language in Self.languages {
            let catalog = Self.catalog(language)
            for name in RecordType.systemFields {
                #expect(catalog["field.\(name)"] != nil, "\(language): field.\(name)")
            }
        }
    }

    @Test func koreanAndJapaneseAreTranslated() {
        for language in ["ko", "ja"] {
            let catalog = Self.catalog(language)
            for table in Self.tables {
            for (key, english) in table.en where !Self.sameInEveryLanguage.contains(key) {
                // Numbers and punctuation read the same in every language.
                let languageNeutral = english.allSatisfy { !$0.isLetter }
                if languageNeutral { continue }
                guard let translated = catalog[key] else { continue }
                #expect(translated != english, "\(language): \(key) is still English: \(english)")
            }
            }
        }
    }
}
