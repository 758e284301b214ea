import KontorModel
import KontorLocale
import KontorUI

@MainActor
/// A customer's record as text, whole or short (beside a ticket's thread).
enum CustomerCard {
    /// Returns the number of lines written.
    @discardableResult
    static func draw(_ c: Customer, in rect: Rect, grid: inout Grid, theme: Theme, full: Bool) -> Int {
        grid.fill(rect, style: theme[.normal])
        let x = rect.x + (full ? 2 : 0)
        let width = rect.maxX - x - 1
        var y = rect.y
        func line(_ text: String, _ role: Theme.Role = .normal) {
            guard y < rect.maxY else { return }
            grid.write(text, x: x, y: y, maxWidth: width, style: theme[role])
            y += 1
        }
        func field(_ label: String, _ value: String) {
            guard y < rect.maxY, !value.isEmpty else { return }
            grid.write(label, x: x, y: y, width: 12, style: theme[.label])
            grid.write(value, x: x + 13, y: y, maxWidth: width - 13, style: theme[.normal])
            y += 1
        }
        line(c.name, .title)
        if c.archived { line(tr("▪ archived: not in the active list"), .marked) }
        y += 1
        field(tr("Contact"), c.fields.contactName)
        field(tr("E-mail"), c.fields.email)
        field(tr("Phone"), c.fields.phone)
        let town = [c.fields.postalCode, c.fields.city].filter { !$0.isEmpty }.joined(separator: " ")
        let address = [c.fields.street, town, c.fields.country].filter { !$0.isEmpty }
        for (i, part) in address.enumerated() { field(i == 0 ? tr("Address") : "", part) }
        field(tr("VAT id"), c.fields.vatID)
        if !c.fields.notes.isEmpty {
            y += 1
            line(tr("Notes"), .label)
            for paragraph in c.fields.notes.split(separator: "\n", omittingEmptySubsequences: false) {
                for wrapped in TextWidth.wrap(String(paragraph), to: width) { line(wrapped) }
            }
        }
        if full {
            y += 1
            line(tr("Changed {0} by {1} · created {2} · #{3}", Format.localTime(c.updatedAt), c.updatedBy, Format.localTime(c.createdAt), c.id), .dim)
        }
        return y - rect.y
    }
}
