import KontorLocale
import Foundation
import KontorModel
import KontorText
import KontorUI

/// The import from inside Kontor: `I` on Customers or Inventory asks for
/// the file, shows the dry run's summary and every problem in a scrollable
/// list, and imports on `y`. The model does the work, as `kontor import`
/// does; the real run accepts exactly what the dry run accepted.
enum ImportFlow {
    @MainActor
    static func action(_ kind: ImportKind, session: Session, group: String, done: @escaping (ScreenHost) throws -> Void) -> (ModalStack) -> Action {
        { stack in
            Action("list.import", [.char("I")], "import",
                   help: tr("Import {0} from a CSV file (dry run first)", kind.shownName), group: group, inFooter: false) { _ in
                try session.require(kind.permission)
                stack.push(FilePrompt(title: tr("Import {0} from a CSV file", kind.shownName), hint: "path of a .csv file (Excel or LibreOffice)") { path in
                    let options = ImportOptions(kind: kind, path: path, dryRun: true)
                    return ImportReviewLayer(options: options, report: try session.importFile(options), session: session, done: done)
                })
            }.requires(kind.permission, of: session)
        }
    }
}

/// "Which file?": one field in a box; Enter runs `check` on the path
/// typed, which returns the layer that shows its dry run (or throws, and the
/// reason shows in the box). For the CSV import and the bank statements alike.
final class FilePrompt: Layer {
    let title: String
    let check: (String) throws -> Layer
    private(set) var form: Form

    init(title: String, hint: String, check: @escaping (String) throws -> Layer) {
        self.title = title
        self.check = check
        form = Form(title: title, fields: [Form.Field(id: "file", label: "File", value: "", maxLength: 4096, hint: hint)])
    }

    override var floats: Bool { true }
    override var capturesText: Bool { true }

    override var actions: [Action] {
        [
            Action("import.check", [.ctrl("s")], "check", help: "Check the file: a dry run that writes nothing (Enter too)", group: "Import") { [unowned self] _ in
                run()
            },
            Action("form.cancel", [.escape], "cancel", help: "Import nothing", group: "Import") { [unowned self] _ in close() },
        ] + Form.bindings.filter { $0.group == "Editing" }.map(Action.passingThrough)
    }

    override func handleUnbound(_ key: Key, host: ScreenHost) -> Bool {
        switch form.handle(key) {
        case .submit: run()
        case .cancel: close()
        case .none: break
        }
        return true
    }

    private func run() {
        let path = (form.value("file").trimmingCharacters(in: .whitespaces) as NSString).expandingTildeInPath
        guard !path.isEmpty else { form.show([FieldIssue(field: "file", message: tr("is required"))]); return }
        do {
            let next = try check(path)
            let stack = self.stack
            close()
            stack?.push(next)
        } catch {
            // The file by its name: the path is in the field, and the reason must fit the box.
            form.banner = VisibleText.clean(ErrorText.describe(error).replacingOccurrences(of: path, with: (path as NSString).lastPathComponent))
        }
    }

    override func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        let box = rect.centered(width: min(rect.width - 2, 110), height: 9)
        Chrome.drawBox(box, title: title, grid: &grid, style: theme[.dialog], titleStyle: theme[.dialogTitle])
        return form.draw(in: Rect(x: box.x + 1, y: box.y + 1, width: box.width - 2, height: box.height - 2), grid: &grid, theme: theme)
    }
}

/// The dry run's result: the summary, the mapping, every problem and note,
/// scrollable; `y` imports (the good rows only, with a reject file, when
/// some were rejected), Esc imports nothing.
final class ImportReviewLayer: Layer {
    let options: ImportOptions
    let report: ImportReport
    let session: Session
    let done: (ScreenHost) throws -> Void
    /// The text shown, one entry per line.
    let lines: [(text: String, role: Theme.Role)]
    private var top = 0
    private var pageHeight = 10

