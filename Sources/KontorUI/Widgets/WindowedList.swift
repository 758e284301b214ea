/// The rows of a long list that are near the screen, and a cursor among them.
///
/// The list never holds the whole data set: it keeps a window of rows around
/// what is on screen, and asks its source for the rows just after the last
/// one or just before the first one it holds (keyset pagination). Moving,
/// paging and jumping to either end cost the same at a million rows as at
/// fifty. It knows nothing of what the rows are.
public final class WindowedList<Row: Identifiable> {
    /// Fetches rows in list order: after `row` (from the start when nil);
    /// including `row` itself when `inclusive`.
    public typealias FetchAfter = (_ row: Row?, _ inclusive: Bool, _ limit: Int) throws -> [Row]
    /// Fetches rows in list order that come before `row` (the last ones when nil).
    public typealias FetchBefore = (_ row: Row?, _ limit: Int) throws -> [Row]

    private let fetchAfter: FetchAfter
    private let fetchBefore: FetchBefore

    /// The rows held, in list order.
    public internal(set) var rows: [Row] = []
    /// Index in `rows` of the highlighted row.
    public internal(set) var cursor = 0
    /// Index in `rows` of the first visible row.
    public internal(set) var top = 0
    /// Rows visible at once; set by whoever draws the list.
    public var visibleCount = 20 {
        didSet { visibleCount = max(1, visibleCount); keepCursorVisible() }
    }
    /// Whether the first / last row of the whole list is held.
    public private(set) var atStart = true
    public private(set) var atEnd = true

    /// Rows held at most; beyond this the far end is dropped.
    private var capacity: Int { max(200, visibleCount * 6) }

    public init(fetchAfter: @escaping FetchAfter, fetchBefore: @escaping FetchBefore) {
        self.fetchAfter = fetchAfter
        self.fetchBefore = fetchBefore
    }

    public var selected: Row? { rows.indices.contains(cursor) ? rows[cursor] : nil }
    public var visibleRows: ArraySlice<Row> { rows[min(top, rows.count)..<min(rows.count, top + visibleCount)] }
    public var isEmpty: Bool { rows.isEmpty }

    /// Rows read when the list is (re)loaded: a screen and one more, to
    /// know whether the list goes on. What lies beyond is read when the
    /// cursor goes there: a filter typed letter by letter loads the list
    /// at every letter, and a broad filter at a million rows costs in
    /// proportion to the rows it reads (each letter read twice a screen
    /// before, twice the work for rows mostly never shown).
    private var loadCount: Int { visibleCount + 1 }

    /// Loads the start of the list.
    public func loadFirst() throws {
        let batch = try fetchAfter(nil, false, loadCount)
        rows = batch
        cursor = 0
        top = 0
        atStart = true
        atEnd = batch.count < loadCount
    }

    /// Loads the end of the list, the cursor on the last row.
    public func loadLast() throws {
        let batch = try fetchBefore(nil, loadCount)
        rows = batch
        cursor = max(0, rows.count - 1)
        top = max(0, rows.count - visibleCount)
        atEnd = true
        atStart = batch.count < loadCount
    }

    /// Loads again around the highlighted row (after someone changed the
    /// data): the cursor stays on the same record, at the same height on
    /// screen; if that record is gone, on the one that took its place.
    public func reload() throws {
        guard let current = selected else { return try loadFirst() }
        let screenRow = cursor - top
        // The rows from the cursor to the screen's foot and one more, and
        // those above it on screen: what the frame shows, read again after
        // every save in the office.
        let below = visibleCount - screenRow + 1
        let after = try fetchAfter(current, true, below)
        let anchor = after.first
        // One row more than the screen shows above the cursor: whether any
        // is left above is known, not guessed ("▲" beside a first row).
        let wanted = max(screenRow, 1)
        let fetched = try fetchBefore(anchor ?? current, wanted + 1)
        let before = Array(fetched.suffix(wanted))
        rows = before + after
        atStart = fetched.count <= wanted
        atEnd = after.count < below
        if let index = rows.firstIndex(where: { $0.id == current.id }) {
            cursor = index
        } else {
            cursor = min(before.count, max(0, rows.count - 1))
        }
        top = max(0, cursor - screenRow)
        // Never leave blank rows at the bottom while rows above are hidden.
        if atEnd { top = min(top, max(0, rows.count - visibleCount)) }
        keepCursorVisible()
    }

