import KontorLocale
import KontorUI

/// After a colleague saved first: their version beside the user's, field
/// by field, and the ways on from there — merge, overwrite knowingly, or
/// take theirs. Looking loses nothing: Esc goes back to the form as typed.
///
/// Merging takes theirs where only they changed a field and keeps the
/// user's where only the user did; the fields both changed to different
/// values are listed to pick, one by one, before anything is merged.
final class ConflictLayer: Layer {
    private enum Mode {
        /// Every field the two versions show differently.
        case compare
        /// The fields both changed: a side picked for each.
        case pick
    }

    let merge: FormMerge
    /// Who saved first and when ("bob", "10:42"), and what ("this customer").
    private let who: String, when: String, noun: String
    private var mode = Mode.compare
    private var picks: [String: FormMerge.Side] = [:]
    private var cursor = 0
    private var top = 0
    private let onMerge: ([String: FormMerge.Side]) -> Void
    private let onOverwrite: (ScreenHost) throws -> Void
    private let onTheirs: () -> Void

    /// - Parameters:
    ///   - onMerge: puts the merged values into the form, given each field's side.
    ///   - onOverwrite: saves the user's values over the version saved now.
    ///   - onTheirs: loads the saved version into the form, the typing gone.
    init(_ merge: FormMerge, who: String, when: String, noun: String,
         onMerge: @escaping ([String: FormMerge.Side]) -> Void,
         onOverwrite: @escaping (ScreenHost) throws -> Void,
         onTheirs: @escaping () -> Void) {
        self.merge = merge
        self.who = who
        self.when = when
        self.noun = noun
        self.onMerge = onMerge
        self.onOverwrite = onOverwrite
        self.onTheirs = onTheirs
    }

    /// Letters are this layer's keys: they must not switch screens behind it.
    override var capturesText: Bool { true }

    /// The rows listed: what differs, or what both changed.
    private var rows: [FormMerge.Field] { mode == .compare ? merge.differing : merge.conflicts }

    override var actions: [Action] {
        let group = "Someone saved first"
        var keys: [Action] = []
        switch mode {
        case .compare:
            keys = [
                Action("conflict.merge", [.char("m")], "merge",
                       help: "Merge: theirs where only they changed a field, yours where only you did; pick where both did",
                       group: group) { [unowned self] _ in startMerge() },
                Action("conflict.overwrite", [.char("o")], "overwrite",
                       help: "Save your values over theirs (asks first)", group: group) { [unowned self] _ in askOverwrite() },
                Action("conflict.theirs", [.char("t")], "take theirs",
                       help: "Load their version into the form; your typing is lost (asks first)", group: group) { [unowned self] _ in
                    askTheirs()
                },
                Action("conflict.back", [.escape], "back", help: "Back to the form, your typing as it was", group: group) {
                    [unowned self] _ in close()
                },
            ]
        case .pick:
            keys = [
                Action("conflict.toggle", [.char(" ")], "theirs/yours", help: "Take theirs or yours for this field (for notes also both, theirs first)", group: group) {
                    [unowned self] _ in toggle()
                },
                Action("conflict.apply", [.enter], "merge", help: "Merge with these picks into the form (Ctrl-S there saves)",
                       group: group) { [unowned self] _ in
                    let (apply, sides) = (onMerge, merge.sides(picks: picks))
                    close() // which may be the last reference to this layer
                    apply(sides)
                },
                Action("conflict.back", [.escape], "back", help: "Back to the comparison", group: group) { [unowned self] _ in
                    mode = .compare
                    cursor = 0
                },
            ]
        }
        keys += [
            Action("conflict.down", [.char("j"), .down], "down", help: "Next field", group: group, inFooter: false) { [unowned self] _ in
                cursor = min(max(0, rows.count - 1), cursor + 1)
            },
            Action("conflict.up", [.char("k"), .up], "up", help: "Previous field", group: group, inFooter: false) { [unowned self] _ in
                cursor = max(0, cursor - 1)
            },
        ]
        return keys
    }

    /// Letters are commands here; anything else does nothing.
    override func handleUnbound(_ key: Key, host: ScreenHost) -> Bool { true }

