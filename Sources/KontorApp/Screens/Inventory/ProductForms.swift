import Foundation
import KontorLocale
import KontorModel
import KontorUI

/// The new/edit form for a product. Field ids are the model's field names,
/// so the model's `ValidationFailure` lands beside the right field.
struct ProductEditor: FormEditor {
    /// The product being edited; nil for a new one.
    var original: Product?
    var form: Form

    static let vatField = "VAT rate"
    static let kindField = "kind"

    init(editing product: Product?) {
        original = product
        let f = product?.fields ?? ProductFields(sku: "", name: "", price: "")
        form = Form(title: product.map { tr("Edit product · {0}", $0.fields.name) } ?? tr("New product"), fields: [
            Form.Field(id: "SKU", label: "SKU", value: f.sku, maxLength: 60, hint: "letters, digits, - _ . /"),
            Form.Field(id: "EAN", label: "EAN", value: f.ean, maxLength: 20, hint: "8 or 13 digits, optional"),
            Form.Field(id: "name", label: "Name", value: f.name, maxLength: 250, hint: "required"),
            Form.Field(id: "unit", label: "Unit", value: product == nil ? "Stk" : f.unit, maxLength: 20, hint: "Stk, kg, h, …"),
            Form.Field(id: "price", label: "Price", value: f.price, maxLength: 20, hint: "net, like 12,50"),
            Form.Field(id: Self.vatField, label: "VAT rate", value: "\(f.vatRate.rawValue / 100)", maxLength: 6, hint: "19, 7 or 0 (%)"),
            Form.Field(id: "cost", label: "Cost", value: product == nil ? "0,00" : f.cost, maxLength: 20, hint: "purchase price"),
            Form.Field(id: "reorder point", label: "Reorder point", value: f.reorderPoint, maxLength: 9, hint: "reorder below this"),
            Form.Field(id: Self.kindField, label: "Kind", choosing: f.stocked ? "goods" : "service",
                       from: [Form.Choice("goods", "goods (stocked)"), Form.Choice("service", "service (no stock)")]),
        ])
    }

    /// "19", "19 %", "7%" → the rate; nil for anything else.
    static func vatRate(_ text: String) -> VATRate? {
        let digits = text.filter { !$0.isWhitespace && $0 != "%" }
        return Int(digits).flatMap { VATRate(rawValue: $0 * 100) }
    }

    /// "goods" → stocked, "service" → not; nil for anything else.
    static func stocked(_ text: String) -> Bool? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "goods", "g", "ware", "waren", "": return true
        case "service", "s", "dienstleistung", "leistung": return false
        default: return nil
        }
    }

    /// The typed fields; the VAT rate and the kind separately, nil when
    /// they are not one the model knows.
    var fields: (ProductFields, VATRate?) {
        let rate = Self.vatRate(form.value(Self.vatField))
        let fields = ProductFields(sku: form.value("SKU"), ean: form.value("EAN"), name: form.value("name"), unit: form.value("unit"),
                                   price: form.value("price"), vatRate: rate ?? .standard, cost: form.value("cost"),
                                   reorderPoint: form.value("reorder point"), active: original?.fields.active ?? true,
                                   stocked: Self.stocked(form.value(Self.kindField)) ?? true)
        return (fields, rate)
    }

    var kindIsValid: Bool { Self.stocked(form.value(Self.kindField)) != nil }
}

/// Receiving goods or adjusting the stock: a quantity and a reference or reason.
struct StockEditor: FormEditor {
    enum Kind { case receive, adjust }

    let kind: Kind
    let product: Product
    var form: Form

    init(_ kind: Kind, product: Product, onHand: Int) {
        self.kind = kind
        self.product = product
        switch kind {
        case .receive:
            form = Form(title: tr("Receive goods · {0} {1} · {2} {3} on hand", product.fields.sku, product.fields.name, onHand, product.fields.unit), fields: [
                Form.Field(id: "quantity", label: "Quantity", value: "", maxLength: 20, hint: tr("{0} received", product.fields.unit)),
                Form.Field(id: "reference", label: "Delivery note", value: "", maxLength: 80, hint: "optional, e.g. LS-4711"),
            ])
        case .adjust:
            form = Form(title: tr("Adjust stock · {0} {1} · {2} {3} on hand", product.fields.sku, product.fields.name, onHand, product.fields.unit), fields: [
                Form.Field(id: "quantity", label: "Change", value: "", maxLength: 20, hint: "+5 found, -3 broken"),
                Form.Field(id: "reason", label: "Reason", value: "", maxLength: 200, hint: "required: count, breakage, loss…"),
            ])
        }
    }

    /// The typed quantity; nil when it is not a whole number.
    /// Read as an invoice line's quantity is ("1.000" is a thousand, "−3"
    /// with the minus Kontor shows), and whole: stock is counted in pieces.
    /// A comma, or a point not grouping thousands ("1,000", "1.00"), is
    /// refused: in a count of pieces it is a fraction or a thousand, and
    /// which one cannot be told.
    var quantity: Int? {
        let text = form.value("quantity").filter { !$0.isWhitespace }
        let digits = String(text.drop { "+-\u{2212}".contains($0) })
        let groups = digits.split(separator: Character("."), omittingEmptySubsequences: false)
        guard !digits.contains(","), groups.dropFirst().allSatisfy({ $0.count == 3 }),
              let quantity = Quantity.parse(text.hasPrefix("+") ? String(text.dropFirst()) : text), quantity.milli % 1000 == 0 else { return nil }
        return quantity.whole
    }
}

extension ProductEditor {
    var workRecord: WorkRecord? { WorkRecord("product", id: original?.id, version: original?.version) }
    mutating func expect(version: Int) { original?.version = version }
}
