import KontorLocale
import Foundation
import GRDB
import KontorCSV

/// Products from a file, matched by SKU or EAN. A new product's opening
/// stock is a receipt in the stock ledger, as a delivery would be, never a
/// number written into `on_hand`.
struct ProductImporter: RowImporter {
    let session: Session
    let key: String
    let update: Bool
    /// The lookups and inserts, prepared once for the file.
    private let writer: ImportedProductWriter

    /// Every check comes before the product's insert (a service with stock
    /// is refused before it, not after): a refused row has written nothing.
    var needsSavepoint: Bool { false }

    init(session: Session, key: String, update: Bool, db: Database) throws {
        self.session = session
        self.key = key
        self.update = update
        writer = try ImportedProductWriter(db, by: session)
    }

    /// What a row makes of a new product, worked out from the row alone:
    /// its SKU and EAN, its fields and opening stock, the problems noted.
    struct NewProduct: Sendable {
        var sku: String
        var ean: String
        var read: (fields: ProductFields, stock: Int?)?
        var issues: [(column: String?, message: String)]
    }

    /// `NewProduct` for a row, ahead of its turn (`RowFeed`): the row keeps
    /// its own problems until it turns out to be a new product.
    @Sendable static func prepare(_ row: inout ImportRow) {
        guard row.record.problems.isEmpty, row.record.fields.count == row.mapping.headers.count else { return }
        row.prepared = newProduct(row)
    }

    static func newProduct(_ row: ImportRow) -> NewProduct {
        var copy = row
        let sku = row.has("sku") ? row.text("sku").uppercased() : Self.sku(fromName: row.text("name"))
        let read = fields(row: &copy, sku: sku, base: ProductFields(sku: sku, name: "", price: "0"))
        return NewProduct(sku: sku, ean: row.text("ean").filter { !$0.isWhitespace }, read: read, issues: copy.issues)
    }

    mutating func importRow(_ row: inout ImportRow, _ db: Database, source: String, notices: inout [String]) throws -> RowOutcome {
        let new = (row.prepared as? NewProduct) ?? Self.newProduct(row)
        let (sku, ean) = (new.sku, new.ean)
        let existing = try key == "ean" ? writer.existing(ean: ean) : writer.existing(sku: sku)
        if let id = existing {
            guard update else { return .skipped(id) }
            let old = try Product.existing(db, id: id)
            guard let read = Self.fields(row: &row, sku: sku, base: old.fields), row.issues.isEmpty else { return .rejected }
            let fields = read.0
            if fields == old.fields.normalized() { return .unchanged }
            try ProductRepository.update(db, old, to: fields, action: "import", by: session)
            return .updated(id)
        }
        row.adopt(issues: new.issues)
        guard let read = new.read, row.issues.isEmpty else { return .rejected }
        let (fields, stock) = read
        try writer.checkUnique(fields)
        if let stock, stock > 0, !fields.stocked {
            row.fail("stock", tr("a service has no stock"))
            return .rejected
        }
        return .created(try writer.insert(fields, stock: stock, source: source))
    }

    /// The row's values over `base`, and the opening stock; nil when a value
    /// could not be read (the row says why).
    private static func fields(row: inout ImportRow, sku: String, base: ProductFields) -> (fields: ProductFields, stock: Int?)? {
        var f = base
        f.sku = sku
        // An empty cell leaves the field as it is, as for every column here.
        if row.has("ean"), !row.text("ean").isEmpty { f.ean = row.text("ean") }
        if row.has("name"), !row.text("name").isEmpty { f.name = row.text("name") }
        if row.has("unit"), !row.text("unit").isEmpty { f.unit = row.text("unit") }
        if row.has("price") {
            if row.text("price").isEmpty { row.fail("price", tr("is required")) }
            else if let cents = row.number("price", scale: 2) { f.price = Money.format(cents: Int(cents)) }
        }
        if row.has("cost"), !row.text("cost").isEmpty, let cents = row.number("cost", scale: 2) {
            f.cost = Money.format(cents: Int(cents))
        }
        if row.has("vat"), !row.text("vat").isEmpty {
            let text = row.text("vat").replacingOccurrences(of: "%", with: "")
            switch CellNumber.parse(text, scale: 2, decimalComma: row.decimalComma) {
            case let .success(bp):
                if let rate = VATRate(rawValue: Int(bp)) { f.vatRate = rate } else { row.failValue("vat", tr("must be 19, 7 or 0 (%)")) }
            case let .failure(problem): row.failValue("vat", problem.description)
            }
        }
        if row.has("reorder-point"), !row.text("reorder-point").isEmpty, let n = row.integer("reorder-point") { f.reorderPoint = String(n) }
        if row.has("active"), let active = row.flag("active") { f.active = active }
        if row.has("discontinued"), let gone = row.flag("discontinued") { f.active = !gone }
        if row.has("service"), let service = row.flag("service") { f.stocked = !service }
        var stock: Int?
        if row.has("stock"), !row.text("stock").isEmpty { stock = row.integer("stock") }
        f = f.normalized()
        if let failure = f.validate() { row.add(failure, fieldFor: Self.field(forIssue:)) }
        return (f, stock)
    }

    func field(forIssue name: String) -> String {
        Self.field(forIssue: name)
    }

    static func field(forIssue name: String) -> String {
        switch name {
        case "SKU": return "sku"
        case "EAN": return "ean"
        case "reorder point": return "reorder-point"
        default: return name
        }
    }

    /// An SKU for a file without one, from the name: letters and digits in
    /// capitals (umlauts spelled out), words joined by "-", at most 40.
    static func sku(fromName name: String) -> String {
        let spelled = TextFolding.searchAlias(name).isEmpty ? name : TextFolding.searchAlias(name)
        var out = ""
        for ch in TextFolding.fold(spelled).uppercased() {
            if ch.isASCII && (ch.isLetter || ch.isNumber) { out.append(ch) } else if out.last != "-" && !out.isEmpty { out.append("-") }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return String(out.prefix(40)).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }
}