    init(options: ImportOptions, report: ImportReport, session: Session, done: @escaping (ScreenHost) throws -> Void) {
        self.options = options
        self.report = report
        self.session = session
        self.done = done
        var lines: [(String, Theme.Role)] = [(report.summary, report.rejected > 0 ? .warning : .success)]
        lines.append((tr("Read as {0}; records already there are matched by {1} and skipped.", report.dialect, report.key), .dim))
        lines += report.notes.map { (tr("Note: {0}", $0), .dim) }
        lines.append((tr("Columns:"), .label))
        lines += report.mapping.map { ("  \($0)", .normal) }
        if report.problemCount > 0 { lines.append((tr("Problems ({0}):", report.problemCount), .label)) }
        lines += report.problems.map { ($0.description, .error) }
        if report.problemCount > report.problems.count { lines.append((tr("… and {0} more", report.problemCount - report.problems.count), .error)) }
        if report.noticeCount > 0 { lines.append((tr("Notes ({0}):", report.noticeCount), .label)) }
        lines += report.notices.map { ($0.description, .warning) }
        self.lines = lines
    }

    var importable: Bool { report.created + report.updated > 0 }

    override var actions: [Action] {
        [
            Action("import.run", [.char("y")], report.rejected > 0 ? tr("import the good rows") : tr("import"),
                   help: report.rejected > 0 ? tr("Import the rows without problems; the others go to a reject file beside the input")
                                             : tr("Import the file as checked"), group: "Import") { [unowned self] host in
                try run(host)
            }.disabled(if: !importable, tr("nothing to import")),
            Action("form.cancel", [.escape], "cancel", help: "Import nothing", group: "Import") { [unowned self] _ in close() },
            Action("import.down", [.char("j"), .down], "", help: "Scroll down", group: "Import", inFooter: false) { [unowned self] _ in scroll(1) },
            Action("import.up", [.char("k"), .up], "", help: "Scroll up", group: "Import", inFooter: false) { [unowned self] _ in scroll(-1) },
            Action("import.pageDown", [.pageDown, .char(" ")], "", help: "A page down", group: "Import", inFooter: false) { [unowned self] _ in scroll(pageHeight) },
            Action("import.pageUp", [.pageUp], "", help: "A page up", group: "Import", inFooter: false) { [unowned self] _ in scroll(-pageHeight) },
        ]
    }

    private func scroll(_ delta: Int) {
        top = max(0, min(lines.count - pageHeight, top + delta))
    }

    private func run(_ host: ScreenHost) throws {
        var real = options
        real.dryRun = false
        real.skipBad = report.rejected > 0
        let result = try session.importFile(real)
        close()
        try done(host)
        var message = tr("{0}: {1} imported, {2} updated, {3} already there", result.kind.shownName, result.created, result.updated, result.skipped)
        if let rejects = result.rejectFile { message += tr(", {0} rejected → {1}", result.rejected, VisibleText.clean(rejects)) }
        host.show(message, isError: !result.committed)
    }

    override func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        grid.fill(rect, style: theme[.normal])
        Chrome.drawBox(rect, title: tr("Import {0} from {1}", report.kind.shownName, VisibleText.clean(report.file)), suffix: tr(" — dry run"),
                       grid: &grid, style: theme[.normal], titleStyle: theme[.title])
        let inner = Rect(x: rect.x + 2, y: rect.y + 1, width: rect.width - 4, height: rect.height - 2)
        pageHeight = max(1, inner.height)
        for (offset, line) in lines.dropFirst(top).prefix(inner.height).enumerated() {
            grid.write(line.text, x: inner.x, y: inner.y + offset, maxWidth: inner.width, style: theme[line.role])
        }
        return nil
    }
}

extension ImportKind {
    /// What is imported, in the person's words: "customers".
    var shownName: String {
        switch self {
        case .customers: return tr("customers")
        case .contacts: return tr("contacts")
        case .products: return tr("products")
        case .staff: return tr("staff")
        }
    }
}
