import KontorModel

extension CompanySettings {
    /// Everything an invoice needs of the seller that a fixture left empty:
    /// a name and address other than the sample, a VAT id, who to call and
    /// where e-invoices arrive.
    public mutating func completeForInvoices() {
        if name.isEmpty || name == CompanySettings.sampleName { name = "Kontor Test GmbH" }
        if address.isEmpty || address == CompanySettings.sampleAddress { address = "Speicherstraße 12\n20457 Hamburg" }
        if vatID.isEmpty && taxNumber.isEmpty { vatID = "DE136695976" }
        if contactName.isEmpty { contactName = "Jana Hoffmann" }
        if phone.isEmpty { phone = "+49 40 3250 7710" }
        if email.isEmpty { email = "buchhaltung@kontor-test.de" }
        if electronicAddress.isEmpty { electronicAddress = "rechnung@kontor-test.de" }
    }
}

/// Every customer without a full address gets one in Germany (its own city,
/// else Berlin), written directly so that no customer's version changes
/// under a test: an invoice needs the buyer's full address to be issued.
public let fillMissingCustomerAddressesSQL = """
    UPDATE customers SET street = CASE street WHEN '' THEN 'Teststraße 1' ELSE street END,
        postal_code = CASE postal_code WHEN '' THEN '10115' ELSE postal_code END,
        city = CASE city WHEN '' THEN 'Berlin' ELSE city END,
        country = CASE country WHEN '' THEN 'DE' ELSE country END
    WHERE street = '' OR postal_code = '' OR city = '' OR country = ''
    """
