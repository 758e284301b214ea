import KontorModel

/// Which palette actions a role may use.
///
/// Most screens leave the keys a role may not use out of their bindings;
/// some still list them (marked "admins only" in the help) or leave the
/// refusal to the model. The palette offers nothing the model would refuse,
/// so it asks the same permissions the model checks.
enum PaletteAccess {
    /// The permission a screen's binding needs, by screen title and binding id.
    static let needs: [String: [String: Permission]] = [
        "Customers": front(["customer.new", "customer.edit", "customer.archive", "customer.owner", "contact.new"]),
        "Tickets": front(["ticket.new", "ticket.take", "ticket.assign", "ticket.status", "ticket.priority", "ticket.reply",
                          "ticket.note", "ticket.pending", "ticket.merge"]),
        "Deals": front(["deal.new", "deal.edit", "deal.forward", "deal.backward", "deal.lost", "line.add", "line.edit", "line.remove"]),
        "Invoices": back(["invoice.new", "invoice.issue", "invoice.delete", "invoice.cancel", "line.addProduct", "line.addText",
                          "line.edit", "line.remove", "payment.record"]).merging(["settings.open": .editSettings]) { $1 },
        "Inventory": back(["product.new", "product.edit", "product.activation", "stock.receive", "stock.adjust"]),
        "Staff": ["staff.add": .manageStaff, "staff.role": .manageStaff, "staff.activation": .manageStaff, "staff.edit": .editStaffRecords],
    ]

    static func allows(_ bindingID: String, on screen: String, for session: Session) -> Bool {
        guard let permission = needs[screen]?[bindingID] else { return true }
        return session.may(permission)
    }

    private static func front(_ ids: [String]) -> [String: Permission] {
        Dictionary(uniqueKeysWithValues: ids.map { ($0, Permission.writeFrontOffice) })
    }

    private static func back(_ ids: [String]) -> [String: Permission] {
        Dictionary(uniqueKeysWithValues: ids.map { ($0, Permission.writeBackOffice) })
    }
}
