import Foundation
import KontorLocale
import KontorModel
import KontorUI
import Testing

/// A customer's Activity in the 360° view names what was changed as the
/// forms name it, in the person's language, and tells of the customer's
/// contact persons being added and changed.
@MainActor
@Suite("Customer activity in words")
struct CustomerActivityWordsTests {
    /// Zeta Systems gets a new city, notes and phone, and a contact person
    /// who is added and then gets a phone number; the 360° view is opened
    /// and scrolled to its Activity.
    private func activity(_ language: Language) throws -> String {
        let h = try ScreenHarness(size: Size(width: 200, height: 50), language: language)
        let zeta = try #require(try h.customer(named: "Zeta Systems"))
        var fields = zeta.fields
        fields.city = "Bremen"
        fields.notes = "Ruft lieber vormittags an"
        fields.phone = "+49 421 123456"
        fields.paymentTerms = "30"
        try h.database.customers.update(id: zeta.id, fields, expectedVersion: zeta.version, by: h.session)
        let contact = try h.database.customers.addContact(to: zeta.id, ContactFields(name: "Lena Zimmermann", role: "Einkauf"), by: h.session)
        var changed = contact.fields
        changed.phone = "+49 421 654321"
        changed.email = "lena@zeta.example"
        try h.database.customers.updateContact(id: contact.id, changed, expectedVersion: contact.version, by: h.session)
        h.press(.char("/"))
        h.type("zeta")
        h.press(.enter, .enter, .char("G"))
        return h.screen
    }

    @Test func changedFieldsAreNamedAsTheFormNamesThem() throws {
        let screen = try activity(.english)
        #expect(screen.contains("Customer changed: City, Notes, Payment terms, Phone"), "\(screen)")
        #expect(!screen.contains("payment terms") && !screen.contains(": city"), "\(screen)")
    }

    @Test func changedFieldsAreNamedInGerman() throws {
        let screen = try activity(.german)
        #expect(screen.contains("Kunde geändert: Ort, Notizen, Zahlungsziel, Telefon"), "\(screen)")
        #expect(!screen.contains("city") && !screen.contains("notes") && !screen.contains("phone"), "\(screen)")
    }

    @Test func contactPersonsAddedAndChangedAreInTheActivity() throws {
        let screen = try activity(.english)
        #expect(screen.contains("Contact created: Lena Zimmermann"), "\(screen)")
        #expect(screen.contains("Contact changed: Lena Zimmermann · E-mail, Phone"), "\(screen)")
        let german = try activity(.german)
        #expect(german.contains("Kontakt angelegt: Lena Zimmermann"), "\(german)")
        #expect(german.contains("Kontakt geändert: Lena Zimmermann · E-Mail, Telefon"), "\(german)")
    }

    @Test func everyAuditedFieldOfEveryRecordHasAFormName() {
        // The columns the audit log records for each kind of record; none is shown as its column.
        let audited: [String: [String]] = [
            "customer": ["kind", "name", "contact_name", "email", "phone", "street", "postal_code", "city", "country", "vat_id",
                         "buyer_reference", "payment_terms_days", "tags", "notes", "owner_id", "archived"],
            "contact": ["name", "role", "email", "phone", "is_primary"],
            "deal": ["customer_id", "title", "value_cents", "probability", "expected_close", "owner_id", "next_activity", "lead_source", "stage"],
            "deal_line": ["product_id", "description", "quantity", "unit_price_cents", "vat_rate_bp"],
            "ticket": ["subject", "contact_id", "queue", "status", "pending_until", "priority", "assignee_id", "tags"],
            "invoice": ["status", "number", "gross_cents", "paid_cents"],
            "product": ["sku", "ean", "name", "unit", "price_cents", "vat_rate_bp", "cost_cents", "reorder_point", "active", "stocked"],
            "staff": ["username", "full_name", "title", "department", "phone", "role", "active", "manager_id"],
        ]
        for (entity, columns) in audited {
            for column in columns {
                let label = AuditFieldNames.label(entity: entity, column: column)
                #expect(label.first?.isUppercase == true && !label.contains("_"), "\(entity).\(column) → \(label)")
            }
        }
        #expect(AuditFieldNames.labels(entity: "customer", columns: "payment_terms_days, vat_id") == "Payment terms, VAT id")
    }
}
