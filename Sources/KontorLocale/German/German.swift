/// The German catalog: the English text (the key) and its German, in
/// files by area so that each reads as the screens it belongs to do.
///
/// Words used throughout: Kunde, Ticket, Deal, Rechnung, Gutschrift,
/// Artikel, Lager, Personal, Übersicht; actions in the infinitive
/// ("Kunden anlegen"), as German software writes them, never "Sie" or
/// "du"; abbreviations chosen here, never made by cutting a word.
enum German {
    static let catalog: [String: String] = {
        var all: [String: String] = [:]
        for (_, part) in parts {
            all.merge(part) { first, _ in first }
        }
        return all
    }()

    /// Every area's entries, by the area's name (a test checks that no
    /// English text is given two different Germans).
    static let parts: [(String, [String: String])] = [
        ("chrome", chrome),
        ("frame", frame),
        ("model", model),
        ("fields", fields),
        ("e-invoice", eInvoice),
        ("command line", commandLine),
        ("customers", customers),
        ("tickets", tickets),
        ("deals", deals),
        ("invoices", invoices),
        ("inventory", inventory),
        ("staff", staff),
        ("dashboard", dashboard),
        ("list choices", listChoices),
    ]
}
