/// The column names of the second line of an EXTF file, as DATEV's own
/// sample files write them. DATEV reads the fields by position; the names
/// are for people, and their count is what DATEV checks.
enum EXTFColumns {
    /// Buchungsstapel, format version 13: 125 columns.
    static let bookings: [String] = {
        var columns = [
            "Umsatz (ohne Soll/Haben-Kz)", "Soll/Haben-Kennzeichen", "WKZ Umsatz", "Kurs", "Basis-Umsatz", "WKZ Basis-Umsatz",
            "Konto", "Gegenkonto (ohne BU-Schlüssel)", "BU-Schlüssel", "Belegdatum", "Belegfeld 1", "Belegfeld 2", "Skonto",
            "Buchungstext", "Postensperre", "Diverse Adressnummer", "Geschäftspartnerbank", "Sachverhalt", "Zinssperre", "Beleglink",
        ]
        for n in 1...8 { columns += ["Beleginfo - Art \(n)", "Beleginfo - Inhalt \(n)"] }
        columns += ["KOST1 - Kostenstelle", "KOST2 - Kostenstelle", "Kost-Menge", "EU-Land u. UStID (Bestimmung)", "EU-Steuersatz (Bestimmung)",
                    "Abw. Versteuerungsart", "Sachverhalt L+L", "Funktionsergänzung L+L", "BU 49 Hauptfunktionstyp",
                    "BU 49 Hauptfunktionsnummer", "BU 49 Funktionsergänzung"]
        for n in 1...20 { columns += ["Zusatzinformation - Art \(n)", "Zusatzinformation- Inhalt \(n)"] }
        columns += ["Stück", "Gewicht", "Zahlweise", "Forderungsart", "Veranlagungsjahr", "Zugeordnete Fälligkeit", "Skontotyp",
                    "Auftragsnummer", "Buchungstyp", "USt-Schlüssel (Anzahlungen)", "EU-Land (Anzahlungen)", "Sachverhalt L+L (Anzahlungen)",
                    "EU-Steuersatz (Anzahlungen)", "Erlöskonto (Anzahlungen)", "Herkunft-Kz", "Buchungs GUID", "KOST-Datum",
                    "SEPA-Mandatsreferenz", "Skontosperre", "Gesellschaftername", "Beteiligtennummer", "Identifikationsnummer",
                    "Zeichnernummer", "Postensperre bis", "Bezeichnung SoBil-Sachverhalt", "Kennzeichen SoBil-Buchung", "Festschreibung",
                    "Leistungsdatum", "Datum Zuord. Steuerperiode", "Fälligkeit", "Generalumkehr (GU)", "Steuersatz", "Land",
                    "Abrechnungsreferenz", "BVV-Position", "EU-Land u. UStID (Ursprung)", "EU-Steuersatz (Ursprung)", "Abw. Skontokonto"]
        return columns
    }()

