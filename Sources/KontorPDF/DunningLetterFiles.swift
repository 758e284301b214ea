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
    /// letter into `folder`. If a batch fails, nothing of it is recorded
    /// and the files it wrote are removed again; the batches before it
    /// stay sent, with their files (`DunningRunStopped`).
    /// - Returns: the letters sent and the paths written, text before PDF.
    /// With `mail`, each letter is also queued by mail with its PDF to the
    /// customer's billing address, where there is one (`mailed`).
    /// - Parameter progress: told the letters sent so far, batch by batch
    ///   (`batchSize` customers each, as `Session.sendDunning` says).
    /// - Parameter stop: asked before each letter; true stops the run there.
    public static func send(_ run: DunningRun, excluding excluded: Set<Int64> = [], by session: Session,
                            to folder: String, mail: Bool = false, batchSize: Int = 50,
                            progress: (Int) -> Void = { _ in }, stop: @escaping () -> Bool = { false }) throws -> (letters: [DunningLetter], paths: [String], mailed: [Int64]) {
        var written: [(letter: Int64, path: String)] = []
        do {
            try MadeFilesFolder.create(folder)
            // The PDF of the letter just written, for its mail: only the last is kept.
            var lastPDF: (letter: Int64, data: Data)?
            let write = { (letter: DunningLetter) throws in
                for file in try files(for: letter) {
                    let path = URL(fileURLWithPath: folder).appendingPathComponent(file.name).path
                    try MadeFilesFolder.write(file.data, to: path)
                    written.append((letter.id, path))
                    if file.name.hasSuffix(".pdf") { lastPDF = (letter.id, file.data) }
                }
            }
            if mail {
                let sent = try session.sendDunning(run, excluding: excluded, batchSize: batchSize, progress: progress, stop: stop, mailing: { letter in
                    guard let pdf = lastPDF, pdf.letter == letter.id else { return try InvoicePDF.render(letter.sheet) }
                    return pdf.data
                }, deliver: write)
                return (sent.letters, written.map(\.path), sent.mailed)
            }
            return (try session.sendDunning(run, excluding: excluded, batchSize: batchSize, progress: progress, stop: stop, deliver: write), written.map(\.path), [])
        } catch {
            let kept = Set((error as? DunningRunStopped)?.sent.map(\.id) ?? [])
            for file in written where !kept.contains(file.letter) { try? FileManager.default.removeItem(atPath: file.path) }
            throw error
        }
    }
}