    private func startMerge() {
        if merge.conflicts.isEmpty {
            let (apply, sides) = (onMerge, merge.sides(picks: [:]))
            close()
            apply(sides)
        } else {
            mode = .pick
            cursor = 0
            top = 0
        }
    }

    /// Space: theirs or yours; for long free text also both, theirs first.
    private func toggle() {
        let fields = merge.conflicts
        guard fields.indices.contains(cursor) else { return }
        let field = fields[cursor]
        switch picks[field.id] ?? .mine {
        case .mine: picks[field.id] = .theirs
        case .theirs: picks[field.id] = field.joinable ? .both : .mine
        case .both: picks[field.id] = .mine
        }
    }

    /// Overwriting is never a default: the question names what goes, and
    /// Enter keeps the form.
    private func askOverwrite() {
        let lost = merge.fields.filter { $0.theyChanged && $0.differs }.map(\.label)
        let message = [tr("{0} saved {1} at {2}.", who, noun, when),
                       lost.isEmpty ? tr("Their save differs from yours in no field here.") : tr("Yours replaces theirs in: {0}.", lost.joined(separator: ", ")),
                       tr("The audit log keeps their values and yours.")]
        stack?.push(Ask(tr("Overwrite {0}'s save?", who), message, [
            Ask.Answer(.char("n"), tr("no, back")),
            Ask.Answer(.char("y"), tr("overwrite")) { [self] host in
                close()
                try onOverwrite(host)
            },
        ], cancel: Ask.Answer(.char("n"), tr("no, back"))))
    }

    private func askTheirs() {
        guard merge.hasMine else {
            let load = onTheirs
            close()
            return load()
        }
        let kept = Ask.Answer(.char("n"), tr("no, back"))
        stack?.push(Ask(tr("Take {0}'s version?", who), [tr("The form gets their values; what you typed is lost.")], [
            kept,
            Ask.Answer(.char("y"), tr("take theirs")) { [self] _ in
                close()
                onTheirs()
            },
        ], cancel: kept))
    }