    /// Debitoren/Kreditoren, format version 5: 254 columns.
    static let debtors: [String] = {
        var columns = [
            "Konto", "Name (Adressattyp Unternehmen)", "Unternehmensgegenstand", "Name (Adressattyp natürl. Person)",
            "Vorname (Adressattyp natürl. Person)", "Name (Adressattyp keine Angabe)", "Adressattyp", "Kurzbezeichnung", "EU-Land",
            "EU-UStID", "Anrede", "Titel/Akad. Grad", "Adelstitel", "Namensvorsatz", "Adressart", "Straße", "Postfach", "Postleitzahl",
            "Ort", "Land", "Versandzusatz", "Adresszusatz", "Abweichende Anrede", "Abw. Zustellbezeichnung 1",
            "Abw. Zustellbezeichnung 2", "Kennz. Korrespondenzadresse", "Adresse Gültig von", "Adresse Gültig bis", "Telefon",
            "Bemerkung (Telefon)", "Telefon GL", "Bemerkung (Telefon GL)", "E-Mail", "Bemerkung (E-Mail)", "Internet",
            "Bemerkung (Internet)", "Fax", "Bemerkung (Fax)", "Sonstige", "Bemerkung (Sonstige)",
        ]
        func bank(_ n: Int) -> [String] {
            ["Bankleitzahl \(n)", "Bankbezeichnung \(n)", "Bank-Kontonummer \(n)", "Länderkennzeichen \(n)", "IBAN-Nr. \(n)", "Leerfeld",
             "SWIFT-Code \(n)", "Abw. Kontoinhaber \(n)", "Kennz. Hauptbankverb. \(n)", "Bankverb \(n) Gültig von", "Bankverb \(n) Gültig bis"]
        }
        for n in 1...5 { columns += bank(n) }
        columns += ["Leerfeld", "Briefanrede", "Grußformel", "Kunden-/Lief.-Nr.", "Steuernummer", "Sprache", "Ansprechpartner",
                    "Vertreter", "Sachbearbeiter", "Diverse-Konto", "Ausgabeziel", "Währungssteuerung", "Kreditlimit (Debitor)",
                    "Zahlungsbedingung", "Fälligkeit in Tagen (Debitor)", "Skonto in Prozent (Debitor)", "Kreditoren-Ziel 1 Tg.",
                    "Kreditoren-Skonto 1 %", "Kreditoren-Ziel 2 Tg.", "Kreditoren-Skonto 2 %", "Kreditoren-Ziel 3 Brutto Tg.",
                    "Kreditoren-Ziel 4 Tg.", "Kreditoren-Skonto 4 %", "Kreditoren-Ziel 5 Tg.", "Kreditoren-Skonto 5 %", "Mahnung",
                    "Kontoauszug", "Mahntext 1", "Mahntext 2", "Mahntext 3", "Kontoauszugstext", "Mahnlimit Betrag", "Mahnlimit %",
                    "Zinsberechnung", "Mahnzinssatz 1", "Mahnzinssatz 2", "Mahnzinssatz 3", "Lastschrift", "Leerfeld", "Mandantenbank",
                    "Zahlungsträger"]
        for n in 1...15 { columns.append("Indiv. Feld \(n)") }
        columns += ["Abweichende Anrede (Rechnungsadresse)", "Adressart (Rechnungsadresse)", "Straße (Rechnungsadresse)",
                    "Postfach (Rechnungsadresse)", "Postleitzahl (Rechnungsadresse)", "Ort (Rechnungsadresse)", "Land (Rechnungsadresse)",
                    "Versandzusatz (Rechnungsadresse)", "Adresszusatz (Rechnungsadresse)", "Abw. Zustellbezeichnung 1 (Rechnungsadresse)",
                    "Abw. Zustellbezeichnung 2 (Rechnungsadresse)", "Adresse Gültig von (Rechnungsadresse)",
                    "Adresse Gültig bis (Rechnungsadresse)"]
        for n in 6...10 { columns += bank(n) }
        columns += ["Nummer Fremdsystem", "Insolvent"]
        for n in 1...10 { columns.append("SEPA-Mandatsreferenz \(n)") }
        columns += ["Verknüpftes OPOS-Konto", "Mahnsperre bis", "Lastschriftsperre bis", "Zahlungssperre bis", "Gebührenberechnung",
                    "Mahngebühr 1", "Mahngebühr 2", "Mahngebühr 3", "Pauschalenberechnung", "Verzugspauschale 1", "Verzugspauschale 2",
                    "Verzugspauschale 3", "Alternativer Suchname", "Status", "Anschrift manuell geändert (Korrespondenzadresse)",
                    "Anschrift individuell (Korrespondenzadresse)", "Anschrift manuell geändert (Rechnungsadresse)",
                    "Anschrift individuell (Rechnungsadresse)", "Fristberechnung bei Debitor", "Mahnfrist 1", "Mahnfrist 2", "Mahnfrist 3",
                    "Letzte Frist"]
        return columns
    }()

    /// The positions (from 0) of the columns by their names, the first one
    /// so named: looked up once, as every line of a file asks again.
    static let bookingPositions = positions(bookings)
    static let debtorPositions = positions(debtors)

    private static func positions(_ columns: [String]) -> [String: Int] {
        var positions: [String: Int] = [:]
        for (index, name) in columns.enumerated() where positions[name] == nil { positions[name] = index }
        return positions
    }
}
