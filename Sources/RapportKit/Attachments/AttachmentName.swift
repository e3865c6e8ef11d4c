import Foundation

/// A file name as people see it. It is shown and sent back in `Content-Disposition`, never
/// used as a path: blobs are named by their checksum.
public enum AttachmentName {
    /// Bytes of UTF-8 a name may have: what common file systems allow for one name.
    public static let maxBytes = 255

    /// The name to keep, or why it is refused. Directories a client put in front
    /// (`../../etc/passwd`, `C:\Users\me\a.pdf`) are dropped, the name is put in Unicode
    /// normal form C (macOS sends Hangul decomposed), and control characters or
    /// direction overrides (which make `invoice‮fdp.exe` read as a PDF) are refused.
    public static func validate(_ raw: String) -> Result<String, FieldError> {
        let last = raw.split(omittingEmptySubsequences: false) { $0 == "/" || $0 == "\\" }.last.map(String.init) ?? raw
        let name = last.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty || name == "." || name == ".." {
            return .failure(FieldError(field: "file_name", code: "required", message: "The file needs a name."))
        }
        for scalar in name.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || (0x7F...0x9F).contains(v) {
                return .failure(FieldError(field: "file_name", code: "invalid_characters", message: "A file name cannot hold control characters."))
            }
            if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C {
                return .failure(FieldError(field: "file_name", code: "invalid_characters", message: "A file name cannot hold text-direction marks."))
            }
        }
        if name.utf8.count > maxBytes {
            return .failure(FieldError(field: "file_name", code: "too_long", message: "A file name has at most \(maxBytes) bytes of UTF-8."))
        }
        return .success(name)
    }
}
