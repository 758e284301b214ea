import KontorModel
import KontorUI

/// A lookup on the stack (a customer, a product, a colleague): type to
/// narrow, Enter picks, Esc closes. The answer is a typed continuation —
/// the closure given when it opens receives the chosen item — so the
/// screen keeps no "which field was the picker for" state of its own.
///
/// It floats: what it was opened over (a form, a record) stays visible
/// around it. Picking closes the picker first, so the continuation may
/// push what comes next.
final class PickerLayer: Layer {
    let picker: Picker
    private let chosen: (Picker.Item, ScreenHost) throws -> Void
    private let cancelled: (ScreenHost) throws -> Void

    /// - Parameters:
    ///   - chosen: what picking an item does (fill a field, save an owner).
    ///   - cancelled: what Esc does besides closing; nothing by default.
    init(_ picker: Picker, cancelled: @escaping (ScreenHost) throws -> Void = { _ in },
         chosen: @escaping (Picker.Item, ScreenHost) throws -> Void) {
        self.picker = picker
        self.chosen = chosen
        self.cancelled = cancelled
    }

    /// A lookup whose Esc does nothing but close.
    convenience init(_ picker: Picker, picked: @escaping (Picker.Item, ScreenHost) throws -> Void) {
        self.init(picker, chosen: picked)
    }

    override var floats: Bool { true }
    /// Letters narrow the search; they must not switch screens or quit.
    override var capturesText: Bool { true }

    override var actions: [Action] {
        Picker.bindings.map { binding in
            binding.passesThrough ? .passingThrough(binding) : Action(binding: binding) { [unowned self] host in
                try answer(picker.perform(binding.id), host)
            }
        }
    }

    /// Letters and editing keys go to the search text.
    override func handleUnbound(_ key: Key, host: ScreenHost) -> Bool {
        do { try answer(picker.handle(key), host) } catch { host.show(ErrorText.describe(error), isError: true) }
        return true
    }

    private func answer(_ event: Picker.Event, _ host: ScreenHost) throws {
        switch event {
        case .none: return
        case .cancelled:
            close()
            try cancelled(host)
        case let .picked(item):
            close()
            try chosen(item, host)
        }
    }

    /// Someone changed the data: search again, keeping the highlighted row.
    override func dataChanged(_ host: ScreenHost) throws { picker.refresh() }

    override func layout(_ rect: Rect) throws { picker.layout(in: rect) }

    override func select(at point: Point) -> Bool { picker.select(at: point) }

    override func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        picker.draw(in: rect, grid: &grid, theme: theme)
    }
}
