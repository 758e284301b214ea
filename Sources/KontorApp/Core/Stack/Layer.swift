import KontorModel
import KontorUI

/// Something a screen shows over its list: a record's detail, a form, a
/// dialog, a picker. Layers sit on the screen's `ModalStack`; the top one
/// takes the keys, Esc or an answer closes it, and what was beneath shows
/// again as it was — there is no `returnTo` to thread through.
@MainActor
class Layer {
    /// The stack the layer is on, while it is on one.
    weak var stack: ModalStack?

    /// The keys that work while this layer is on top.
    var actions: [Action] { [] }
    /// True while letters are text, not commands (forms, dialogs).
    var capturesText: Bool { false }
    /// True when closing now would lose typed changes.
    var hasUnsavedChanges: Bool { false }
    /// Whether the layer beneath stays visible around it (a dialog over a
    /// form): then that one is drawn first.
    var floats: Bool { false }

    /// A key none of `actions` claimed (typing into a field).
    func handleUnbound(_ key: Key, host: ScreenHost) -> Bool { false }
    /// A click at `point`: puts the layer's cursor on the row there, if it
    /// has rows; returns whether it did (a double click then presses Enter).
    func select(at point: Point) -> Bool { false }
    /// The update step: the layer will be drawn into `rect`; read now
    /// what must be read to fill it (a window of rows), never in `draw`.
    func layout(_ rect: Rect) throws {}
    /// Draws the layer; returns where the text cursor goes, if anywhere.
    /// Reads nothing.
    func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? { nil }
    /// The data changed (maybe in another session): read again what is shown.
    func dataChanged(_ host: ScreenHost) throws {}
    /// The areas of the business what the layer shows is read from: a
    /// colleague's save to any other leaves it as it is. By default all.
    var shownAreas: Set<DataArea> { Set(DataArea.allCases) }

    /// The title of the form this layer is, under which typing is kept
    /// when a session ends unsaved (`UnsavedWork`); nil for a layer that
    /// holds no typing.
    var workTitle: String? { nil }
    /// Which form on which record, in no language, for typing kept to be
    /// found again in a session that speaks another; nil: the title.
    var workKey: String? { nil }
    /// The version of the record the typing is done over, where it has one.
    var workVersion: Int? { nil }
    /// Each field's text as the form opened, by field, beside `unsavedFields`.
    var unsavedBase: [String: String]? { nil }
    /// What was typed, by field, while there are unsaved changes.
    var unsavedFields: [String: String]? { nil }
    /// Puts typing kept from a session that ended unsaved back, and says so.
    func restore(_ work: UnsavedWork) {}

    /// Takes this layer, and any above it, off the stack.
    func close() { stack?.remove(self) }
}

/// The layers over one screen's list, newest on top.
@MainActor
final class ModalStack {
    private(set) var layers: [Layer] = []

    var top: Layer? { layers.last }
    var isEmpty: Bool { layers.isEmpty }
    /// Whether something is being typed over the record: a form, a reply,
    /// a prompt or a lookup for one. What colleagues see as "editing".
    var isEditing: Bool { layers.contains { $0.capturesText || $0.hasUnsavedChanges } }

    /// Told of every layer pushed (the App puts kept typing back into a
    /// form opened again).
    var opened: ((Layer) -> Void)?

    func push(_ layer: Layer) {
        layer.stack = self
        layers.append(layer)
        opened?(layer)
    }

    /// Removes `layer` and everything above it.
    func remove(_ layer: Layer) {
        guard let index = layers.firstIndex(where: { $0 === layer }) else { return }
        for gone in layers[index...] { gone.stack = nil }
        layers.removeSubrange(index...)
    }

    /// Puts `new` where `old` is (and drops what was above it).
    func replace(_ old: Layer, with new: Layer) {
        remove(old)
        push(new)
    }

    func removeAll() {
        layers.forEach { $0.stack = nil }
        layers = []
    }

    /// The topmost layer of a kind, e.g. the detail beneath a form.
    func last<T: Layer>(_ type: T.Type) -> T? {
        layers.last { $0 is T } as? T
    }

    var capturesText: Bool { top?.capturesText ?? false }
    var hasUnsavedChanges: Bool { layers.contains { $0.hasUnsavedChanges } }

    /// What the layers show is read from; nothing while the stack is empty.
    var shownAreas: Set<DataArea> { layers.reduce(into: []) { $0.formUnion($1.shownAreas) } }

    /// Every layer reads again, bottom first.
    func dataChanged(_ host: ScreenHost) throws {
        for layer in layers { try layer.dataChanged(host) }
    }

    /// Whether the list still shows beneath every layer (questions and
    /// pickers float over it): then its highlighted row, and the related
    /// pane beside it, stay.
    var listShows: Bool { layers.allSatisfy(\.floats) }

    /// The update step for the layers that will be drawn.
    func layout(_ rect: Rect) throws {
        let start = layers.lastIndex { !$0.floats } ?? 0
        for layer in layers[start...] { try layer.layout(rect) }
    }

    /// Draws the layers that can be seen: from the topmost one that covers
    /// the area up, or `beneath` (the list) first when every layer floats.
    func draw(in rect: Rect, grid: inout Grid, theme: Theme, beneath: (inout Grid) -> Point?) -> Point? {
        let start = layers.lastIndex { !$0.floats }
        var cursor: Point? = start == nil ? beneath(&grid) : nil
        for layer in layers[(start ?? 0)...] {
            // The top layer places the cursor: a floating picker has a search
            // field; a dialog returns nil, hiding the cursor of what is beneath.
            cursor = layer.draw(in: rect, grid: &grid, theme: theme)
        }
        return cursor
    }
}
