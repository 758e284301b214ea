/// What the demo business sells and what its customers write about: a
/// coffee and office-supply wholesaler with a service desk.
enum DemoCatalog {
    /// (name, unit, price in cents, VAT, SKU prefix)
    static let products: [(String, String, Int, VATRate, String)] = [
        ("Kaffee Crema 1 kg", "Pck", 1890, .reduced, "KAF"), ("Espresso Bohnen 1 kg", "Pck", 2190, .reduced, "ESP"),
        ("Entkoffeiniert 500 g", "Pck", 1150, .reduced, "DEC"), ("Bio-Tee Assam 250 g", "Dose", 790, .reduced, "TEE"),
        ("Kakao Pulver 1 kg", "Pck", 990, .reduced, "KAK"), ("Milchpulver 500 g", "Pck", 690, .reduced, "MIL"),
        ("Zucker-Sticks 1000 Stk", "Krt", 1490, .reduced, "ZUC"), ("Kekse gemischt 2 kg", "Krt", 2490, .reduced, "KEK"),
        ("Kaffeevollautomat Pro 2", "Stk", 189_000, .standard, "KVA"), ("Filterkaffeemaschine Büro", "Stk", 24_900, .standard, "FKM"),
        ("Wasserfilter-Kartusche", "Stk", 2_490, .standard, "WFK"), ("Entkalker 1 l", "Fl", 1_290, .standard, "ENT"),
        ("Reinigungstabletten 100 Stk", "Dose", 1_990, .standard, "RTB"), ("Porzellantasse 0,2 l", "Stk", 450, .standard, "TAS"),
        ("Thermoskanne 1,5 l", "Stk", 3_490, .standard, "THE"), ("Kopierpapier A4 500 Bl.", "Pck", 590, .standard, "PAP"),
        ("Kugelschreiber blau 50 Stk", "Krt", 1_450, .standard, "KUG"), ("Ordner A4 breit", "Stk", 299, .standard, "ORD"),
        ("Toner schwarz XL", "Stk", 8_990, .standard, "TON"), ("Whiteboard-Marker 4er", "Set", 690, .standard, "WBM"),
        ("Wartung Kaffeevollautomat", "Std", 8_500, .standard, "SRV"), ("Anfahrtspauschale", "Psch", 4_900, .standard, "ANF"),
        ("Schulung Barista (halbtags)", "Psch", 39_000, .standard, "SCH"), ("Mietgerät Kaffeeautomat / Monat", "Mon", 7_900, .standard, "MIE"),
    ]

    static let ticketSubjects: [(String, String)] = [
        ("Kaffeevollautomat zeigt Fehler E07", "support"), ("Lieferung unvollständig", "support"),
        ("Rechnung doppelt erhalten", "billing"), ("Falscher Betrag auf Rechnung", "billing"),
        ("Gerät entkalkt nicht", "support"), ("Angebot für zweites Gerät", "sales"),
        ("Mahnung trotz Zahlung", "billing"), ("Milchschäumer undicht", "support"),
        ("Termin für Wartung", "support"), ("Lieferadresse ändern", "support"),
        ("Rückfrage zur Gutschrift", "billing"), ("Preisliste 2027 gewünscht", "sales"),
        ("Mahlwerk sehr laut", "support"), ("Bestellung stornieren", "support"),
        ("SEPA-Lastschrift einrichten", "billing"), ("Schulungstermin verschieben", "sales"),
        ("Wasserfilter wird nicht erkannt", "support"), ("Bohnenbehälter gebrochen", "support"),
    ]

    static let customerMessages = [
        "Guten Tag,\nunser Gerät im 2. OG meldet seit heute Morgen einen Fehler. Können Sie bitte jemanden schicken?\nViele Grüße",
        "Hallo, in der Lieferung von gestern fehlen zwei Kartons. Lieferschein liegt bei.",
        "Wir haben die Rechnung zweimal erhalten, bitte um Prüfung.",
        "Können Sie uns ein Angebot für ein zweites Gerät in der Kantine schicken?",
        "Die Zahlung ist am 3. bei Ihnen eingegangen, trotzdem kam eine Mahnung. Bitte klären.",
        "Der Milchschäumer tropft seit einigen Tagen. Ist das ein Garantiefall?",
        "Bitte ab sofort an unsere neue Adresse liefern: Am Hafen 12.",
    ]

    static let replies = [
        "Vielen Dank für Ihre Nachricht. Ein Techniker meldet sich heute noch bei Ihnen.",
        "Wir haben die fehlenden Kartons nachgeschickt, Sendungsnummer folgt per E-Mail.",
        "Die doppelte Rechnung ist storniert, die Gutschrift erhalten Sie separat.",
        "Gern, das Angebot ist in Vorbereitung und kommt bis Freitag.",
        "Die Mahnung war ein Versehen, bitte betrachten Sie sie als gegenstandslos.",
        "Das ist ein Garantiefall, wir tauschen das Teil kostenlos aus.",
    ]

    static let notes = [
        "Kunde ist verärgert, bitte bevorzugt behandeln.",
        "Ersatzteil bestellt, Liefertermin KW 3.",
        "Rücksprache mit Buchhaltung: Zahlung ist verbucht.",
        "Techniker war vor Ort, Dichtung getauscht.",
        "Wartet auf Rückmeldung des Kunden.",
    ]

    static let dealTitles = [
        "Ausstattung neue Filiale", "Rahmenvertrag Kaffee 2027", "Zweitgerät Kantine", "Wartungsvertrag", "Büroversorgung Q1",
        "Barista-Schulung Team", "Mietgeräte Messe", "Umstellung auf Bio-Kaffee", "Jahresbedarf Papier", "Erweiterung Standort Nord",
    ]
    static let leadSources = ["Website", "Empfehlung", "Messe", "Kaltakquise", "Bestandskunde", "Newsletter"]
    static let lostReasons = ["Preis zu hoch", "Wettbewerber gewählt", "Projekt verschoben", "Kein Budget", "Keine Rückmeldung"]
}
