import Foundation
import KontorText
import GRDB

/// A postal address in the parts an e-invoice names (BT-35 … BT-40,
/// BT-50 … BT-55): street, postal code, city, country.
public struct PostalAddress: Equatable, Sendable, Codable {
    public var street: String
    public var additionalLine: String
    public var postalCode: String
    public var city: String
    /// Two-letter country code.
    public var country: String

    public init(street: String, additionalLine: String = "", postalCode: String, city: String, country: String) {
        self.street = street
        self.additionalLine = additionalLine
        self.postalCode = postalCode
        self.city = city
        self.country = country
    }

    /// The company address as it is kept in the settings, lines of text as
    /// printed ("Speicherstraße 12", "20457 Hamburg", "Deutschland"): the
    /// line that starts with a postal code gives postal code and city, the
    /// first line before it the street, a second one an additional line.
    public init(lines text: String, country: String) {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let townIndex = lines.lastIndex { line in
            let first = line.split(separator: " ", maxSplits: 1)
            return first.count == 2 && first[0].count >= 4 && first[0].allSatisfy({ $0.isASCIIDigit || $0.isUppercase || $0 == "-" })
                && first[0].contains(where: \.isASCIIDigit)
        }
        var streetLines = Array(lines.prefix(townIndex ?? lines.count))
        if townIndex == nil, !streetLines.isEmpty { streetLines.removeLast() }
        street = streetLines.first ?? ""
        additionalLine = streetLines.dropFirst().joined(separator: ", ")
        if let townIndex {
            let parts = lines[townIndex].split(separator: " ", maxSplits: 1)
            postalCode = String(parts[0])
            city = String(parts[1])
        } else {
            postalCode = ""
            city = townIndex == nil ? (lines.last ?? "") : ""
        }
        self.country = country
    }

    /// The fields an address must have on an invoice, by name, that are empty.
    public var missing: [String] {
        [("street", street), ("postal code", postalCode), ("city", city), ("country", country)]
            .filter { $0.1.trimmingCharacters(in: .whitespaces).isEmpty }.map(\.0)
    }
}

/// A seller or buyer as an e-invoice needs them, frozen at issue beside the
/// printed name and address (`invoice_parties.parties`).
public struct PartyDetails: Equatable, Sendable, Codable {
    public var name: String
    public var address: PostalAddress
    public var vatID: String
    public var taxNumber: String
    public var contactName: String
    public var phone: String
    public var email: String
    /// BT-34 / BT-49: where e-invoices reach the party (an e-mail address).
    public var electronicAddress: String
    /// A private person rather than a business (buyers only).
    public var isConsumer: Bool

    public init(name: String, address: PostalAddress, vatID: String = "", taxNumber: String = "", contactName: String = "",
                phone: String = "", email: String = "", electronicAddress: String = "", isConsumer: Bool = false) {
        self.name = name
        self.address = address
        self.vatID = vatID
        self.taxNumber = taxNumber
        self.contactName = contactName
        self.phone = phone
        self.email = email
        self.electronicAddress = electronicAddress
        self.isConsumer = isConsumer
    }
}

/// Both parties of an invoice and how the seller is paid, as stored in
/// `invoice_parties.parties` (JSON): one column, so the snapshot can carry what
/// e-invoices ask for without a column per detail. `json_extract(parties,
/// '$.buyer.address.country')` reads it in a report.
public struct InvoiceParties: Equatable, Sendable, Codable {
    public var seller: PartyDetails
    public var buyer: PartyDetails
    public var iban: String
    public var bic: String
    public var bankName: String
    /// The seller is a small business under §19 UStG.
    public var smallBusiness: Bool

    public init(seller: PartyDetails, buyer: PartyDetails, iban: String = "", bic: String = "", bankName: String = "", smallBusiness: Bool = false) {
        self.seller = seller
        self.buyer = buyer
        self.iban = iban
        self.bic = bic
        self.bankName = bankName
        self.smallBusiness = smallBusiness
    }

    /// The seller from the company settings, the buyer from the customer, as they are now.
    public static func current(settings: CompanySettings, customer: Customer) -> InvoiceParties {
        let f = customer.fields
        let seller = PartyDetails(
            name: settings.name, address: PostalAddress(lines: settings.address, country: settings.country),
            vatID: VATID.normalized(settings.vatID), taxNumber: settings.taxNumber, contactName: settings.contactName,
            phone: settings.phone, email: settings.email, electronicAddress: settings.electronicAddress)
        let buyer = PartyDetails(
            name: f.name, address: PostalAddress(street: f.street, postalCode: f.postalCode, city: f.city, country: f.country.uppercased()),
            vatID: VATID.normalized(f.vatID), contactName: f.contactName, phone: f.phone, email: f.email,
            electronicAddress: f.email, isConsumer: f.kind == .person)
        return InvoiceParties(seller: seller, buyer: buyer, iban: IBAN.normalized(settings.iban), bic: settings.bic.uppercased().filter { !$0.isWhitespace },
                              bankName: settings.bank, smallBusiness: settings.smallBusiness)
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }

    /// The stored snapshot; nil for invoices issued before it was kept.
    static func decode(_ text: String) -> InvoiceParties? {
        try? JSONDecoder().decode(InvoiceParties.self, from: Data(text.utf8))
    }
}
