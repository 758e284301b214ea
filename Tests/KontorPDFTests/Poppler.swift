import Foundation
import Testing

/// poppler-utils' `pdftotext` and `pdfinfo`, which read a PDF back as any
/// reader would. A machine without them fails the tests with how to get
/// them, rather than passing without looking.
enum Poppler {
    struct Missing: Error, CustomStringConvertible {
        var tool: String
        var description: String {
            "\(tool) is not installed: the PDF tests read invoices back with poppler-utils (apt-get install poppler-utils, or run .ci/run)"
        }
    }

    /// The text of the PDF (or of one page) as `pdftotext -layout` lays it out.
    static func text(_ pdf: URL, page: Int? = nil) throws -> String {
        var arguments = ["-layout", "-enc", "UTF-8"]
        if let page { arguments += ["-f", String(page), "-l", String(page)] }
        return try run("pdftotext", arguments + [pdf.path, "-"])
    }

    /// The names of the fonts the PDF embeds, as `pdffonts` lists them.
    static func fonts(_ pdf: URL) throws -> [String] {
        try run("pdffonts", [pdf.path]).split(separator: "\n").dropFirst(2).compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    /// `pdfinfo`'s fields ("Pages", "Page size", "Title", …).
    static func info(_ pdf: URL) throws -> [String: String] {
        var fields: [String: String] = [:]
        for line in try run("pdfinfo", [pdf.path]).split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return fields
    }

    private static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else { throw Missing(tool: tool) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: "\(tool) failed on \(arguments.last ?? "")"])
        }
        return String(decoding: data, as: UTF8.self)
    }
}
