import KontorLocale

/// The audit log names fields by their columns (`payment_terms_days`,
/// `owner_id`); a history shown to people names them as the record's form
/// does ("Payment terms", German "Zahlungsziel"). This is the one place
/// that says, per kind of record, which form label a column is shown as:
/// customers, contacts, deals and their lines, tickets, invoices, products
/// and staff. A column without a label here (a bookkeeping line) is shown
/// as its words.
public enum AuditFieldNames {
    /// The label of `column` of an `entity` ("customer", "contact", "deal",
    /// "deal_line", "ticket", "invoice", "product", "staff"), in the
    /// person's language.
    public static func label(entity: String, column: String) -> String {
        if let label = labels(entity)[column] { return label }
        var words = column
        for suffix in ["_cents", "_id", "_bp"] where words.hasSuffix(suffix) { words.removeLast(suffix.count) }
        return words.replacingOccurrences(of: "_", with: " ")
    }

    /// One change as people read it: "changed customer #5", German
    /// "Kunde #5 geändert". The actions most changes are (create, update,
    /// import, undo, delete) in the person's language; any other as the
    /// log names it, before the record.
    public static func change(action: String, entity: String, id: Int64) -> String {
        let record = "\(tr(entity, meaning: "a kind of record")) #\(id)"
        switch action {
        case "create": return tr("created {0}", record)
        case "update": return tr("changed {0}", record)
        case "import": return tr("imported {0}", record)
        case "undo": return tr("took back a change of {0}", record)
        case "delete": return tr("deleted {0}", record)
        default: return "\(action) \(record)"
        }
    }

    /// "city, notes" → "City, Notes", each by `label(entity:column:)`.
    public static func labels(entity: String, columns: String) -> String {
        columns.split(separator: ",").map { label(entity: entity, column: $0.trimmingCharacters(in: .whitespaces)) }
            .joined(separator: ", ")
    }

    /// Built when asked, so that the words follow the language chosen.
    private static func labels(_ entity: String) -> [String: String] {
        switch entity {
        case "customer":
            return ["kind": tr("Kind"), "name": tr("Name"), "contact_name": tr("Contact"), "email": tr("E-mail"), "phone": tr("Phone"),
                    "street": tr("Street"), "postal_code": tr("Postal code"), "city": tr("City"), "country": tr("Country"),
                    "vat_id": tr("VAT id"), "buyer_reference": tr("Buyer reference"), "payment_terms_days": tr("Payment terms"),
                    "tags": tr("Tags"), "notes": tr("Notes"), "owner_id": tr("Owner"), "archived": tr("Archived"),
                    "payment_plan_until": tr("Payment plan"), "datev_debtor": tr("Debtor")]
        case "contact":
            return ["name": tr("Name"), "role": tr("Role"), "email": tr("E-mail"), "phone": tr("Phone"), "is_primary": tr("Primary"),
                    "customer_id": tr("Customer")]
        case "deal":
            return ["customer_id": tr("Customer"), "title": tr("Title"), "value_cents": tr("Value"), "probability": tr("Probability %"),
                    "expected_close": tr("Expected close"), "owner_id": tr("Owner"), "next_activity": tr("Next activity"),
                    "lead_source": tr("Lead source"), "stage": tr("Stage"), "lost_reason": tr("Reason"), "invoice_id": tr("Invoice"),
                    "credit_note": tr("Credit note")]
        case "deal_line":
            return ["deal_id": tr("Deal"), "product_id": tr("Product"), "description": tr("Description"), "quantity": tr("Quantity"),
                    "unit_price_cents": tr("Unit price"), "vat_rate_bp": tr("VAT %")]
        case "ticket":
            return ["subject": tr("Subject"), "contact_id": tr("Contact"), "queue": tr("Queue"), "status": tr("Status"),
                    "pending_until": tr("Until"), "priority": tr("Priority"), "assignee_id": tr("Assignee"),
                    "first_response_at": tr("First response"), "merged_into_id": tr("Merged into"), "tags": tr("Tags"),
                    "customer_id": tr("Customer")]
        case "invoice":
            return ["status": tr("Status"), "number": tr("Number"), "gross_cents": tr("Gross"), "paid_cents": tr("Paid"),
                    "customer_id": tr("Customer"), "deal_id": tr("Deal"), "issue_date": tr("Issue date"), "due_date": tr("Due"),
                    "skonto": tr("Skonto"), "level": tr("Level"), "letter": tr("Letter"), "dunning_fee": tr("Dunning fee")]
        case "product":
            return ["sku": tr("SKU"), "ean": tr("EAN"), "name": tr("Name"), "unit": tr("Unit"), "price_cents": tr("Price"),
                    "vat_rate_bp": tr("VAT %"), "cost_cents": tr("Cost"), "reorder_point": tr("Reorder point"),
                    "active": tr("Active"), "stocked": tr("Stocked")]
        case "staff":
            return ["username": tr("Account"), "full_name": tr("Full name"), "title": tr("Title"), "department": tr("Department"),
                    "phone": tr("Phone"), "role": tr("Role"), "active": tr("Active"), "manager_id": tr("Manager"), "key": tr("Key")]
        default:
            return [:]
        }
    }
}
