import Foundation
import KontorLocale
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
    /// letter into `folder`. Each file is written under a hidden name
    /// (`pending`) and takes its own name once its batch is recorded: a
    /// run killed in between (`kill -9`, the power) leaves no file that
    /// looks sent, and the next run in the folder gives the files of
    /// letters that were recorded their names and removes the rest
    /// (`tidy`). If a batch fails, nothing of it is recorded and the files
    /// it wrote are removed again; the batches before it stay sent, with
    /// their files (`DunningRunStopped`).
    /// - Returns: the letters sent and the paths written, text before PDF.
    /// With `mail`, each letter is also queued by mail with its PDF to the
    /// customer's billing address, where there is one (`mailed`).
    /// - Parameter progress: told the letters sent so far, batch by batch
    ///   (`batchSize` customers each, as `Session.sendDunning` says).
    /// - Parameter stop: asked before each letter; true stops the run there.
    public static func send(_ run: DunningRun, excluding excluded: Set<Int64> = [], by session: Session,
                            to folder: String, mail: Bool = false, batchSize: Int = 50,
                            progress: (Int) -> Void = { _ in }, stop: @escaping () -> Bool = { false }) throws -> (letters: [DunningLetter], paths: [String], mailed: [Int64]) {
        // Every file written, under its hidden name until its batch is
        // recorded, then under its own.
        var written: [(letter: Int64, path: String, recorded: Bool, named: Bool)] = []
        /// The batches recorded so far: their files take their names. One
        /// that cannot stays hidden for the next run to name (`tidy`).
        func name() throws {
            for index in written.indices where written[index].recorded && !written[index].named {
                try rename(pending(written[index].path), to: written[index].path)
                written[index].named = true
            }
        }
        let recorded = { (count: Int) in
            for index in written.indices { written[index].recorded = true }
            try? name()
            progress(count)
        }
        do {
            try MadeFilesFolder.create(folder)
            // The PDF of the letter just written, for its mail: only the last is kept.
            var lastPDF: (letter: Int64, data: Data)?
            let write = { (letter: DunningLetter) throws in
                let made = try files(for: letter).map { (path: URL(fileURLWithPath: folder).appendingPathComponent($0.name).path, data: $0.data) }
                // A letter's number is new, so anything of its name is no file
                // of this database's letters (another database's letters in the
                // same folder, what an older run left): never written over.
                if let taken = made.first(where: { FileManager.default.fileExists(atPath: $0.path) }) {
                    throw KontorError.rule(tr("{0} is there already and is no letter of this run: move it away, then send again",
                                              session.database.shownPath(taken.path)))
                }
                for file in made {
                    try MadeFilesFolder.write(file.data, to: pending(file.path))
                    written.append((letter.id, file.path, false, false))
                    if file.path.hasSuffix(".pdf") { lastPDF = (letter.id, file.data) }
                }
            }
            let tidying = { try tidy(folder, by: session) }
            let letters: [DunningLetter]
            var mailed: [Int64] = []
            if mail {
                let sent = try session.sendDunning(run, excluding: excluded, batchSize: batchSize, progress: recorded, stop: stop,
                                                   beforeSending: tidying, mailing: { letter in
                    guard let pdf = lastPDF, pdf.letter == letter.id else { return try InvoicePDF.render(letter.sheet) }
                    return pdf.data
                }, deliver: write)
                (letters, mailed) = (sent.letters, sent.mailed)
            } else {
                letters = try session.sendDunning(run, excluding: excluded, batchSize: batchSize, progress: recorded, stop: stop,
                                                  beforeSending: tidying, deliver: write)
            }
            try name()
            return (letters, written.map(\.path), mailed)
        } catch {
            let kept = Set((error as? DunningRunStopped)?.sent.map(\.id) ?? [])
            for file in written where !file.named {
                if file.recorded || kept.contains(file.letter) {
                    // Recorded: named now, or by the next run's tidying.
                    try? rename(pending(file.path), to: file.path)
                } else {
                    try? FileManager.default.removeItem(atPath: pending(file.path))
                }
            }
            throw error
        }
    }

    /// A letter's file under the name it has until its batch is recorded:
    /// hidden (`kontor files` lists no hidden file), beside its own name.
    static func pending(_ path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent("." + url.lastPathComponent + pendingEnd).path
    }

    private static let pendingEnd = ".partial"

    /// The letter file's own name of a hidden one `pending` made; nil for any other name.
    static func ownName(ofPending hidden: String) -> String? {
        guard hidden.hasPrefix(".Mahnung-"), hidden.hasSuffix(pendingEnd) else { return nil }
        return String(hidden.dropFirst().dropLast(pendingEnd.count))
    }

    private static func rename(_ from: String, to path: String) throws {
        guard Foundation.rename(from, path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)])
        }
    }

    /// What a run killed in `folder` left (run with the run's lock held,
    /// so no other run writes meanwhile): files of letters this person's
    /// run recorded take their names, as the run would have given them
    /// next; the files of letters never recorded (their numbers may since
    /// be another letter's) are removed.
    static func tidy(_ folder: String, by session: Session) throws {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for hidden in names {
            guard let name = ownName(ofPending: hidden) else { continue }
            let path = (folder as NSString).appendingPathComponent(name)
            let number = Int64(name.dropFirst("Mahnung-".count).prefix { $0.isNumber })
            let letter = try number.flatMap { try? session.database.dunning.letter(id: $0) }
            if let letter, letter.fileName == (name as NSString).deletingPathExtension, letter.sentBy == session.username,
               !FileManager.default.fileExists(atPath: path) {
                try rename((folder as NSString).appendingPathComponent(hidden), to: path)
            } else {
                try FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(hidden))
            }
        }
    }
}
