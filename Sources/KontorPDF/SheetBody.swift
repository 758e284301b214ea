import KontorModel

/// The body of the letter as blocks: title, salutation, the line table,
/// totals, payments and notes.
extension SheetLayout {
    /// The table's columns in millimetres: left edges for text, right edges for numbers.
    enum Column {
        static let position = 25.0, description = 35.0, descriptionWidth = 62.0
        static let quantityRight = 115.0, unit = 117.0
        static let unitPriceRight = 150.0, vatRight = 163.0, amountRight = 190.0
        /// Totals: labels end here, amounts at `amountRight`.
        static let totalLabelRight = 160.0
    }

    func bodyBlocks() -> [Block] {
        var blocks: [Block] = []
        let width = A4Letter.right - A4Letter.left
        let title = sheet.title
        blocks.append(Block(height: 9, keepsWithNext: true) { [canvas] y in
            canvas.text(title, x: A4Letter.left, y: y + 5, Self.title)
        })
        if let subtitle = sheet.subtitle {
            blocks += paragraph(subtitle, font: Self.bodyBold, width: width, keepsWithNext: true)
        }
        blocks.append(spacer(3))
        for (index, line) in sheet.intro.enumerated() {
            blocks += paragraph(line, font: Self.body, width: width, keepsWithNext: true)
            if index == 0 { blocks.append(spacer(2)) }
        }
        blocks.append(spacer(3))
        var head = tableHead()
        head.keepsWithNext = true
        blocks.append(head)
        blocks += sheet.rows.map(row)
        // The totals stay together, and with the rule above them.
        var totals = [rule(from: A4Letter.left, weight: 0.5)] + sheet.totals.map(total)
        for index in totals.indices.dropLast() { totals[index].keepsWithNext = true }
        blocks += totals
        if !sheet.payments.isEmpty {
            blocks.append(spacer(3))
            var payments = sheet.payments.map(total)
            for index in payments.indices.dropLast() { payments[index].keepsWithNext = true }
            blocks += payments
        }
        if !sheet.notes.isEmpty { blocks.append(spacer(4)) }
        for note in sheet.notes {
            blocks += paragraph(note, font: Self.body, width: width)
            blocks.append(spacer(1.2))
        }
        return blocks
    }

    /// The table's head, drawn again at the top of every page the table continues on.
    func tableHead() -> Block {
        let c = sheet.columns
        return Block(height: Self.bodyLine + 2) { [canvas] y in
            let b = y + Self.bodyLine - 1
            let font = Self.bodyBold
            canvas.text(c.position, x: Column.position, y: b, font)
            canvas.text(c.description, x: Column.description, y: b, font)
            canvas.text(c.quantity, x: Column.quantityRight, y: b, font, align: .right)
            canvas.text(c.unit, x: Column.unit, y: b, font)
            canvas.text(c.unitPrice, x: Column.unitPriceRight, y: b, font, align: .right)
            canvas.text(c.vat, x: Column.vatRight, y: b, font, align: .right)
            canvas.text(c.amount, x: Column.amountRight, y: b, font, align: .right)
            canvas.line(from: (A4Letter.left, y + Self.bodyLine + 0.3), to: (A4Letter.right, y + Self.bodyLine + 0.3), weight: 0.5)
        }
    }

    /// A line of the table: its description wrapped in its column, its own
    /// service period and its discount under it.
    private func row(_ row: InvoiceSheet.Row) -> Block {
        let description = canvas.wrap(row.description, width: Column.descriptionWidth, Self.body)
        let period = row.period.map { canvas.wrap($0, width: Column.vatRight - Column.description - 2, Self.label) } ?? []
        let discount = row.discount.map { canvas.wrap($0.label, width: Column.vatRight - Column.description - 2, Self.label) } ?? []
        let height = Double(description.count + period.count + discount.count) * Self.bodyLine + 1
        return Block(height: height, isTableRow: true) { [canvas] y in
            let b = y + Self.bodyLine - 1 + 0.5
            let font = Self.body
            canvas.text(row.position, x: Column.position, y: b, font)
            for (index, part) in description.enumerated() {
                canvas.text(part, x: Column.description, y: b + Double(index) * Self.bodyLine, font)
            }
            canvas.text(row.quantity, x: Column.quantityRight, y: b, font, align: .right)
            canvas.text(row.unit, x: Column.unit, y: b, font)
            canvas.text(row.unitPrice, x: Column.unitPriceRight, y: b, font, align: .right)
            canvas.text(row.vat, x: Column.vatRight, y: b, font, align: .right)
            canvas.text(row.amount, x: Column.amountRight, y: b, font, align: .right)
            let periodTop = b + Double(description.count) * Self.bodyLine
            for (index, part) in period.enumerated() {
                canvas.text(part, x: Column.description, y: periodTop + Double(index) * Self.bodyLine, Self.label)
            }
            let discountTop = periodTop + Double(period.count) * Self.bodyLine
            for (index, part) in discount.enumerated() {
                canvas.text(part, x: Column.description, y: discountTop + Double(index) * Self.bodyLine, Self.label)
            }
            if let amount = row.discount?.value {
                canvas.text(amount, x: Column.amountRight, y: discountTop, Self.label, align: .right)
            }
        }
    }

    /// A total: its label right-aligned before the amount column; the gross
    /// total and the balance bold under a rule.
    private func total(_ total: InvoiceSheet.Total) -> Block {
        let font = total.isEmphasised ? Self.bodyBold : Self.body
        let label = canvas.wrap(total.label, width: Column.totalLabelRight - A4Letter.left, font)
        let extra = total.isEmphasised ? 1.5 : 0
        return Block(height: Double(label.count) * Self.bodyLine + extra) { [canvas] y in
            if total.isEmphasised {
                canvas.line(from: (Column.totalLabelRight - 40, y + 0.6), to: (A4Letter.right, y + 0.6), weight: 0.5)
            }
            let b = y + extra + Self.bodyLine - 1
            for (index, part) in label.enumerated() {
                canvas.text(part, x: Column.totalLabelRight, y: b + Double(index) * Self.bodyLine, font, align: .right)
            }
            canvas.text(total.amount, x: Column.amountRight, y: b + Double(label.count - 1) * Self.bodyLine, font, align: .right)
        }
    }

    /// Text across the column, one block per line so a long note may
    /// continue on the next page.
    private func paragraph(_ text: String, font: PDFFont, width: Double, keepsWithNext: Bool = false) -> [Block] {
        canvas.wrap(text, width: width, font).map { line in
            Block(height: Self.bodyLine, keepsWithNext: keepsWithNext) { [canvas] y in
                canvas.text(line, x: A4Letter.left, y: y + Self.bodyLine - 1, font)
            }
        }
    }

    private func spacer(_ height: Double) -> Block {
        Block(height: height) { _ in }
    }

    private func rule(from x: Double, weight: Double) -> Block {
        Block(height: 1.5) { [canvas] y in
            canvas.line(from: (x, y + 0.5), to: (A4Letter.right, y + 0.5), weight: weight)
        }
    }
}
