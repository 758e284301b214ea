import KontorModel

/// A new record begun from where the user stands, done on the screen that
/// is its home: a ticket, a deal or a draft invoice for the customer in
/// view. The other screen opens its own form with the customer (and the
/// contact, where its records have one) filled in.
struct NewWork: Equatable {
    enum Kind: Equatable {
        case ticket, deal, invoice
    }

    var kind: Kind
    var customerID: Int64
    var customerName: String
    /// The contact highlighted where the work began, if one was.
    var contactID: Int64?
    var contactName: String?

    /// The screen that makes such records.
    var screen: ScreenID {
        switch kind {
        case .ticket: return .tickets
        case .deal: return .deals
        case .invoice: return .invoices
        }
    }
}

extension Screen {
    /// By default a screen begins no work handed to it.
    func start(_ work: NewWork, host: ScreenHost) throws -> Bool { false }
}

extension ScreenHost {
    /// A host that runs no screens of its own begins nothing.
    func start(_ work: NewWork) {}
}
