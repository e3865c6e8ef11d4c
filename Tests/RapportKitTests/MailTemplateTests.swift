import RapportKit
import Testing

/// Merge fields in the three languages, with the fallbacks a greeting needs.
@Suite struct MailTemplateTests {
    @Test(arguments: [
        ("{{person.name}}님, 안녕하세요.", ["person.name": "김보경"], "김보경님, 안녕하세요."),
        ("{{person.name|고객}}님, 안녕하세요.", [:], "고객님, 안녕하세요."),
        ("{{ person.name | ご担当者 }}様", ["person.name": "  "], "ご担当者様"),
        ("Dear {{person.name|customer}}, about {{deal.name}}:", ["person.name": "Ada", "deal.name": "Seats"], "Dear Ada, about Seats:"),
        ("{{organization.name}}", [:], ""),
        ("{{unknown.field}} and {{person.name}}", ["person.name": "Ada"], "{{unknown.field}} and Ada"),
        ("unclosed {{person.name", ["person.name": "Ada"], "unclosed {{person.name"),
        ("{{user.name}}{{user.name}}", ["user.name": "田中"], "田中田中"),
        ("", [:], ""),
    ])
    func renders(_ template: String, _ values: [String: String], _ expected: String) {
        #expect(MailTemplate.render(template, values: values) == expected)
    }

    /// A value is inserted as written, never read as a template itself.
    @Test func valuesAreNotExpandedAgain() {
        #expect(MailTemplate.render("{{person.name}}", values: ["person.name": "{{user.name}}", "user.name": "x"]) == "{{user.name}}")
    }
}
