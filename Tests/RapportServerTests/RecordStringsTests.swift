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

    static func catalog(_ language: String) -> [String: String] {
        RecordStrings.catalogs[language] ?? [:]
    }

    /// The values a `.choice` or `.choices` field offers; none for other kinds.
    static func choiceValues(_ kind: FieldKind) -> [String] {
        switch kind {
        case .choice(let values), .choices(let values): return values
        default: return []
        }
    }

    @Test func catalogsHaveTheSameKeysAndNoEmptyValues() {
        let english = Set(RecordStrings.en.keys)
        #expect(!english.isEmpty)
        #expect(Set(RecordStrings.catalogs.keys) == Set(Self.languages))
        for language in Self.languages {
            let catalog = Self.catalog(language)
            let keys = Set(catalog.keys)
            #expect(english.subtracting(keys).isEmpty, "\(language) lacks \(english.subtracting(keys).sorted())")
            #expect(keys.subtracting(english).isEmpty, "\(language) has extra \(keys.subtracting(english).sorted())")
            for (key, value) in catalog {
                #expect(!value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(language): \(key) is empty")
                #expect(!value.contains("%@") && !value.contains("%d"), "\(language): \(key) has a placeholder")
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
            for (key, english) in RecordStrings.en where !Self.sameInEveryLanguage.contains(key) {
                // Numbers and punctuation read the same in every language.
                let languageNeutral = english.allSatisfy { $0.isASCII && ($0.isNumber || $0.isPunctuation || $0.isSymbol || $0.isWhitespace) }
                if languageNeutral { continue }
                guard let translated = catalog[key] else { continue }
                #expect(translated != english, "\(language): \(key) is still English: \(english)")
            }
        }
    }
}
