/// Our own company as the seller printed on quotes and orders: one settings record, so
/// every instance reads the same identity, and its country decides the tax rounding a
/// new document takes (``TaxRounding/defaultFor(sellerCountry:)``).
public struct CompanyProfile: Sendable, Equatable {
    public var legalName: String?
    public var country: String?
    public var address: String?
    public var taxNumber: String?
    public var currency: String?

    public init(legalName: String? = nil, country: String? = nil, address: String? = nil, taxNumber: String? = nil, currency: String? = nil) {
        self.legalName = legalName
        self.country = country
        self.address = address
        self.taxNumber = taxNumber
        self.currency = currency
    }

    /// The fields as the API and the database name them, checked with the same field kinds
    /// records use, so a country here is validated like a country on an organization.
    public static let fields: [FieldSpec] = [
        FieldSpec("legal_name", .text(maxLength: 200)),
        FieldSpec("country", .country),
        FieldSpec("address", .longText),
        FieldSpec("tax_number", .text(maxLength: 40)),
        FieldSpec("currency", .text(maxLength: 3)),
    ]

    public var json: JSONObject {
        func v(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }
        return JSONObject([("legal_name", v(legalName)), ("country", v(country)), ("address", v(address)),
                           ("tax_number", v(taxNumber)), ("currency", v(currency))])
    }

    /// The profile a full replacement describes, or every field that is wrong: unknown
    /// names, a country that is not ISO 3166, a currency that is not ISO 4217, a tax
    /// number that does not follow the country's format and check digit.
    public static func parse(_ body: JSONObject) -> Result<CompanyProfile, RecordError> {
        var errors: [FieldError] = []
        var values: [String: String] = [:]
        for key in body.keys where !fields.contains(where: { $0.name == key }) {
            errors.append(FieldError(field: key, code: "unknown_field", message: "Company settings have \(fields.map(\.name).joined(separator: ", "))."))
        }
        for field in fields {
            guard let value = body[field.name], !value.isNull else { continue }
            switch FieldValidator.canonical(value, for: field) {
            case .success(let canonical): if let s = canonical.stringValue { values[field.name] = s }
            case .failure(let error): errors.append(error)
            }
        }
        if let code = values["currency"] {
            if let currency = Currency.named(code) { values["currency"] = currency.code } else {
                errors.append(FieldError(field: "currency", code: "invalid_currency", message: "An ISO 4217 currency code such as KRW, JPY or USD."))
            }
        }
        if let number = values["tax_number"], !errors.contains(where: { $0.field == "country" }) {
            if let canonical = TaxRegistrationNumber.canonical(number, country: values["country"]) { values["tax_number"] = canonical } else {
                errors.append(FieldError(field: "tax_number", code: "invalid_tax_number", message: TaxRegistrationNumber.expected(country: values["country"])))
            }
        }
        if !errors.isEmpty { return .failure(.invalid(errors)) }
        return .success(CompanyProfile(legalName: values["legal_name"], country: values["country"], address: values["address"],
                                       taxNumber: values["tax_number"], currency: values["currency"]))
    }
}
