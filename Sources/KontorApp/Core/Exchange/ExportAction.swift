import KontorLocale
import KontorModel
import KontorText
import KontorUI

extension Action {
    /// `E` on a list: what the list shows — its view, its filter, its order —
    /// as a CSV file for Excel in `exports/` beside the database. The
    /// message says where the file is.
    @MainActor
    static func export(_ table: ExportTable, session: Session, group: String, what: String,
                       selection: @escaping () -> ExportSelection) -> Action {
        Action("list.export", [.char("E")], "export",
               help: tr("Export {0} to a CSV file in exports/", tr(what)), group: group, inFooter: false) { host in
            let path = try ExportFiles.defaultPath(for: table, in: session.database.filesFolder)
            // What the list shows now; written off the keys' thread.
            let chosen = selection()
            host.writeInBackground {
                let result = try session.export(table, selection: chosen, dialect: .excel, to: path)
                let said = Wording.count(result.rows, one: "{0} row exported to {1}", other: "{0} rows exported to {1}",
                                         [session.database.shownPath(result.path)])
                return VisibleText.clean(session.database.withFetch(said, result.path))
            }
        }
    }
}
