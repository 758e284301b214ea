import KontorLocale
import KontorUI

/// Pasted text and the mouse: what they do on the screens.
///
/// Both come as events of their own (`Key.paste`, `Key.mouse`), never as
/// keys, so neither can run a binding: a paste of "dy" over a list types
/// into its filter if one is open and otherwise does nothing, and a click
/// does what the arrow keys and Enter would.
extension App {
    /// Text pasted: into the field, text area, filter or palette being typed
    /// into, whole; anywhere else, a word that it went nowhere.
    func handlePaste(_ text: String) {
        guard help == nil, quitDialog == nil, noticeList == nil else { return }
        if palette != nil { return handlePalette(.paste(text)) }
        guard let size = lastSize, layout(for: size) != nil else { return }
        if pane.focused {
            return show(tr("Paste ignored: the related pane takes no text"), isError: false)
        }
        if !activeScreen.handleUnbound(.paste(text), host: self) {
            show(tr("Paste ignored: no field is open here (/ starts the filter)"), isError: false)
        }
    }

    /// A click selects the row, linked record or tab under it, a double
    /// click opens the row or record (as Enter would), the wheel scrolls.
    func handleMouse(_ mouse: Mouse) {
        if var overlay = help {
            // The wheel scrolls the help; a click leaves it open.
            if let key = wheelKey(mouse) {
                for _ in 0..<Mouse.wheelLines { _ = overlay.handle(key) }
                help = overlay
            }
            return
        }
        if var list = noticeList {
            // Over the notices the wheel moves along them, a click picks one,
            // a double click opens its ticket (as Enter does).
            if let key = wheelKey(mouse) { for _ in 0..<Mouse.wheelLines { handleNoticeKey(key) } }
            if mouse.kind == .click || mouse.kind == .doubleClick, let size = lastSize, let layout = layout(for: size),
               let index = list.notice(at: mouse.point, in: layout.body) {
                list.cursor = index
                noticeList = list
                if mouse.kind == .doubleClick { handleNoticeKey(.enter) }
            }
            return
        }
        guard quitDialog == nil, let size = lastSize, let layout = layout(for: size) else { return }
        if let palette { return paletteMouse(mouse, palette, over: layout.body) }
        switch mouse.kind {
        case .wheelUp, .wheelDown:
            let lines = mouse.kind == .wheelUp ? -Mouse.wheelLines : Mouse.wheelLines
            let overPane = layout.pane.map { $0.0.contains(mouse.point) } ?? false
            // Over the pane the wheel moves its cursor, once the pane has the focus.
            if overPane, !pane.focused { return }
            if layout.content.contains(mouse.point), !pane.focused, activeScreen.scroll(by: lines, host: self) { return }
            // A record or the pane: the wheel moves as the arrows do. Not in
            // a form, where the arrows move between fields.
            guard !activeScreen.capturesText, let key = wheelKey(mouse) else { return }
            for _ in 0..<Mouse.wheelLines { handleKey(key) }
        case .click, .doubleClick:
            if layout.header.contains(mouse.point) {
                return clickTab(at: mouse.x, in: layout.header, double: mouse.kind == .doubleClick)
            }
            if let (area, _) = layout.pane, area.contains(mouse.point) {
                // A linked record: selected in the pane; a double click opens it, as Enter there does.
                guard pane.select(at: mouse.point) else { return }
                if mouse.kind == .doubleClick { performPane("pane.open") }
                return
            }
            guard layout.content.contains(mouse.point) else { return }
            guard activeScreen.select(at: mouse.point, host: self) else { return }
            if pane.focused {
                pane.focused = false
                paneOpenWhenNarrow = false
            }
            if mouse.kind == .doubleClick { handleKey(.enter) }
        }
    }

    /// A tab clicked: as its key pressed. The second click of a double
    /// click on it does nothing more (its key again would close the record).
    private func clickTab(at x: Int, in header: Rect, double: Bool) {
        guard let index = Chrome.tab(at: x, of: headerTabs, active: activeIndex, right: session.username, badge: noticeBadge, in: header, theme: theme) else { return }
        if double, index == activeIndex { return }
        goToScreen(index)
    }

    /// Over the palette: a click picks a line, a double click runs it, the
    /// wheel moves along the lines.
    private func paletteMouse(_ mouse: Mouse, _ palette: Palette, over area: Rect) {
        if let key = wheelKey(mouse) {
            for _ in 0..<Mouse.wheelLines { handlePalette(key) }
            return
        }
        guard let index = PaletteOverlay.candidate(at: mouse.point, of: palette, in: area) else { return }
        palette.select(index)
        if mouse.kind == .doubleClick { handlePalette(.enter) }
    }

    private func wheelKey(_ mouse: Mouse) -> Key? {
        switch mouse.kind {
        case .wheelUp: return .up
        case .wheelDown: return .down
        default: return nil
        }
    }
}
