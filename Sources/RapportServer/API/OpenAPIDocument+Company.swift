import RapportKit

/// The company settings part of the OpenAPI document: the seller's identity.
extension OpenAPIDocument {
    static func companySchemas() -> [(String, JSONValue)] {
        [
            ("CompanySettings", obj([
                ("type", .string("object")), ("additionalProperties", .bool(false)),
                ("properties", obj([
                    ("legal_name", nullable(obj([("type", .string("string")), ("maxLength", .number("200"))]))),
                    ("country", nullable(obj([("type", .string("string")), ("description", .string("ISO 3166 code; JP makes new quotes and orders round tax per rate."))]))),
                    ("address", nullable(str())),
                    ("tax_number", nullable(obj([("type", .string("string")), ("description", .string("Checked for the country: JP is T and 13 digits with the corporate number check digit; KR is the 10-digit business registration number with its check digit."))]))),
                    ("currency", nullable(obj([("type", .string("string")), ("description", .string("ISO 4217 code"))]))),
                ])),
            ])),
        ]
    }

    static func companyPaths() -> [(String, JSONValue)] {
        [
            ("/api/v1/settings/company", obj([
                ("get", operation("getCompanySettings", "The seller's identity printed on quotes (every signed-in user)", tag: "settings",
                                  responses: [("200", jsonResponse("The company settings", ref("CompanySettings")))])),
                ("put", operation("replaceCompanySettings", "Replace the seller's identity; a field left out is cleared (admins)", tag: "settings",
                                  body: ref("CompanySettings"),
                                  responses: [("200", jsonResponse("Saved", ref("CompanySettings"))), ("403", problem("Not an admin")), ("422", problem("Invalid"))])),
            ])),
        ]
    }
}