    /// Moves the cursor by `delta` rows, fetching beyond the window as needed.
    public func move(by delta: Int) throws {
        guard !rows.isEmpty else { return }
        var target = cursor + delta
        if target >= rows.count, !atEnd {
            try extendEnd(by: target - rows.count + 1 + visibleCount)
        }
        if target < 0, !atStart {
            let added = try extendStart(by: -target + visibleCount)
            target += added
        }
        cursor = min(max(0, target), rows.count - 1)
        keepCursorVisible()
        trim()
    }

    /// Scrolls a page, keeping the cursor at the same height on screen.
    public func page(by pages: Int) throws {
        try scroll(by: pages * visibleCount)
    }

    /// Scrolls by `lines` rows (the mouse wheel), keeping the cursor at the
    /// same height on screen; at either end of the list the cursor moves on
    /// to the first or last row.
    public func scroll(by lines: Int) throws {
        guard !rows.isEmpty else { return }
        let screenRow = cursor - top
        try move(by: lines)
        // Make sure a whole page follows the new top, so the view can scroll
        // by a full page rather than stop at the end of what is held.
        if !atEnd, cursor - screenRow + visibleCount > rows.count {
            try extendEnd(by: cursor - screenRow + visibleCount - rows.count + visibleCount)
        }
        top = max(0, min(cursor - screenRow, rows.count - visibleCount))
        keepCursorVisible()
    }

    /// Fetches more rows when the screen has room for more than are held
    /// (after the terminal grew, or on the first frame of a tall terminal).
    public func fillWindow() throws {
        if !atEnd, top + visibleCount > rows.count {
            try extendEnd(by: top + visibleCount - rows.count + visibleCount)
        }
        // At the end of the list, with room below (the terminal grew, or
        // rows left): scroll back so that no row hides above an empty screen.
        if atEnd, top + visibleCount > rows.count {
            if !atStart, rows.count < visibleCount { _ = try extendStart(by: visibleCount) }
            top = max(0, rows.count - visibleCount)
        }
    }

    /// Puts the cursor on the row shown `row` rows below the top of the
    /// window (a click); false when no row is shown there.
    @discardableResult
    public func select(visibleRow row: Int) -> Bool {
        guard row >= 0, row < visibleCount, top + row < rows.count else { return false }
        cursor = top + row
        return true
    }

    /// Puts the cursor on the row with this id if it is held.
    @discardableResult
    public func select(id: Row.ID) -> Bool {
        guard let index = rows.firstIndex(where: { $0.id == id }) else { return false }
        cursor = index
        keepCursorVisible()
        return true
    }

    private func extendEnd(by count: Int) throws {
        let batch = try fetchAfter(rows.last, false, count)
        rows += batch
        if batch.count < count { atEnd = true }
    }

    private func extendStart(by count: Int) throws -> Int {
        let batch = try fetchBefore(rows.first, count)
        rows.insert(contentsOf: batch, at: 0)
        cursor += batch.count
        top += batch.count
        if batch.count < count { atStart = true }
        return batch.count
    }

    private func keepCursorVisible() {
        if cursor < top { top = cursor }
        if cursor >= top + visibleCount { top = cursor - visibleCount + 1 }
        top = max(0, top)
    }

    /// Drops rows far from the screen so the window stays small.
    private func trim() {
        guard rows.count > capacity else { return }
        let keepBefore = visibleCount * 2
        let dropFront = max(0, top - keepBefore)
        if dropFront > 0 {
            rows.removeFirst(dropFront)
            cursor -= dropFront
            top -= dropFront
            atStart = false
        }
        let keepUntil = top + visibleCount * 3
        if rows.count > keepUntil, rows.count > capacity {
            rows.removeLast(rows.count - keepUntil)
            atEnd = false
        }
    }
}

extension WindowedList {
    /// Loads the list around `row` and highlights it (after creating it, say).
    public func show(_ row: Row) throws {
        rows = [row]
        cursor = 0
        top = 0
        try reload()
    }
}
