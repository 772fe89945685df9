import Foundation

/// A `multipart/form-data` body (a form with a file field), as browsers send it without any
/// script: its text fields and its one file.
struct MultipartForm {
    var fields: [String: String] = [:]
    var file: UploadedFile?

    /// Parses the body; a body that is not multipart, or has no boundary, gives no field.
    static func parse(_ body: Data, contentType: String) -> MultipartForm {
        var form = MultipartForm()
        guard let boundary = parameter("boundary", in: contentType), !boundary.isEmpty else { return form }
        let delimiter = Data(("--" + boundary).utf8)
        let headEnd = Data("\r\n\r\n".utf8)
        var cursor = body.startIndex
        guard let first = body.range(of: delimiter, in: cursor..<body.endIndex) else { return form }
        cursor = first.upperBound
        while cursor < body.endIndex {
            // "--" after a delimiter closes the body.
            if body[cursor...].starts(with: Data("--".utf8)) { break }
            guard let next = body.range(of: Data("\r\n".utf8) + delimiter, in: cursor..<body.endIndex),
                let head = body.range(of: headEnd, in: cursor..<next.lowerBound)
            else { break }
            let headers = String(decoding: body[cursor..<head.lowerBound], as: UTF8.self)
            let content = body[head.upperBound..<next.lowerBound]
            let disposition = headers.components(separatedBy: "\r\n").first { $0.lowercased().hasPrefix("content-disposition:") } ?? ""
            if let name = parameter("name", in: disposition) {
                if let fileName = parameter("filename", in: disposition) {
                    if form.file == nil { form.file = UploadedFile(field: name, fileName: fileName, data: Data(content)) }
                } else {
                    form.fields[name] = String(decoding: content, as: UTF8.self)
                }
            }
            cursor = next.upperBound
        }
        return form
    }

    /// `name=value` or `name="value"` of a header's parameters.
    static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let parts = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, parts[0].lowercased() == name else { continue }
            var value = parts[1]
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }
}

/// A file sent with a form.
struct UploadedFile: Sendable {
    var field: String
    /// The name the sender gave it (only its extension is used).
    var fileName: String
    var data: Data
}
