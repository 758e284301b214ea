import KontorModel

/// A piece of the letter's body that stays on one page: the title, a table
/// row with its wrapped description, a total, a note. Drawn at a top edge
/// `y` chosen by `SheetLayout.paginate`.
struct Block {
    var height: Double
    /// A table row: on a new page the table's head comes first.
    var isTableRow = false
    /// Goes on the page of the block after it (a title, the table's head).
    var keepsWithNext = false
    var draw: (_ y: Double) -> Void
}

/// Lays an `InvoiceSheet` out on A4 pages: measures every block of the
/// body with the canvas's fonts, breaks the body into pages, and draws the
/// parts every page has.
final class SheetLayout {
    let sheet: InvoiceSheet
    let canvas: PDFCanvas

    static let body = PDFFont(size: 9)
    static let bodyBold = PDFFont(size: 9, bold: true)
    static let small = PDFFont(size: 7, gray: 0.35)
    static let label = PDFFont(size: 8, gray: 0.35)
    static let value = PDFFont(size: 7.5)
    static let infoLabel = PDFFont(size: 7.5, gray: 0.35)
    static let title = PDFFont(size: 13, bold: true)
    /// Line heights in millimetres.
    static let bodyLine = 4.2, smallLine = 3.0, infoLine = 3.6

    init(sheet: InvoiceSheet, canvas: PDFCanvas) {
        self.sheet = sheet
        self.canvas = canvas
    }

    // MARK: Pages

    /// Where the body starts on the first page: under the address field,
    /// or under the information block when that is longer.
    var firstBodyTop: Double {
        max(A4Letter.firstBodyTop, infoBottom + 8)
    }

    /// The blocks of the body, placed on pages.
    func paginate() -> [[(block: Block, y: Double)]] {
        let blocks = bodyBlocks()
        var pages: [[(block: Block, y: Double)]] = [[]]
        var y = firstBodyTop
        var index = 0
        while index < blocks.count {
            let block = blocks[index]
            // A block that keeps with the next moves with it, and so on
            // along the chain (the title with the table's head and first
            // row, the totals with each other) unless the chain is longer
            // than a page.
            var needed = block.height
            var next = index
            while blocks[next].keepsWithNext, next + 1 < blocks.count {
                next += 1
                needed += blocks[next].height
            }
            if needed > A4Letter.bodyBottom - A4Letter.nextBodyTop { needed = block.height }
            if y + needed > A4Letter.bodyBottom, !pages[pages.count - 1].isEmpty {
                pages.append([])
                y = A4Letter.nextBodyTop
                if block.isTableRow {
                    let head = tableHead()
                    pages[pages.count - 1].append((head, y))
                    y += head.height
                }
            }
            pages[pages.count - 1].append((block, y))
            y += block.height
            index += 1
        }
        return pages
    }

    /// What every page has: the letterhead, address and information block
    /// on the first, a running head on the others; folding marks, the page
    /// number and the footer on all.
    func drawFrame(page: Int, of pages: Int) {
        if page == 1 {
            drawLetterhead()
            drawAddress()
            drawInfo()
        } else {
            canvas.text(sheet.title, x: A4Letter.left, y: A4Letter.runningHead, Self.bodyBold)
            canvas.text(sheet.letterhead.first ?? "", x: A4Letter.right, y: A4Letter.runningHead, Self.label, align: .right)
            canvas.line(from: (A4Letter.left, A4Letter.runningHead + 2), to: (A4Letter.right, A4Letter.runningHead + 2), weight: 0.3, gray: 0.6)
        }
        for mark in A4Letter.foldMarks { canvas.line(from: (5, mark), to: (10, mark), weight: 0.3, gray: 0.5) }
        canvas.line(from: (5, A4Letter.punchMark), to: (12, A4Letter.punchMark), weight: 0.3, gray: 0.5)
        canvas.text(sheet.pageWords.label(page: page, of: pages), x: A4Letter.right, y: A4Letter.pageNumber, Self.label, align: .right)
        drawFooter()
    }

    private func drawLetterhead() {
        let name = sheet.letterhead.first ?? ""
        canvas.text(name, x: A4Letter.right, y: 22, PDFFont(size: 16, bold: true), align: .right)
        var y = 28.0
        for line in sheet.letterhead.dropFirst() {
            canvas.text(line, x: A4Letter.right, y: y, Self.label, align: .right)
            y += Self.infoLine
        }
    }

    private func drawAddress() {
        // The return address, small and underlined, fitted to the window's 80 mm.
        var sender = PDFFont(size: 7, gray: 0.35)
        while canvas.width(sheet.senderLine, sender) > 80, sender.size > 5 { sender.size -= 0.25 }
        canvas.text(sheet.senderLine, x: A4Letter.addressText, y: A4Letter.senderBaseline, sender)
        let senderWidth = min(canvas.width(sheet.senderLine, sender), 80)
        canvas.line(from: (A4Letter.addressText, A4Letter.senderBaseline + 0.8),
                    to: (A4Letter.addressText + senderWidth, A4Letter.senderBaseline + 0.8), weight: 0.3, gray: 0.35)
        var y = A4Letter.recipientTop + Self.bodyLine - 1
        for line in sheet.recipient {
            for part in canvas.wrap(line, width: 80, PDFFont(size: 10)) {
                canvas.text(part, x: A4Letter.addressText, y: y, PDFFont(size: 10))
                y += 4.4
            }
        }
    }

    /// Where the information block's values start: after its longest
    /// label (at most 34 mm of it), so a label rarely needs a second line.
    private var infoValueLeft: Double {
        let longest = sheet.info.map { canvas.width($0.label, Self.infoLabel) }.max() ?? 0
        return A4Letter.infoLeft + min(longest, A4Letter.infoLabelMax) + 2
    }

    /// The information block's lines: label and value, each wrapped in its column.
    private var infoLines: [(label: String, value: String)] {
        var lines: [(String, String)] = []
        let valueLeft = infoValueLeft
        for field in sheet.info {
            let parts = canvas.wrap(field.value, width: A4Letter.infoRight - valueLeft, Self.value)
            let labels = canvas.wrap(field.label, width: valueLeft - A4Letter.infoLeft - 1.5, Self.infoLabel)
            for index in 0..<max(parts.count, labels.count) {
                lines.append((index < labels.count ? labels[index] : "", index < parts.count ? parts[index] : ""))
            }
        }
        return lines
    }

    private var infoBottom: Double {
        A4Letter.infoTop + Double(infoLines.count) * Self.infoLine
    }

    private func drawInfo() {
        var y = A4Letter.infoTop
        let valueLeft = infoValueLeft
        for line in infoLines {
            canvas.text(line.label, x: A4Letter.infoLeft, y: y, Self.infoLabel)
            canvas.text(line.value, x: valueLeft, y: y, Self.value)
            y += Self.infoLine
        }
    }

    private func drawFooter() {
        canvas.line(from: (A4Letter.left, A4Letter.footerRule), to: (A4Letter.right, A4Letter.footerRule), weight: 0.3, gray: 0.6)
        for (column, lines) in sheet.footer.prefix(A4Letter.footerColumns.count).enumerated() {
            let x = A4Letter.footerColumns[column]
            let width = (column + 1 < A4Letter.footerColumns.count ? A4Letter.footerColumns[column + 1] : A4Letter.right) - x - 2
            var y = A4Letter.footerTop
            for line in lines {
                for part in canvas.wrap(line, width: width, Self.small) {
                    canvas.text(part, x: x, y: y, Self.small)
                    y += Self.smallLine
                }
            }
        }
    }
}
