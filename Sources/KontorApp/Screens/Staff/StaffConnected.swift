import KontorLocale
import KontorModel
import KontorUI

/// "Connected now" under the staff list: who is in Kontor at this moment
/// and where — the screen, the record, and whether they are editing it —
/// from the model's presence rows, renewed on every idle tick. Shown once
/// another session is in (someone else, or the same person twice).
extension StaffScreen {
    /// At most this many people are listed; the rest are counted.
    static let connectedRows = 5

    /// The list's area and, when there is room and anyone to show, the band under it.
    func splitConnected(_ rect: Rect) -> (list: Rect, band: Rect?) {
        // Alone (this session the only one), there is nobody to tell about.
        guard connected.count > 1 else { return (rect, nil) }
        let shown = min(connected.count, Self.connectedRows) + (connected.count > Self.connectedRows ? 1 : 0)
        let height = shown + 1
        guard rect.height >= height + 10 else { return (rect, nil) }
        let (list, band) = rect.splitBottom(height)
        return (list, band)
    }

    func drawConnected(in rect: Rect, grid: inout Grid, theme: Theme) {
        grid.fill(rect, style: theme[.normal])
        grid.write(tr("Connected now ({0})", connected.count), x: rect.x + 1, y: rect.y, maxWidth: rect.width - 2, style: theme[.title])
        for (row, entry) in connected.prefix(Self.connectedRows).enumerated() {
            let you = entry.username == session.username ? " · " + tr("you") : ""
            let who = "● \(entry.fullName) (\(entry.username)\(you))"
            let y = rect.y + 1 + row
            let width = min(34, rect.width / 2)
            grid.write(who, x: rect.x + 1, y: y, width: width, style: theme[.normal])
            grid.write(entry.whereabouts, x: rect.x + 2 + width, y: y, maxWidth: rect.width - width - 3,
                       style: entry.place.editing ? theme[.warning] : theme[.dim])
        }
        if connected.count > Self.connectedRows {
            grid.write(tr("… and {0} more", connected.count - Self.connectedRows), x: rect.x + 1, y: rect.maxY - 1, maxWidth: rect.width - 2, style: theme[.dim])
        }
    }
}
