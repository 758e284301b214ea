import Foundation
import KontorModel

/// Dunning letters as files: each letter's text and PDF side by side
/// (`Mahnung-00012.txt`, `Mahnung-00012.pdf`), written while the run is
/// recorded, so a letter that cannot be written is not recorded as sent.
public enum DunningLetterFiles {
    /// The text and the PDF of a letter, both made before either is written.
    public static func files(for letter: DunningLetter) throws -> [(name: String, data: Data)] {
        let pdf = try InvoicePDF.render(letter.sheet)
        return [(letter.fileName + ".txt", Data(letter.text.utf8)), (letter.fileName + ".pdf", pdf)]
    }

    /// Sends the reviewed run (`Session.sendDunning`) and writes every
    /// letter into `folder`. If anything fails, nothing is recorded and the
    /// files already written by this call are removed again.
    /// - Returns: the letters sent and the paths written, text before PDF.
    /// With `mail`, each letter is also queued by mail with its PDF to the
    /// customer's billing address, where there is one (`mailed`).
    public static func send(_ run: DunningRun, excluding excluded: Set<Int64> = [], by session: Session,
                            to folder: String, mail: Bool = false) throws -> (letters: [DunningLetter], paths: [String], mailed: [Int64]) {
        var written: [String] = []
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            var pdfs: [Int64: Data] = [:]
            let write = { (letter: DunningLetter) throws in
                for file in try files(for: letter) {
                    let path = URL(fileURLWithPath: folder).appendingPathComponent(file.name).path
                    try file.data.write(to: URL(fileURLWithPath: path), options: .atomic)
                    written.append(path)
                    if file.name.hasSuffix(".pdf") { pdfs[letter.id] = file.data }
                }
            }
            if mail {
                let sent = try session.sendDunning(run, excluding: excluded, mailing: { letter in
                    guard let pdf = pdfs[letter.id] else { return try InvoicePDF.render(letter.sheet) }
                    return pdf
                }, deliver: write)
                return (sent.letters, written, sent.mailed)
            }
            return (try session.sendDunning(run, excluding: excluded, deliver: write), written, [])
        } catch {
            for path in written { try? FileManager.default.removeItem(atPath: path) }
            throw error
        }
    }
}
