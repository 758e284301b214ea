import KontorUI

/// A picker on the stack: the user types to search, Enter takes the
/// highlighted row and hands it to `picked`, Esc chooses nothing. The
/// picker closes before `picked` runs, so the answer may push what comes
/// next (a form for the chosen customer, a question).
final class PickerLayer: Layer {
    let picker: Picker
    private let picked: (Picker.Item, ScreenHost) throws -> Void

    init(_ picker: Picker, picked: @escaping (Picker.Item, ScreenHost) throws -> Void) {
        self.picker = picker
        self.picked = picked
    }

    override var floats: Bool { true }
    /// Letters search; they must not switch screens behind the picker.
    override var capturesText: Bool { true }

    override var actions: [Action] {
        Picker.bindings.map { binding in
            binding.passesThrough ? .passingThrough(binding) : Action(binding: binding) { [unowned self] host in
                try answer(picker.perform(binding.id), host)
            }
        }
    }

    override func handleUnbound(_ key: Key, host: ScreenHost) -> Bool {
        do { try answer(picker.handle(key), host) } catch { host.show("\(error)", isError: true) }
        return true
    }

    private func answer(_ event: Picker.Event, _ host: ScreenHost) throws {
        switch event {
        case .none: return
        case .cancelled: close()
        case let .picked(item):
            close()
            try picked(item, host)
        }
    }

    override func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        picker.draw(in: rect, grid: &grid, theme: theme)
    }
}
