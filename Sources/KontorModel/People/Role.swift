import KontorLocale
/// What a member of staff does, and so what they may do.
public enum Role: String, CaseIterable, Sendable, Comparable {
    /// Front office: customers, tickets, deals.
    case front
    /// Back office: invoices, inventory, staff records.
    case back
    /// Both sides, plus reports.
    case manager
    /// Everything, including roles and settings.
    case admin

    public var displayName: String {
        switch self {
        case .front: return tr("Front office")
        case .back: return tr("Back office")
        case .manager: return tr("Manager")
        case .admin: return tr("Admin")
        }
    }

    public static func < (a: Role, b: Role) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public func allows(_ permission: Permission) -> Bool {
        switch permission {
        case .writeFrontOffice: return self != .back
        case .workBillingTickets: return true
        case .writeBackOffice: return self != .front
        case .editStaffRecords: return self != .front
        case .readStaffDetails: return self != .front
        case .manageStaff, .editSettings, .maintain: return self == .admin
        case .viewReports: return self == .manager || self == .admin
        }
    }
}

/// Something a role may or may not do. Checked by the model on every write,
/// so that a screen that forgets to hide an action still cannot perform it.
public enum Permission: String, Sendable, CaseIterable {
    /// Create and change customers, contacts, tickets and deals.
    case writeFrontOffice
    /// Work tickets in the billing queue (reply, note, take, assign, status,
    /// priority): questions about invoices go to whoever keeps them, the
    /// back office included.
    case workBillingTickets
    /// Create and change invoices, payments, products and stock.
    case writeBackOffice
    /// Change staff contact data (title, department, phone, e-mail, manager).
    case editStaffRecords
    /// See staff phone numbers and e-mail addresses.
    case readStaffDetails
    /// Add staff, change roles, deactivate.
    case manageStaff
    /// Change company settings.
    case editSettings
    /// See reports across both sides.
    case viewReports
    /// Back up the database and check the installation (`kontor backup`,
    /// `kontor doctor`): admins, as the copy holds everything.
    case maintain

    var sentence: String {
        switch self {
        case .writeFrontOffice: return tr("change customers, tickets or deals")
        case .workBillingTickets: return tr("work tickets in the billing queue")
        case .writeBackOffice: return tr("change invoices, payments, products or stock")
        case .editStaffRecords: return tr("change staff records")
        case .readStaffDetails: return tr("see staff contact details")
        case .manageStaff: return tr("add staff, change roles or deactivate staff")
        case .editSettings: return tr("change company settings")
        case .viewReports: return tr("see reports")
        case .maintain: return tr("back up the database or check the installation")
        }
    }
}
