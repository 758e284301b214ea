@testable import KontorUI
import Testing

/// A narrow column keeps rows of different values told apart.
@Suite("Table: narrow columns")
struct TableViewTests {
    /// A line whose only column is `name`, with the shorter forms the
    /// customer lists give: without legal form, then "First L.", "F. Last".
    private func line(_ name: String, _ forms: [String]) -> TableView.Line {
        TableView.Line(cells: [name], shorter: [0: forms])
    }

    private func drawn(_ lines: [TableView.Line], width: Int) -> [String] {
        let table = TableView(columns: [.init("Customer", .fixed(width))])
        var grid = Grid(size: Size(width: width + 3, height: lines.count + 1))
        table.draw(lines, cursor: nil, in: grid.bounds, grid: &grid, theme: .fallback)
        return (1...lines.count).map { grid.line($0).trimmingCharacters(in: .whitespaces) }
    }

    @Test func eachLineTakesItsFirstFormThatFits() {
        let rows = drawn([line("Schreinerei Krause GmbH", ["Schreinerei Krause", "Schreinerei K.", "S. Krause"]),
                          line("Ingenieurbüro Bauer GmbH", ["Ingenieurbüro Bauer", "Ingenieurbüro B.", "I. Bauer"])], width: 16)
        #expect(rows == ["Schreinerei K.", "Ingenieurbüro B."], "the first form that fits, the others not needed")
    }

    @Test func twoValuesThatWouldReadAlikeTakeFormsThatDiffer() {
        let rows = drawn([line("Schreinerei Krause GmbH", ["Schreinerei Krause", "Schreinerei K.", "S. Krause"]),
                          line("Schreinerei Kunz GmbH", ["Schreinerei Kunz", "Schreinerei K.", "S. Kunz"]),
                          line("Ingenieurbüro Bauer GmbH", ["Ingenieurbüro Bauer", "Ingenieurbüro B.", "I. Bauer"])], width: 15)
        #expect(rows == ["S. Krause", "S. Kunz", "I. Bauer"])
    }

    @Test func legalFormsAloneTellApartByTheCellCut() {
        let rows = drawn([line("Müller GmbH", ["Müller"]), line("Müller OHG", ["Müller"]), line("Meier GmbH", ["Meier"])], width: 9)
        #expect(rows == ["Müller G…", "Müller O…", "Meier"])
    }

    /// The sort mark stands after its own title, a right-aligned one's
    /// too, and shows even where the title must be cut for it.
    @Test func theSortMarkFollowsItsTitleAndIsNeverCut() {
        var columns: [TableView.Column] = [.init("On hand", .fixed(9), alignRight: true), .init("Reserved", .fixed(9), alignRight: true),
                                           .init("Article number", .fixed(9))]
        columns[1].mark = "▲"
        columns[2].mark = "▼"
        var grid = Grid(size: Size(width: 34, height: 2))
        TableView(columns: columns).draw([], cursor: nil, in: grid.bounds, grid: &grid, theme: .fallback)
        #expect(grid.line(0) == "    On hand Reserv… ▲ Articl… ▼", "\(grid.line(0))")
    }

    @Test func linesOfOneValueStayAlike() {
        let krause = line("Schreinerei Krause GmbH", ["Schreinerei Krause", "Schreinerei K.", "S. Krause"])
        #expect(drawn([krause, krause], width: 15) == ["Schreinerei K.", "Schreinerei K."])
    }
}
