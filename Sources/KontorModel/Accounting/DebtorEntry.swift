import GRDB

/// One movement on a customer's account as a booking source reads it, before
/// it has DATEV's account numbers: an invoice's VAT group, a payment, a
/// refund, a Skonto taken. Every booking Kontor hands to DATEV has the
/// customer on one side, so a movement is the customer's side (signed) and
/// the account on the other.
struct DebtorEntry: Equatable {
    var customerID: Int64
    /// The document date (Belegdatum), ISO.
    var date: String
    /// Belegfeld 1: the number of the document the movement belongs to. A
    /// payment names its invoice, so that DATEV's open items match them.
    var document: String
    /// Belegfeld 2: the other document named, if any (the invoice a credit note cancels).
    var reference: String
    /// The account on the other side (revenue, bank, Skonto), at the advisor's account length.
    var contraAccount: Int
    /// Positive charges the customer (Soll on the debtor), negative credits them (Haben).
    var debtorCents: Int
    /// Buchungstext.
    var text: String
    /// Fälligkeit, for documents: their due date, ISO.
    var dueDate: String?
    /// Leistungsdatum, for documents supplied on another day than their
    /// date: the day of supply or the last day of the service period, ISO.
    /// VAT arises for the period of the supply (§ 13 (1) Nr. 1a UStG), so
    /// an invoice of 07.12. for goods supplied 30.11. is November's.
    var supplyDate: String? = nil
}

/// What a booking source needs besides the database: the period, the
/// accounts (the chart's, or the ones the settings name), and the company as it is (a small business books onto its own
/// accounts).
struct BookingContext {
    var from: String
    var to: String
    /// The accounts on the other side, as the advisor numbers them.
    var accounts: BookingAccounts
    var smallBusiness: Bool
}

/// A kind of business event that becomes bookings: issued documents,
/// money in and out, dunning fees. Adding a kind is one more type
/// that reads its rows for the period and says which account is on the
/// other side, and one more entry in `BookingSources.all`.
protocol BookingSource: SendableMetatype {
    /// The movements dated within the context's period, in any order.
    static func entries(_ db: Database, _ context: BookingContext) throws -> [DebtorEntry]
}

enum BookingSources {
    static let all: [any BookingSource.Type] = [IssuedDocumentBookings.self, PaymentBookings.self, DunningFeeBookings.self, InterestReceivedBookings.self]

    /// Every movement of the period, in the order of the file: by date,
    /// then document, documents before their payments.
    static func entries(_ db: Database, _ context: BookingContext) throws -> [DebtorEntry] {
        var all: [DebtorEntry] = []
        for source in Self.all { all += try source.entries(db, context) }
        // A stable order: sources already list their rows in order.
        return all.enumerated().sorted { a, b in
            (a.element.date, a.offset) < (b.element.date, b.offset)
        }.map(\.element)
    }
}
