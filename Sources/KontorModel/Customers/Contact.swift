import GRDB

/// A person at a customer: who to call, who gets the invoice.
public struct Contact: Equatable, Sendable, Identifiable, FetchableRecord {
    public var id: Int64
    public var customerID: Int64
    public var fields: ContactFields
    public var version: Int
    public var updatedAt: String
    public var updatedBy: String

    public init(row: Row) {
        id = row["id"]
        customerID = row["customer_id"]
        fields = ContactFields(name: row["name"], role: row["role"], email: row["email"], phone: row["phone"], isPrimary: row["is_primary"])
        version = row["version"]
        updatedAt = row["updated_at"]
        updatedBy = row["updated_by"]
    }
}

public struct ContactFields: Equatable, Sendable {
    public var name: String
    public var role: String
    public var email: String
    public var phone: String
    public var isPrimary: Bool

    public init(name: String, role: String = "", email: String = "", phone: String = "", isPrimary: Bool = false) {
        self.name = name
        self.role = role
        self.email = email
        self.phone = phone
        self.isPrimary = isPrimary
    }

    /// The contact person a new customer's "contact" field names, with the
    /// customer's e-mail and phone, as its primary contact; nil when the
    /// field is empty. Written with the customer (a form, an import), so
    /// the contacts pane, mail and the invoice's buyer contact find the
    /// person the customer was entered with.
    static func main(of customer: CustomerFields) -> ContactFields? {
        guard !customer.contactName.isEmpty else { return nil }
        return ContactFields(name: customer.contactName, email: customer.email, phone: customer.phone, isPrimary: true)
    }

    public func normalized() -> ContactFields {
        var copy = self
        copy.name = TextFolding.trimmed(name)
        copy.role = TextFolding.trimmed(role)
        copy.email = TextFolding.trimmed(email)
        copy.phone = TextFolding.trimmed(phone)
        return copy
    }

    /// The same rules as the customer's fields of the same name.
    public func validate() -> ValidationFailure? {
        let asCustomer = CustomerFields(name: name, contactName: role, email: email, phone: phone).validate()
        let issues = (asCustomer?.issues ?? []).map { issue in
            issue.field == "contact" ? FieldIssue(field: "role", message: issue.message) : issue
        }
        return issues.isEmpty ? nil : ValidationFailure(issues)
    }
}
