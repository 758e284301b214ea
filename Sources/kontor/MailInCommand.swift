import ArgumentParser
import Foundation
import KontorLocale
import KontorMail
import KontorModel
import KontorText

/// `kontor mail-in`: one message on standard input (an alias pipe in
/// /etc/aliases, an MDA line of fetchmail, getmail or procmail), or every
/// new message of a Maildir. Exit codes are the sysexits an MTA reads:
/// 75 (try again later) when the database cannot take the message now,
/// 65 or 69 (bounce) when the message can never be taken.
struct MailIn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail-in",
        abstract: tr("Take mail in: a new ticket, a message on the ticket it answers, or a note for an automatic reply."),
        discussion: tr("Reads one message (RFC 5322) on standard input, as an alias pipe or an MDA runs it: kontor: \"|/usr/local/bin/kontor mail-in\" in /etc/aliases. With --maildir it takes every message in DIR/new: those taken move to DIR/cur, those refused to DIR/failed with a .reason file beside them, those the database could not take now stay for the next run. One line per message goes to standard error and to kontor-mail.log beside the database. Exit codes: 0 taken, 75 try again later, 65 not a message, 69 too large.")
    )

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp(tr("Take every message in this Maildir's new/ folder."), valueName: "dir")) var maildir: String?
    @Option(help: ArgumentHelp(tr("The address the mail system delivered the message for (Postfix's ${original_recipient}), to choose the queue."), valueName: "address"))
    var recipient: String?
    @Option(help: ArgumentHelp(tr("The largest message taken, in MiB."), valueName: "MiB")) var maxSize = 50

    /// sysexits.h.
    enum Exit: Int32 {
        case ok = 0, notAMessage = 65, tooLarge = 69, tryAgain = 75
    }

    func run() throws {
        let db: KontorDatabase
        do {
            db = try database.open(defaultName: "kontor.sqlite")
        } catch {
            FileHandle.standardError.write(Data("kontor mail-in: cannot open the database, try again later: \(VisibleText.clean(ErrorText.describe(error)))\n".utf8))
            throw ExitCode(Exit.tryAgain.rawValue)
        }
        let logPath = ((db.path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("kontor-mail.log")
        let taker = Taker(db: db, recipient: recipient, maxBytes: maxSize * 1024 * 1024, logPath: logPath)
        if let maildir {
            let code = try taker.maildir((maildir as NSString).expandingTildeInPath)
            if code != .ok { throw ExitCode(code.rawValue) }
            return
        }
        let data = FileHandle.standardInput.readDataToEndOfFile()
        let (code, _) = taker.take(data, name: "stdin")
        if code != .ok { throw ExitCode(code.rawValue) }
    }

    /// Takes messages into one database, logging a line for each.
    struct Taker {
        let db: KontorDatabase
        let recipient: String?
        let maxBytes: Int
        let logPath: String

        /// Takes one message; the exit code and the reason when it was not taken.
        func take(_ data: Data, name: String) -> (Exit, String?) {
            guard data.count <= maxBytes else {
                return done(name, .tooLarge, "refused: \(data.count / 1_048_576) MiB, more than the \(maxBytes / 1_048_576) MiB taken")
            }
            let message: MailMessage
            do {
                message = try MailReader.read(data)
            } catch {
                return done(name, .notAMessage, "refused: not a mail message (\(error))")
            }
            let who = message.sender?.address ?? "no sender"
            let id = message.messageID.map { "<\($0)>" } ?? "(no Message-ID)"
            do {
                let outcome = try db.mailIntake.receive(message, raw: data, recipient: recipient)
                return done(name, .ok, "\(id) from \(who): \(outcome.logLine)")
            } catch {
                return done(name, .tryAgain, "\(id) from \(who): not taken, try again later: \(error)")
            }
        }

        private func done(_ name: String, _ code: Exit, _ line: String) -> (Exit, String?) {
            let stamped = "\(ISO8601DateFormatter().string(from: Date())) \(name): \(VisibleText.clean(line))\n"
            FileHandle.standardError.write(Data("kontor mail-in: \(VisibleText.clean(line))\n".utf8))
            if let handle = FileHandle(forWritingAtPath: logPath) ?? {
                _ = FileManager.default.createFile(atPath: logPath, contents: nil, attributes: [.posixPermissions: 0o640])
                return FileHandle(forWritingAtPath: logPath)
            }() {
                handle.seekToEndOfFile()
                handle.write(Data(stamped.utf8))
                try? handle.close()
            }
            return (code, code == .ok ? nil : line)
        }

        /// Every message in `dir/new`, oldest name first: taken ones to
        /// `cur` (marked seen), refused ones to `failed` with the reason,
        /// the ones to try again left where they are.
        func maildir(_ dir: String) throws -> Exit {
            let fm = FileManager.default
            let new = (dir as NSString).appendingPathComponent("new")
            let cur = (dir as NSString).appendingPathComponent("cur")
            let failed = (dir as NSString).appendingPathComponent("failed")
            guard let names = try? fm.contentsOfDirectory(atPath: new) else {
                throw KontorFailure(tr("{0} is not a Maildir: it has no new/ folder", dir))
            }
            try? fm.createDirectory(atPath: cur, withIntermediateDirectories: true)
            var result = Exit.ok
            for name in names.sorted() where !name.hasPrefix(".") {
                let path = (new as NSString).appendingPathComponent(name)
                guard let data = fm.contents(atPath: path) else { continue }
                let (code, reason) = take(data, name: name)
                switch code {
                case .ok:
                    let base = name.split(separator: ":").first.map(String.init) ?? name
                    try fm.moveItem(atPath: path, toPath: (cur as NSString).appendingPathComponent(base + ":2,S"))
                case .tryAgain:
                    result = .tryAgain
                default:
                    try fm.createDirectory(atPath: failed, withIntermediateDirectories: true)
                    let target = (failed as NSString).appendingPathComponent(name)
                    try fm.moveItem(atPath: path, toPath: target)
                    _ = fm.createFile(atPath: target + ".reason", contents: Data(((reason ?? "") + "\n").utf8), attributes: [.posixPermissions: 0o640])
                }
            }
            return result
        }
    }
}
