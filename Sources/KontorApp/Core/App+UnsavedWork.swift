import KontorModel

/// Typing kept when a session ends without a save — the SSH link dropped,
/// the terminal closed, the process told to stop — and put back into the
/// same form when it is opened again (`UnsavedWork`).
extension App {
    /// Hooks every screen's stack, and says on the first screen what is
    /// waiting, if anything.
    func takeUpUnsavedWork() {
        keptWork = Dictionary(((try? session.unsavedWork()) ?? []).map { ($0.identity, $0) }, uniquingKeysWith: { _, b in b })
        for case let screen as LayeredScreen in screens.map(\.screen) {
            screen.stack.opened = { [weak self] layer in self?.bringBack(into: layer) }
        }
        if !keptWork.isEmpty {
            show(UnsavedWorkWording.waiting(keptWork.values.sorted { $0.keptAt < $1.keptAt }.map(\.title)), isError: false)
        }
    }

    /// Puts what was kept for the layer's form back into it, once.
    private func bringBack(into layer: Layer) {
        guard !keptWork.isEmpty, let identity = layer.workKey ?? layer.workTitle, let work = keptWork[identity] else { return }
        layer.restore(work)
        keptWork[identity] = nil
        do { try session.forgetUnsavedWork(identity) } catch { show(ErrorText.describe(error), isError: true) }
    }

    /// Keeps what every open form holds unsaved: the session is ending
    /// from outside, with nobody to ask whether to discard it.
    func keepUnsavedWork() {
        let stacks = screens.compactMap { ($0.screen as? LayeredScreen)?.stack }
        let work = stacks.flatMap(\.layers).compactMap { layer -> UnsavedWork? in
            guard let title = layer.workTitle, let fields = layer.unsavedFields else { return nil }
            return UnsavedWork(title: title, key: layer.workKey, version: layer.workVersion, fields: fields, base: layer.unsavedBase)
        }
        try? session.keepUnsavedWork(work)
    }
}
