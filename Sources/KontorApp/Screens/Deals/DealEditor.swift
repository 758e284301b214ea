import KontorModel
import KontorLocale
import KontorUI

/// Which lookup a field of a Deals form opens, and what its pick fills in.
enum DealPickerTarget {
    case customer, owner, product
}

/// The new/edit form of a deal. Customer and owner are chosen with the
/// shared pickers (the field shows the name, the editor keeps the id);
/// everything else is text, checked by the model on saving.
struct DealEditor: FormEditor {
    /// The deal being edited; nil for a new one.
    var original: Deal?
    var form: Form
    var customerID: Int64?
    var ownerID: Int64?

    /// The form's field ids are the model's field names, so that its
    /// validation messages land beside the right field.
    static let pickerFields: [String: DealPickerTarget] = ["customer": .customer, "owner": .owner]

    init(editing deal: Deal?, customerName: String = "", ownerName: String = "", defaultOwner: StaffMember? = nil) {
        original = deal
        let fields = deal?.fields ?? DealFields(ownerID: defaultOwner?.id)
        customerID = fields.customerID
        ownerID = fields.ownerID
        let owner = deal == nil ? (defaultOwner?.fullName ?? "") : ownerName
        form = Form(title: deal.map { tr("Edit deal · {0}", $0.title) } ?? tr("New deal"), fields: [
            Form.Field(id: "customer", label: "Customer", value: customerName, hint: "type or Enter to choose"),
            Form.Field(id: "title", label: "Title", value: fields.title, maxLength: DealFields.maxTitleLength, hint: "required"),
            Form.Field(id: "value", label: "Value", value: deal == nil && fields.valueCents == 0 ? "" : Money.format(cents: fields.valueCents),
                       maxLength: 24, hint: "e.g. 12.500,00"),
            Form.Field(id: "probability", label: "Probability %", value: fields.probability.map(String.init) ?? "", maxLength: 5,
                       hint: "empty: the stage's default"),
            Form.Field(id: "expected close", label: "Expected close", value: Format.day(fields.expectedClose), maxLength: 20, hint: "e.g. 31.12.2026")
                .explained(by: Format.typedDay(future: true)),
            Form.Field(id: "owner", label: "Owner", value: owner, hint: "type or Enter to choose; Ctrl-U clears"),
            Form.Field(id: "next activity", label: "Next activity", value: Format.day(fields.nextActivity), maxLength: 20, hint: "e.g. 01.12.2026 or +7 (none: stale)")
                .explained(by: Format.typedDay(future: true)),
            Form.Field(id: "lead source", label: "Lead source", value: fields.leadSource, maxLength: DealFields.maxLeadSourceLength,
                       hint: "trade fair, website, …"),
        ])
    }

    var focusedField: String { form.fields[form.focus].id }
    var focusedPicker: DealPickerTarget? { Self.pickerFields[focusedField] }

    mutating func setText(_ id: String, _ text: String) {
        guard let index = form.fields.firstIndex(where: { $0.id == id }) else { return }
        form.fields[index].input.text = text
        form.show(errors: form.errors.filter { $0.key != id })
        form.focus = index
    }

    mutating func picked(_ target: DealPickerTarget, _ item: Picker.Item) {
        switch target {
        case .customer:
            customerID = item.id
            setText("customer", item.cells.first ?? "")
        case .owner:
            ownerID = item.id
            setText("owner", item.cells.first ?? "")
        case .product:
            break
        }
        // On to the next field, as after typing a value.
        form.focus = min(form.fields.count - 1, form.focus + 1)
    }

    var pickedFields: Set<String> { ["customer", "owner"] }

    /// A merged customer or owner brings its id with its name.
    mutating func adopt(_ field: String, from other: DealEditor) {
        form.setValue(field, other.form.value(field))
        if field == "customer" { customerID = other.customerID }
        if field == "owner" { ownerID = other.ownerID }
    }

    mutating func clearOwner() {
        ownerID = nil
        setText("owner", "")
    }

    /// The fields as the model takes them, or the problems with reading
    /// the typed amounts and numbers (which the model never sees as text).
    func fields() -> Result<DealFields, ValidationFailure> {
        var issues: [FieldIssue] = []
        let valueText = form.value("value").trimmingCharacters(in: .whitespaces)
        var value = 0
        if !valueText.isEmpty {
            if let parsed = Money.parse(valueText) { value = parsed } else { issues.append(FieldIssue(field: "value", message: tr("must be an amount like 12.500,00"))) }
        }
        let probabilityText = form.value("probability").filter { $0 != "%" }.trimmingCharacters(in: .whitespaces)
        var probability: Int?
        if !probabilityText.isEmpty {
            if let parsed = Int(probabilityText) { probability = parsed } else { issues.append(FieldIssue(field: "probability", message: tr("must be a whole number from 0 to 100"))) }
        }
        let fields = DealFields(
            customerID: customerID, title: form.value("title"), valueCents: value, probability: probability,
            expectedClose: form.value("expected close"), ownerID: ownerID, nextActivity: form.value("next activity"),
            leadSource: form.value("lead source"))
        guard !issues.isEmpty else { return .success(fields) }
        // The model's verdict on the rest, so that every field is marked at once.
        let others = fields.normalized().validate()?.issues.filter { issue in !issues.contains { $0.field == issue.field } } ?? []
        return .failure(ValidationFailure(issues + others))
    }

