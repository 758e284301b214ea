import KontorUI

/// A screen whose work is not built yet. It says so plainly instead of
/// pretending.
final class PendingScreen: Screen {
    let title: String
    private let purpose: String

    init(title: String, purpose: String) {
        self.title = title
        self.purpose = purpose
    }

    var bindings: [KeyBinding] { [] }
    var capturesText: Bool { false }
    var hasUnsavedChanges: Bool { false }
    func activate(_ host: ScreenHost) {}
    func perform(_ id: String, host: ScreenHost) {}
    func handleUnbound(_ key: Key, host: ScreenHost) -> Bool { false }
    func dataChanged(_ host: ScreenHost) {}

    func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        grid.fill(rect, style: theme[.normal])
        grid.write(title, x: rect.x + 2, y: rect.y, style: theme[.title])
        let lines = [
            "The \(title) screen is not built yet.",
            "",
            purpose,
            "",
            "Press 1 for Customers, ? for the keys.",
        ]
        for (i, line) in lines.enumerated() {
            grid.write(line, x: rect.x + 4, y: rect.y + 2 + i, maxWidth: rect.width - 6, style: i == 0 ? theme[.warning] : theme[.normal])
        }
        return nil
    }
}
