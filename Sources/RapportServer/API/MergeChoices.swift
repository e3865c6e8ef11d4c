import RapportKit
import RapportStore

/// The `fields` of a merge request: each field's surviving side, `survivor` or
/// `duplicate`. Which names are fields the caller may choose is the store's to say.
enum MergeChoices {
    static func parse(_ value: JSONValue?) -> ([String: MergeSide], [FieldError]) {
        guard let value, !value.isNull else { return ([:], []) }
        guard let object = value.objectValue else {
            return ([:], [FieldError(field: "fields", code: "invalid_type", message: "An object of field names to \"survivor\" or \"duplicate\".")])
        }
        var choices: [String: MergeSide] = [:]
        var errors: [FieldError] = []
        for key in object.keys {
            guard let side = object[key]?.stringValue.flatMap(MergeSide.init(rawValue:)) else {
                errors.append(FieldError(field: "fields.\(key)", code: "invalid_choice", message: "survivor or duplicate"))
                continue
            }
            choices[key] = side
        }
        return (choices, errors)
    }
}
