/// A bank statement as the bank sent it: the account, the balances that
/// frame it, and every booked entry, one per transaction (a batch booking of
/// several transfers becomes several entries). Amounts in cents, signed:
/// credits positive, debits negative. Knows nothing of invoices.
public struct BankStatement: Equatable, Sendable {
    /// The statement's own id (`Stmt/Id`).
    public var id: String
    /// The account's IBAN.
    public var account: String
    public var currency: String
    /// Opening and closing booked balances, when the statement gives them.
    public var opening: Balance?
    public var closing: Balance?
    public var entries: [BankEntry]
    /// An online bank's CSV export, which also lists entries only noted
    /// for booking (vorgemerkt), dated ahead; a camt.053 statement holds
    /// booked entries only.
    public var listsNotedEntries = false

    public struct Balance: Equatable, Sendable {
        public var cents: Int
        public var date: String
    }

    /// Opening plus every entry equals closing; nil when the statement has
    /// no balances to check against.
    public var balancesAgree: Bool? {
        guard let opening, let closing else { return nil }
        return opening.cents + entries.reduce(0) { $0 + $1.amountCents } == closing.cents
    }
}

/// One booked transaction on a statement.
public struct BankEntry: Equatable, Sendable {
    /// The bank's reference for it, unique per account: what makes
    /// importing the same statement twice book nothing twice.
    public var reference: String
    /// Credits positive, debits negative.
    public var amountCents: Int
    public var bookingDate: String
    /// The other side: who paid (for a credit) or was paid (for a debit).
    public var counterpartyName: String
    public var counterpartyIBAN: String
    /// Remittance information: the unstructured lines joined, and a
    /// structured creditor reference when given.
    public var remittance: String
    public var endToEndID: String
    /// A returned direct debit or transfer (`RtrInf`), with its reason code.
    public var returnReason: String?
    /// The line of the file the entry starts on, for messages.
    public var line: Int

    public init(reference: String, amountCents: Int, bookingDate: String, counterpartyName: String = "", counterpartyIBAN: String = "",
                remittance: String = "", endToEndID: String = "", returnReason: String? = nil, line: Int = 0) {
        self.reference = reference
        self.amountCents = amountCents
        self.bookingDate = bookingDate
        self.counterpartyName = counterpartyName
        self.counterpartyIBAN = counterpartyIBAN
        self.remittance = remittance
        self.endToEndID = endToEndID
        self.returnReason = returnReason
        self.line = line
    }
}

/// A statement file that cannot be read: where and why.
public struct BankFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file (and, in a zip, the document) when known.
    public var file: String = ""
    public var line: Int
    public var element: String
    public var message: String

    public init(file: String = "", line: Int, element: String, message: String) {
        self.file = file
        self.line = line
        self.element = element
        self.message = message
    }

    /// "stmt.xml:42: Ntry/Amt: not an amount: '1,00'".
    public var description: String {
        (file.isEmpty ? "" : "\(file):") + (line > 0 ? "\(line): " : (file.isEmpty ? "" : " ")) + (element.isEmpty ? "" : "\(element): ") + message
    }
}