    override func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        grid.fill(rect, style: theme[.normal])
        let x = rect.x + 2, width = rect.width - 4
        var y = rect.y
        // The two lines on top say what happened: wrapped, never cut, at 80 columns.
        for line in TextWidth.wrap(tr("{0} saved {1} at {2} · yours is not saved yet", who, noun, when), to: width) {
            grid.write(line, x: x, y: y, maxWidth: width, style: theme[.title])
            y += 1
        }
        let intro: String
        switch mode {
        case .compare:
            intro = rows.isEmpty ? tr("Their save changed none of the fields here.") : tr("Their saved version beside yours:")
        case .pick:
            intro = merge.conflicts.contains(where: \.joinable)
                ? tr("Both changed these fields: Space takes theirs or yours (for notes also both, theirs first).")
                : tr("Both changed these fields: Space takes theirs or yours.")
        }
        for line in TextWidth.wrap(intro, to: width) {
            grid.write(line, x: x, y: y, maxWidth: width, style: theme[.dim])
            y += 1
        }
        y += 1
        let labelWidth = min(16, (merge.fields.map { TextWidth.of($0.label) }.max() ?? 8) + 1)
        let columns = Self.columns(of: rows, picking: mode == .pick, who: who, room: width - labelWidth - 2)
        let valueWidth = columns.value, changeWidth = columns.change
        let theirsX = x + labelWidth + 2, mineX = theirsX + valueWidth + 2, changeX = mineX + valueWidth + 2
        grid.write(tr("Field"), x: x, y: y, width: labelWidth, style: theme[.columnHeader])
        grid.write(tr("Theirs ({0})", who), x: theirsX, y: y, width: valueWidth, style: theme[.columnHeader])
        grid.write(tr("Yours"), x: mineX, y: y, width: valueWidth, style: theme[.columnHeader])
        y += 1
        let rows = self.rows
        // Under the table, the highlighted field in full, with what it was:
        // long values wrap there (up to half the room), where the table cuts them.
        let detail = rows.indices.contains(min(cursor, max(0, rows.count - 1)))
            ? Self.detailLines(of: rows[min(cursor, max(0, rows.count - 1))], width: width) : []
        let detailHeight = detail.isEmpty ? 0 : min(detail.count + 2, max(5, (rect.maxY - y) / 2))
        let visible = max(1, rect.maxY - y - detailHeight)
        cursor = min(cursor, max(0, rows.count - 1))
        if cursor < top { top = cursor }
        if cursor >= top + visible { top = cursor - visible + 1 }
        for (index, field) in rows.enumerated().dropFirst(top).prefix(visible) {
            let row = y + index - top
            let current = index == cursor
            let base = current ? theme[.selection] : theme[.normal]
            grid.fill(Rect(x: rect.x + 1, y: row, width: rect.width - 2, height: 1), style: base)
            grid.write(field.label, x: x, y: row, width: labelWidth, style: current ? base : theme[.label])
            switch mode {
            case .compare:
                grid.write(field.theirs.isEmpty ? tr("(empty)") : field.theirs, x: theirsX, y: row, width: valueWidth,
                           style: field.theyChanged ? base.adding(.bold) : base)
                grid.write(field.mine.isEmpty ? tr("(empty)") : field.mine, x: mineX, y: row, width: valueWidth,
                           style: field.iChanged ? base.adding(.bold) : base)
                grid.write(field.change, x: changeX, y: row, width: changeWidth,
                           style: field.isConflict ? (current ? base : theme[.warning]) : (current ? base : theme[.dim]))
            case .pick:
                let side = picks[field.id] ?? .mine
                let takesTheirs = side == .theirs || side == .both, takesMine = side == .mine || side == .both
                grid.write((takesTheirs ? "● " : "○ ") + field.theirs, x: theirsX, y: row, width: valueWidth,
                           style: takesTheirs ? base.adding(.bold) : (current ? base : theme[.dim]))
                grid.write((takesMine ? "● " : "○ ") + field.mine, x: mineX, y: row, width: valueWidth,
                           style: takesMine ? base.adding(.bold) : (current ? base : theme[.dim]))
            }
        }
        if !detail.isEmpty, rect.maxY - detailHeight > y {
            let top = rect.maxY - detailHeight + 1
            for (offset, line) in detail.prefix(detailHeight - 1).enumerated() {
                if !line.name.isEmpty || offset == 0 {
                    grid.write(line.name, x: offset == 0 ? x : x + 2, y: top + offset, maxWidth: offset == 0 ? width : 8,
                               style: offset == 0 ? theme[.label].adding(.bold) : theme[.dim])
                }
                if offset > 0 { grid.write(line.text, x: x + 10, y: top + offset, maxWidth: width - 10, style: theme[.normal]) }
            }
        }
        return nil
    }

    /// The widths of the value columns (each) and of the change column,
    /// in `room` columns: as wide as what they show, so that the values
    /// sit beside each other and "both changed" is never cut while there
    /// is room; values longer than half of what is left are cut (the
    /// detail under the table shows them whole).
    static func columns(of rows: [FormMerge.Field], picking: Bool, who: String, room: Int) -> (value: Int, change: Int) {
        let change = picking ? 0 : min(max(0, room / 3), rows.map { TextWidth.of($0.change) }.max() ?? 0)
        let marker = picking ? 2 : 0
        let widest = ([TextWidth.of(tr("Theirs ({0})", who)), TextWidth.of(tr("Yours")), TextWidth.of(tr("(empty)")) + marker]
            + rows.flatMap { [TextWidth.of($0.theirs) + marker, TextWidth.of($0.mine) + marker] }).max() ?? 8
        let half = (room - 2 - (change > 0 ? change + 2 : 0)) / 2
        return (max(8, min(half, widest)), change)
    }

    /// The field's label, then its three values, each wrapped to the width
    /// (the name on its first line only): what the detail under the table shows.
    static func detailLines(of field: FormMerge.Field, width: Int) -> [(name: String, text: String)] {
        var lines: [(name: String, text: String)] = [(field.label, "")]
        for (name, value) in [(tr("was"), field.base), (tr("theirs"), field.theirs), (tr("yours"), field.mine)] {
            let wrapped = TextWidth.wrap(value.isEmpty ? tr("(empty)") : value, to: max(10, width - 10))
            for (index, part) in wrapped.enumerated() { lines.append((index == 0 ? name : "", part)) }
        }
        return lines
    }
}
