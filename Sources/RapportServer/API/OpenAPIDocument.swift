import RapportKit

/// Builds the OpenAPI 3.1 document from the record descriptions (custom fields included),
/// so the API reference cannot drift from what the server does.
enum OpenAPIDocument {
    static func build(types: [RecordType], version: String) -> JSONValue {
        var paths = JSONObject()
        var schemas = JSONObject()
        schemas["FieldError"] = obj([
            ("type", .string("object")), ("required", strings(["field", "code", "message"])),
            ("properties", obj([("field", str()), ("code", str()), ("message", str())])),
        ])
        schemas["Problem"] = obj([
            ("type", .string("object")), ("required", strings(["title", "status", "detail", "errors"])),
            ("properties", obj([
                ("type", str()), ("title", str()), ("status", obj([("type", .string("integer"))])), ("detail", str()),
                ("instance", str()), ("request_id", str()), ("existing_id", str()), ("current_version", obj([("type", .string("integer"))])),
                ("errors", obj([("type", .string("array")), ("items", ref("FieldError"))])),
            ])),
        ])
        schemas["Money"] = obj([
            ("type", .string("object")), ("required", strings(["amount", "currency"])), ("additionalProperties", .bool(false)),
            ("properties", obj([
                ("amount", obj([
                    ("type", .string("string")), ("pattern", .string("^-?[0-9]+(\\.[0-9]+)?$")), ("examples", strings(["1200.50"])),
                    ("description", .string("A decimal string, never a JSON number (a number is refused with 422). At most the currency's minor-unit decimals; "
                        + "from -\(Money.limit) to \(Money.limit) minor units (±10,000,000,000,000.00 USD, ±1,000,000,000,000,000 KRW); beyond is 422 out_of_range.")),
                ])),
                ("currency", obj([("type", .string("string")), ("enum", strings(Currency.all.map(\.code)))])),
            ])),
        ])
        schemas["Email"] = obj([
            ("type", .string("object")), ("required", strings(["address"])), ("additionalProperties", .bool(false)),
            ("properties", obj([("address", obj([("type", .string("string")), ("format", .string("email"))])), ("primary", obj([("type", .string("boolean"))]))])),
        ])
        schemas["Phone"] = obj([
            ("type", .string("object")), ("required", strings(["number"])), ("additionalProperties", .bool(false)),
            ("properties", obj([("number", str()), ("kind", obj([("type", .string("string")), ("enum", strings(FieldValidator.phoneKinds))]))])),
        ])
        schemas["Link"] = obj([
            ("type", .string("object")), ("required", strings(["type", "id"])), ("additionalProperties", .bool(false)),
            ("properties", obj([("type", obj([("type", .string("string")), ("enum", strings(types.map(\.name)))])), ("id", uuid())])),
        ])
        schemas["CustomField"] = obj([
            ("type", .string("object")),
            ("properties", obj([
                ("id", uuid()), ("record_type", str()), ("name", str()), ("label", str()),
                ("kind", obj([("type", .string("string")), ("enum", strings(FieldKind.customFieldKinds))])),
                ("options", obj([("type", .string("array")), ("items", str())])), ("required", obj([("type", .string("boolean"))])),
                ("sensitive", obj([("type", .string("boolean"))])), ("created_at", dateTime()),
            ])),
        ])
        for type in types {
            let name = schemaName(type)
            var props = JSONObject()
            props["id"] = uuid()
            for f in type.fields { props[f.name] = nullable(schema(for: f, input: false)) }
            if type.hasOwner { props["owner_id"] = nullable(uuid()) }
            props["created_at"] = dateTime()
            props["updated_at"] = dateTime()
            props["created_by"] = nullable(uuid())
            props["updated_by"] = nullable(uuid())
            props["version"] = obj([("type", .string("integer")), ("minimum", .number("1"))])
            schemas[name] = obj([("type", .string("object")), ("properties", .object(props))])
            var input = JSONObject()
            for f in type.fields where !f.isDerived { input[f.name] = f.required ? schema(for: f, input: true) : nullable(schema(for: f, input: true)) }
            if type.hasOwner { input["owner_id"] = uuid() }
            schemas[name + "Input"] = obj([
                ("type", .string("object")), ("additionalProperties", .bool(false)), ("properties", .object(input)),
                ("required", strings(type.fields.filter(\.required).map(\.name))),
            ])
            schemas[name + "Patch"] = obj([("type", .string("object")), ("additionalProperties", .bool(false)), ("properties", .object(input))])
            schemas[name + "List"] = obj([
                ("type", .string("object")), ("required", strings(["data", "next_cursor"])),
                ("properties", obj([("data", obj([("type", .string("array")), ("items", ref(name))])), ("next_cursor", nullable(str()))])),
            ])
            paths["/api/v1/\(type.name)"] = obj([
                ("get", operation("list\(name)", "List \(type.name)", tag: type.name, parameters: listParameters(type), responses: [("200", jsonResponse("A page of \(type.name)", ref(name + "List")))])),
                ("post", operation("create\(name)", "Create a \(type.singular)", tag: type.name, body: ref(name + "Input"), responses: [
                    ("201", jsonResponse("Created", ref(name), etag: true)), ("409", problem("Duplicate")), ("422", problem("Invalid fields")),
                ])),
            ])
            let idParam = obj([("name", .string("id")), ("in", .string("path")), ("required", .bool(true)), ("schema", uuid())])
            let ifMatch = obj([
                ("name", .string("If-Match")), ("in", .string("header")), ("required", .bool(false)),
                ("schema", obj([("type", .string("string")), ("pattern", .string(#"^(\*|(W/)?"[1-9][0-9]{0,17}")$"#))])),
                ("description", .string("The ETag of the version you read (\"3\"), or *; 412 when stale, 400 when not an ETag.")),
            ])
            paths["/api/v1/\(type.name)/{id}"] = obj([
                ("get", operation("get\(name)", "Read a \(type.singular)", tag: type.name, parameters: [idParam], responses: [("200", jsonResponse("The \(type.singular)", ref(name), etag: true)), ("404", problem("Not found"))])),
                ("patch", operation("update\(name)", "Change fields of a \(type.singular)", tag: type.name, parameters: [idParam, ifMatch], body: ref(name + "Patch"), responses: [
                    ("200", jsonResponse("Updated", ref(name), etag: true)), ("404", problem("Not found")), ("409", problem("Duplicate")), ("412", problem("Stale version")), ("422", problem("Invalid fields")),
                ])),
                ("delete", operation("delete\(name)", "Move a \(type.singular) to the trash", tag: type.name, parameters: [idParam, ifMatch], responses: [
                    ("204", obj([("description", .string("Deleted"))])), ("404", problem("Not found")), ("412", problem("Stale version")),
                ])),
            ])
            let cursorParams = [
                obj([("name", .string("limit")), ("in", .string("query")), ("schema", obj([("type", .string("integer")), ("minimum", .number("1")), ("maximum", .number(String(ListQuery.maxLimit)))]))]),
                obj([("name", .string("cursor")), ("in", .string("query")), ("schema", obj([("type", .string("string")), ("minLength", .number("1"))]))]),
            ]
            paths["/api/v1/\(type.name)/{id}/timeline"] = obj([
                ("get", operation("timeline\(name)", "Activities and changes of a \(type.singular), newest first", tag: type.name, parameters: [idParam] + cursorParams, responses: [
                    ("200", jsonResponse("A page of timeline entries", obj([
                        ("type", .string("object")),
                        ("properties", obj([("data", obj([("type", .string("array")), ("items", obj([("type", .string("object"))]))])), ("next_cursor", nullable(str()))])),
                    ]))), ("404", problem("Not found")),
                ])),
            ])
            paths["/api/v1/\(type.name)/merge"] = obj([
                ("post", operation("merge\(name)", "Merge a duplicate \(type.singular) into another", tag: type.name, body: obj([
                    ("type", .string("object")), ("required", strings(["survivor_id", "duplicate_id"])), ("additionalProperties", .bool(false)),
                    ("properties", obj([("survivor_id", uuid()), ("duplicate_id", uuid()), ("fields", mergeFields(type))])),
                ]), responses: [("200", jsonResponse("The surviving record", ref(name), etag: true)), ("404", problem("Not found")), ("422", problem("Invalid"))])),
            ])
            let flag = obj([("type", .string("string")), ("enum", strings(["true", "false"]))])
            paths["/api/v1/\(type.name)/import"] = obj([
                ("post", obj([
                    ("operationId", .string("import\(name)")), ("summary", .string("Import \(type.name) from CSV (one transaction; bad rows reported and left out)")),
                    ("tags", strings([type.name])),
                    ("parameters", .array([
                        obj([("name", .string("on_duplicate")), ("in", .string("query")), ("schema", obj([("type", .string("string")), ("enum", strings(["skip", "update"]))]))]),
                        obj([("name", .string("dry_run")), ("in", .string("query")), ("schema", flag)]),
                        obj([("name", .string("strict")), ("in", .string("query")), ("schema", flag)]),
                    ])),
                    ("requestBody", obj([("required", .bool(true)), ("content", obj([("text/csv", obj([("schema", str())]))]))])),
                    ("responses", obj([
                        ("200", jsonResponse("Import summary", obj([("type", .string("object"))]))),
                        ("400", problem("Not valid CSV")), ("401", problem("Missing or unknown token")),
                        ("413", problem("File too large")), ("415", problem("Not text/csv")), ("422", problem("Unmapped columns, or invalid rows in strict mode")),
                    ])),
                ])),
            ])
            paths["/api/v1/\(type.name)/export"] = obj([
                ("get", operation("export\(name)", "Export all \(type.name)", tag: type.name, parameters: [
                    obj([("name", .string("format")), ("in", .string("query")), ("schema", obj([("type", .string("string")), ("enum", strings(["csv", "jsonl"]))]))]),
                ], responses: [("200", obj([("description", .string("CSV or JSON Lines")), ("content", obj([
                    ("text/csv", obj([("schema", str())])), ("application/x-ndjson", obj([("schema", str())])),
                ]))]))])),
            ])
        }
        paths["/api/v1/fields"] = obj([
            ("get", operation("listFields", "List custom fields", tag: "fields", parameters: [
                obj([("name", .string("record_type")), ("in", .string("query")), ("schema", str())]),
            ], responses: [("200", jsonResponse("Custom fields", obj([("type", .string("object")), ("properties", obj([("data", obj([("type", .string("array")), ("items", ref("CustomField"))]))]))])))])),
            ("post", operation("createField", "Add a custom field (admins)", tag: "fields", body: obj([
                ("type", .string("object")), ("required", strings(["record_type", "name", "kind"])),
                ("properties", obj([("record_type", str()), ("name", str()), ("label", str()), ("kind", obj([("type", .string("string")), ("enum", strings(FieldKind.customFieldKinds))])),
                    ("options", obj([("type", .string("array")), ("items", str())])), ("required", obj([("type", .string("boolean"))])), ("sensitive", obj([("type", .string("boolean"))]))])),
            ]), responses: [("201", jsonResponse("Created", ref("CustomField"))), ("409", problem("Duplicate")), ("422", problem("Invalid"))])),
        ])
        paths["/api/v1/fields/{id}"] = obj([
            ("delete", operation("deleteField", "Remove a custom field (admins)", tag: "fields", parameters: [
                obj([("name", .string("id")), ("in", .string("path")), ("required", .bool(true)), ("schema", uuid())]),
            ], responses: [("204", obj([("description", .string("Removed"))])), ("404", problem("Not found"))])),
        ])
        for (path, item) in accessPaths(types: types) { paths[path] = item }
        for (name, schema) in accessSchemas(types: types) { schemas[name] = schema }
        for (path, item) in jobPaths() { paths[path] = item }
        for (name, schema) in jobSchemas() { schemas[name] = schema }
        for (path, item) in notificationPaths() { paths[path] = item }
        for (name, schema) in notificationSchemas() { schemas[name] = schema }
        for (path, item) in servicePaths() { paths[path] = item }
        for (name, schema) in serviceSchemas() { schemas[name] = schema }
        for (path, item) in companyPaths() { paths[path] = item }
        for (name, schema) in companySchemas() { schemas[name] = schema }
        for (path, item) in mailPaths() { paths[path] = item }
        for (name, schema) in mailSchemas() { schemas[name] = schema }
        for (path, item) in attachmentPaths(types: types) { paths[path] = item }
        for (name, schema) in attachmentSchemas() { schemas[name] = schema }
        paths["/healthz"] = obj([
            ("get", obj([
                ("operationId", .string("health")), ("summary", .string("Answers when the database answers")), ("security", .array([])),
                ("responses", obj([("200", obj([("description", .string("Healthy"))])), ("503", obj([("description", .string("Database unavailable"))]))])),
            ])),
        ])
        return obj([
            ("openapi", .string("3.1.0")),
            ("info", obj([
                ("title", .string("Rapport API")), ("version", .string(version)),
                ("description", .string("Every relationship a company has, in one place. Errors are application/problem+json (RFC 9457).")),
            ])),
            ("servers", .array([obj([("url", .string("/"))])])),
            ("security", .array([obj([("bearer", .array([]))]), obj([("session", .array([]))])])),
            ("paths", .object(paths)),
            ("components", obj([
                ("schemas", .object(schemas)),
                ("securitySchemes", obj([
                    ("bearer", obj([("type", .string("http")), ("scheme", .string("bearer"))])),
                    ("session", obj([
                        ("type", .string("apiKey")), ("in", .string("cookie")), ("name", .string("rapport_session")),
                        ("description", .string("The page session; requests that change data also send X-CSRF-Token.")),
                    ])),
                ])),
            ])),
        ])
    }

    static func schemaName(_ type: RecordType) -> String {
        type.singular.split(whereSeparator: { $0 == "_" || $0 == " " }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    static func schema(for field: FieldSpec, input: Bool) -> JSONValue {
        var s: JSONValue
        switch field.kind {
        case .text(let max): s = obj([("type", .string("string")), ("maxLength", .number(String(max)))])
        case .longText: s = obj([("type", .string("string")), ("maxLength", .number(String(FieldValidator.longTextLimit)))])
        case .emails:
            s = obj([("type", .string("array")), ("items", input ? obj([("anyOf", .array([obj([("type", .string("string")), ("format", .string("email"))]), ref("Email")]))]) : ref("Email"))])
        case .phones:
            s = obj([("type", .string("array")), ("items", input ? obj([("anyOf", .array([str(), ref("Phone")]))]) : ref("Phone"))])
        case .url: s = obj([("type", .string("string")), ("format", .string("uri"))])
        case .domain: s = obj([("type", .string("string")), ("examples", strings(["example.com"]))])
        case .number: s = input ? obj([("type", .array([.string("number"), .string("string")]))]) : obj([("type", .string("number"))])
        case .date: s = obj([("type", .string("string")), ("format", .string("date"))])
        case .month: s = obj([("type", .string("string")), ("pattern", .string("^[0-9]{4}-(0[1-9]|1[0-2])$"))])
        case .dateTime: s = dateTime()
        case .boolean: s = obj([("type", .string("boolean"))])
        case .choice(let options): s = obj([("type", .string("string")), ("enum", strings(options))])
        case .choices(let options): s = obj([("type", .string("array")), ("items", obj([("type", .string("string")), ("enum", strings(options))]))])
        case .money: s = ref("Money")
        case .reference, .user, .team: s = uuid()
        case .references: s = obj([("type", .string("array")), ("items", uuid())])
        case .links: s = obj([("type", .string("array")), ("items", ref("Link"))])
        case .tags: s = obj([("type", .string("array")), ("items", obj([("type", .string("string")), ("maxLength", .number("50"))]))])
        case .country: s = obj([("type", .string("string")), ("pattern", .string("^[A-Za-z]{2}$"))])
        case .language: s = obj([("type", .string("string")), ("examples", strings(["ko", "ja-JP", "en"]))])
        case .timeZone: s = obj([("type", .string("string")), ("examples", strings(["Asia/Seoul"]))])
        }
        if var o = s.objectValue {
            if field.kind.isList { o["maxItems"] = .number(String(FieldValidator.maxListItems)) }
            o["title"] = .string(field.label)
            s = .object(o)
        }
        return s
    }

    static func listParameters(_ type: RecordType) -> [JSONValue] {
        var out: [JSONValue] = [
            obj([("name", .string("q")), ("in", .string("query")), ("description", .string("Search names, readings, emails, phones and linked organizations; Korean and Japanese from two characters.")), ("schema", str())]),
            obj([("name", .string("sort")), ("in", .string("query")), ("description", .string("Field to sort by; prefix with - for descending.")), ("schema", str())]),
            obj([("name", .string("limit")), ("in", .string("query")), ("schema", obj([("type", .string("integer")), ("minimum", .number("1")), ("maximum", .number(String(ListQuery.maxLimit))), ("default", .number(String(ListQuery.defaultLimit)))]))]),
            obj([("name", .string("cursor")), ("in", .string("query")), ("schema", obj([("type", .string("string")), ("minLength", .number("1"))]))]),
        ]
        for field in type.fields where field.kind != .longText && field.kind != .phones {
            out.append(obj([("name", .string("filter[\(field.name)]")), ("in", .string("query")), ("schema", str()),
                            ("description", .string("Equals; also filter[\(field.name)][ne|gte|lte|in]. An empty value means empty: filter[\(field.name)]= finds records without it, [ne]= those with it, an empty item of [in] adds those without it; [gte]= and [lte]= need a value (400).")) ]))
        }
        return out
    }

    static func operation(_ id: String, _ summary: String, tag: String, parameters: [JSONValue] = [], body: JSONValue? = nil, responses: [(String, JSONValue)]) -> JSONValue {
        var o = JSONObject()
        o["operationId"] = .string(id)
        o["summary"] = .string(summary)
        o["tags"] = strings([tag])
        if !parameters.isEmpty { o["parameters"] = .array(parameters) }
        if let body {
            o["requestBody"] = obj([("required", .bool(true)), ("content", obj([("application/json", obj([("schema", body)]))]))])
        }
        var r = JSONObject()
        for (code, value) in responses { r[code] = value }
        r["400"] = problem("Malformed request")
        r["401"] = problem("Missing or unknown token")
        r["403"] = problem("Not allowed for this role or token scope")
        // Any request may meet a database that is restarting or busy: a 503 with
        // Retry-After, never a 500.
        r["503"] = problem("The database is unavailable or busy; retry after the Retry-After seconds")
        o["responses"] = .object(r)
        return .object(o)
    }

    static func jsonResponse(_ description: String, _ schema: JSONValue, etag: Bool = false) -> JSONValue {
        var o = JSONObject([("description", .string(description)), ("content", obj([("application/json", obj([("schema", schema)]))]))])
        if etag { o["headers"] = obj([("ETag", obj([("schema", str())]))]) }
        return .object(o)
    }

    static func problem(_ description: String) -> JSONValue {
        obj([("description", .string(description)), ("content", obj([("application/problem+json", obj([("schema", ref("Problem"))]))]))])
    }

    static func obj(_ pairs: [(String, JSONValue)]) -> JSONValue { .object(JSONObject(pairs)) }
    /// A merge's per-field choice of the surviving value; fields not named keep the
    /// survivor's value, filled from the duplicate where empty, lists united.
    static func mergeFields(_ type: RecordType) -> JSONValue {
        let side = obj([("type", .string("string")), ("enum", strings(["survivor", "duplicate"]))])
        return obj([
            ("type", .string("object")), ("additionalProperties", .bool(false)),
            ("description", .string("Whose value of each field survives: survivor or duplicate. Fields the caller may not write are refused (422).")),
            ("properties", obj(type.fields.filter { !$0.isDerived && !$0.isInternal }.map { ($0.name, side) })),
        ])
    }
    static func str() -> JSONValue { obj([("type", .string("string"))]) }
    static func uuid() -> JSONValue { obj([("type", .string("string")), ("format", .string("uuid"))]) }
    static func dateTime() -> JSONValue { obj([("type", .string("string")), ("format", .string("date-time"))]) }
    static func ref(_ name: String) -> JSONValue { obj([("$ref", .string("#/components/schemas/\(name)"))]) }
    static func strings(_ s: [String]) -> JSONValue { .array(s.map(JSONValue.string)) }
    static func nullable(_ schema: JSONValue) -> JSONValue {
        if var o = schema.objectValue, let t = o["type"]?.stringValue {
            o["type"] = .array([.string(t), .string("null")])
            if let e = o["enum"]?.arrayValue { o["enum"] = .array(e + [.null]) }
            return .object(o)
        }
        return obj([("anyOf", .array([schema, obj([("type", .string("null"))])]))])
    }
}
