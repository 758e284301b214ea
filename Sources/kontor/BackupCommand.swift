import ArgumentParser
import Foundation
import KontorLocale
import KontorModel

/// `kontor backup [FILE]`: a verified copy of the database, safe while
/// people work, readable by its owner only.
struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Copy the database while people work: checked, readable by its owner only (admins)."),
        discussion: tr("Default FILE: backups/kontor-YYYY-MM-DD.sqlite beside the database (-2, -3, … for a second copy the same day). An existing FILE is replaced only with --replace.")
    )
    @OptionGroup var database: DatabaseOptions
    @Argument(help: ArgumentHelp(tr("Where the copy goes."))) var file: String?
    @Flag(name: .long, help: ArgumentHelp(tr("Replace FILE when it exists (an earlier copy); never the database itself."))) var replace = false

    func run() throws {
        umask(0o077)
        // The account that owns the file (the service account's cron job)
        // copies it as its owner; anyone else as an admin of the staff list.
        let owner = Identity.ownsDatabase(at: database.path(defaultName: "kontor.sqlite"))
        let session = owner ? nil : try Staff.session(database)
        let db = try session?.database ?? database.open(defaultName: "kontor.sqlite")
        let target = file.map { ($0 as NSString).expandingTildeInPath }
            ?? KontorDatabase.freeBackupName(in: KontorDatabase.backupFolder(ofDatabase: db.path), day: CalendarDate.today())
        // A bar on a terminal: at a million customers the copy is gigabytes.
        let bar = ProgressBar()
        let progress = { (step: BackupStep) in
            switch step {
            case let .copying(share): bar.update(share, tr("copying"))
            case .checking: bar.update(1, tr("checking the copy (integrity check)…"))
            }
        }
        do {
            defer { bar.finish() }
            let size = try session.map { try db.backup(to: target, replacing: replace, by: $0, progress: progress) }
                ?? db.backupByOwner(to: target, replacing: replace, progress: progress)
            bar.finish()
            say(tr("{0}: {1} KB, integrity checked, mode 0600", target, size / 1024))
        } catch {
            throw KontorFailure(ErrorText.describe(error))
        }
    }
}
