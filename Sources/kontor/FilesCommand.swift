import ArgumentParser
import Foundation
import KontorAccess
import KontorLocale
import KontorModel
import KontorText

/// `kontor files [list | get PATH | delete PATH]`: the files a person made
/// (printed invoices, exports, dunning letters, saved attachments). On a
/// server, for someone who came in by SSH, those are in a folder of their
/// own that only this command reaches: `ssh kontor@server files get
/// invoices/2026-00042.pdf > 2026-00042.pdf`. Elsewhere, the folders beside
/// the database.
struct Files: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("The files you made: printed invoices, exports, dunning letters (over SSH: fetch them with files get)."),
        discussion: tr("files lists them, newest first; files get PATH writes one to standard output; files delete PATH removes one.")
    )
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp(tr("list, get or delete."))) var action: String = "list"
    @Argument(help: ArgumentHelp(tr("A file as the list names it, like invoices/2026-00042.pdf."))) var path: String?

    func validate() throws {
        guard ["list", "get", "delete"].contains(action) else {
            throw ValidationError(tr("expects list, get PATH or delete PATH, got '{0}'", action))
        }
        if action != "list", path == nil { throw ValidationError(tr("{0} needs a file as files lists it, like invoices/2026-00042.pdf", action)) }
    }

    func run() throws {
        // Only someone who may open the database has files here.
        let session = try Staff.session(database)
        let files = PersonalFiles(folder: session.database.filesFolder)
        do {
            switch action {
            case "get":
                let url = try files.file(path!)
                guard isatty(STDOUT_FILENO) == 0 || url.pathExtension.lowercased() == "txt" || url.pathExtension.lowercased() == "csv" else {
                    throw KontorFailure(tr("{0} is not text: send it to a file, as in files get {0} > {1}", path!, url.lastPathComponent))
                }
                FileHandle.standardOutput.write(try Data(contentsOf: url))
            case "delete":
                try files.delete(path!)
                say(tr("Deleted {0}", VisibleText.clean(path!)))
            default:
                let entries = try files.list()
                guard !entries.isEmpty else { return say(tr("No files yet: what you print or export from the screens comes here.")) }
                let formatter = DateFormatter()
                formatter.locale = Locale(identifier: "en_US_POSIX")
                formatter.dateFormat = "yyyy-MM-dd HH:mm"
                for entry in entries {
                    let size = entry.bytes < 10_240 ? "\(entry.bytes) B" : "\(entry.bytes / 1024) KB"
                    say("\(formatter.string(from: entry.modified))  \(size.padding(toLength: 9, withPad: " ", startingAt: 0))  \(VisibleText.clean(entry.path))")
                }
            }
        } catch let failure as KontorFailure {
            throw failure
        } catch {
            throw KontorFailure(ErrorText.describe(error))
        }
    }
}