    /// Shows the model's verdict beside each field.
    mutating func show(_ failure: ValidationFailure) {
        form.show(failure.issues)
    }
}

/// The form of one deal line: a product from the inventory (picked), or a
/// description for a service; empty price and VAT take the product's.
struct DealLineEditor: FormEditor {
    var dealID: Int64
    /// The line being edited; nil for a new one.
    var original: DealLine?
    var form: Form
    var productID: Int64?

    static let pickerFields: [String: DealPickerTarget] = ["product": .product]

    init(dealID: Int64, editing line: DealLine?, productLabel: String = "") {
        self.dealID = dealID
        original = line
        productID = line?.productID
        form = Form(title: line.map { tr("Edit line {0} · {1}", $0.position, $0.description) } ?? tr("New line"), fields: [
            Form.Field(id: "product", label: "Product", value: productLabel, hint: "type or Enter to choose; Ctrl-U: none"),
            Form.Field(id: "description", label: "Description", value: line?.description ?? "", maxLength: DealLineFields.maxDescriptionLength,
                       hint: "empty: the product's name"),
            Form.Field(id: "quantity", label: "Quantity", value: (line?.quantity ?? 1).description, maxLength: 14),
            Form.Field(id: "unit price", label: "Unit price", value: line.map { Money.format(cents: $0.unitPriceCents) } ?? "", maxLength: 20,
                       hint: "empty: the product's price"),
            Form.Field(id: "VAT rate", label: "VAT %", value: line.map { String($0.vatRateBP / 100) } ?? "", maxLength: 4,
                       hint: "19, 7 or 0; empty: the product's"),
        ])
    }

    var focusedPicker: DealPickerTarget? { Self.pickerFields[form.fields[form.focus].id] }

    mutating func picked(_ item: Picker.Item) {
        // Another product: the line's own description, price and rate, as
        // they were and not typed over, give way to the new product's.
        if item.id != productID, let line = original {
            let kept = [("description", line.description), ("unit price", Money.format(cents: line.unitPriceCents)),
                        ("VAT rate", String(line.vatRateBP / 100))]
            for (field, value) in kept where form.value(field) == value { form.setValue(field, "") }
        }
        productID = item.id
        if let index = form.fields.firstIndex(where: { $0.id == "product" }) {
            form.fields[index].input.text = item.cells.prefix(2).joined(separator: " · ")
            form.show(errors: form.errors.filter { $0.key != "product" })
            form.focus = index + 1
        }
    }

    var pickedFields: Set<String> { ["product"] }

    /// A merged product brings its id with its name.
    mutating func adopt(_ field: String, from other: DealLineEditor) {
        form.setValue(field, other.form.value(field))
        if field == "product" { productID = other.productID }
    }

    mutating func clearProduct() {
        productID = nil
        if let index = form.fields.firstIndex(where: { $0.id == "product" }) { form.fields[index].input.text = "" }
    }

    func fields() -> Result<DealLineFields, ValidationFailure> {
        var issues: [FieldIssue] = []
        let quantityText = form.value("quantity").trimmingCharacters(in: .whitespaces)
        let quantity = Quantity.parse(quantityText)
        if quantity == nil { issues.append(FieldIssue(field: "quantity", message: tr("must be a number with up to three decimals, like 3 or 2,5"))) }
        let priceText = form.value("unit price").trimmingCharacters(in: .whitespaces)
        var price: Int?
        if !priceText.isEmpty {
            price = Money.parse(priceText)
            if price == nil { issues.append(FieldIssue(field: "unit price", message: tr("must be an amount like 1.234,50"))) }
        }
        let vatText = form.value("VAT rate").filter { $0 != "%" }.trimmingCharacters(in: .whitespaces)
        var vat: Int?
        if !vatText.isEmpty {
            if let percent = Int(vatText) { vat = percent * 100 } else { issues.append(FieldIssue(field: "VAT rate", message: tr("must be 19, 7 or 0"))) }
        }
        let fields = DealLineFields(productID: productID, description: form.value("description"), quantity: quantity ?? 1,
                                    unitPriceCents: price, vatRateBP: vat)
        guard !issues.isEmpty else { return .success(fields) }
        let others = fields.normalized().validate()?.issues.filter { issue in !issues.contains { $0.field == issue.field } } ?? []
        return .failure(ValidationFailure(issues + others))
    }

    mutating func show(_ failure: ValidationFailure) {
        form.show(failure.issues)
    }
}

extension DealEditor {
    var workRecord: WorkRecord? { WorkRecord("deal", id: original?.id, version: original?.version) }
    mutating func expect(version: Int) { original?.version = version }
}

extension DealLineEditor {
    /// A line is saved against its deal's version as shown, so the key alone.
    var workRecord: WorkRecord? { WorkRecord("deal line", id: original?.id, version: nil, under: "deal \(dealID)") }
}
