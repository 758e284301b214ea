extension German {
    /// The command line: `kontor`'s commands, their help, what they print
    /// and why they refuse.
    static let commandLine: [String: String] = [
        "Front office and back office in one terminal.":
            "Frontoffice und Backoffice in einem Terminal.",
        "Customers, tickets, deals, invoices, inventory and staff over one shared SQLite database. Run `kontor` to open it, `kontor demo` to try it on generated data.\n\n--lang de|en (with any command) chooses the language; else KONTOR_LANG, else the person's own choice in Kontor (:language), else the locale (LANG=de_DE.UTF-8 is German).":
            "Kunden, Tickets, Deals, Rechnungen, Lager und Personal in einer gemeinsamen SQLite-Datenbank. `kontor` öffnet sie, `kontor demo` zeigt Kontor mit erzeugten Daten.\n\n--lang de|en (bei jedem Befehl) wählt die Sprache; sonst KONTOR_LANG, sonst die eigene Wahl in Kontor (:sprache), sonst das Gebietsschema (LANG=de_DE.UTF-8 ist Deutsch).",
        "kontor: error: {0}":
            "kontor: Fehler: {0}",
        "Run `kontor --help` for usage.":
            "`kontor --help` zeigt die Verwendung.",
        "The database file.":
            "Die Datenbankdatei.",
        "Default: the database of the server's configuration (/etc/kontor/kontor.conf or --config), else $KONTOR_DB, else $XDG_DATA_HOME/kontor/kontor.sqlite (~/.local/share/kontor/kontor.sqlite).":
            "Standard: die Datenbank aus der Serverkonfiguration (/etc/kontor/kontor.conf oder --config), sonst $KONTOR_DB, sonst $XDG_DATA_HOME/kontor/kontor.sqlite (~/.local/share/kontor/kontor.sqlite).",
        "The server's configuration file.":
            "Die Konfigurationsdatei des Servers.",
        "Default: /etc/kontor/kontor.conf when it exists.":
            "Standard: /etc/kontor/kontor.conf, falls vorhanden.",
        "--db needs a file path, got an empty one":
            "--db braucht einen Dateipfad, erhielt einen leeren",
        "no configuration file at {0}":
            "keine Konfigurationsdatei unter {0}",
        "standard error (2> FILE keeps them)": "der Standardfehlerausgabe (2> DATEI bewahrt sie auf)",
        "{0} holds {1} keys; give one key at a time (kontor staff key add USER FILE adds each)":
            "{0} enthält {1} Schlüssel; einen nach dem anderen angeben (kontor staff key add BENUTZER DATEI fügt jeden hinzu)",
        "{0}: no key in it": "{0}: kein Schlüssel darin",
        "there is no database at {0}; check the path (kontor demo --db PATH makes a demo database there)":
            "unter {0} liegt keine Datenbank; den Pfad prüfen (kontor demo --db PFAD legt dort eine Demo-Datenbank an)",
        "there is no database at {0} (from {1}); set one up first, as the service account: kontor setup --admin USER --name \"Full Name\" --key USER.pub":
            "unter {0} gibt es keine Datenbank (laut {1}); zuerst als Dienstkonto einrichten: kontor setup --admin USER --name \"Vor- und Nachname\" --key USER.pub",
        "Colour theme: default, light, high-contrast, mono, or a path to a .theme file.":
            "Farbschema: default, light, high-contrast, mono oder der Pfad zu einer .theme-Datei.",
        "Default: $KONTOR_THEME, else default. NO_COLOR=1 removes all colour.":
            "Standard: $KONTOR_THEME, sonst default. NO_COLOR=1 schaltet alle Farben ab.",
        "--lang expects de or en":
            "--lang erwartet de oder en",
        "--lang expects de or en, got '{0}'":
            "--lang erwartet de oder en, erhielt '{0}'",
        "Import customers, contacts, products or staff from a CSV file.":
            "Importiert Kunden, Kontakte, Artikel oder Personal aus einer CSV-Datei.",
        "Reads ; , or tab separated files in UTF-8 (with or without BOM) or Windows-1252, maps the columns by their German or English headers (Firma/Company, PLZ/Postal Code, Artikel, Einzelpreis, Bestand, …) and writes all rows in one transaction, or none if any row is wrong. Try it first with --dry-run.\nKeys: customers: number, vat-id, email, name; contacts: name, email; products: sku, ean; staff: username.":
            "Liest mit ; , oder Tab getrennte Dateien in UTF-8 (mit oder ohne BOM) oder Windows-1252, ordnet die Spalten nach ihren deutschen oder englischen Überschriften zu (Firma/Company, PLZ/Postal Code, Artikel, Einzelpreis, Bestand, …) und schreibt alle Zeilen in einer Transaktion, oder keine, wenn eine Zeile fehlerhaft ist. Am besten zuerst mit --dry-run.\nSchlüssel: customers: number, vat-id, email, name; contacts: name, email; products: sku, ean; staff: username.",
        "customers, contacts, products or staff.":
            "customers, contacts, products oder staff.",
        "The CSV file (- for standard input).":
            "Die CSV-Datei (- für die Standardeingabe).",
        "Check every row and write nothing.":
            "Prüft jede Zeile und schreibt nichts.",
        "Write the good rows; put the bad ones with a reason into a file beside the input (kunden.csv → kunden.rejected.csv).":
            "Schreibt die guten Zeilen; die fehlerhaften kommen mit Grund in eine Datei neben der Eingabe (kunden.csv → kunden.rejected.csv).",
        "Change records that are already there (matched by --key) instead of skipping them.":
            "Ändert vorhandene Datensätze (zugeordnet über --key), statt sie zu überspringen.",
        "What matches a row to a record already there.":
            "Was eine Zeile einem vorhandenen Datensatz zuordnet.",
        "Fill a field from a column: 'Spalte=field' ('Spalte=' ignores it). Repeatable.":
            "Füllt ein Feld aus einer Spalte: 'Spalte=field' ('Spalte=' übergeht die Spalte). Wiederholbar.",
        "utf-8 or windows-1252 (default: detected).":
            "utf-8 oder windows-1252 (Standard: erkannt).",
        "kind must be customers, contacts, products or staff, got '{0}'":
            "die Art muss customers, contacts, products oder staff sein, erhielt '{0}'",
        "--encoding must be utf-8 or windows-1252, got '{0}'":
            "--encoding muss utf-8 oder windows-1252 sein, erhielt '{0}'",
        "cannot keep standard input in {0}":
            "die Standardeingabe kann nicht in {0} abgelegt werden",
        "Dry run: {0} from {1} ({2})":
            "Probelauf: {0} aus {1} ({2})",
        "must be a whole number": "muss eine ganze Zahl sein",
        "is not a number": "ist keine Zahl",
        "has a comma, but commas separate the cells of this file: write the number with a decimal point (12.50) and no thousands separator": "hat ein Komma, aber Kommas trennen die Zellen dieser Datei: die Zahl mit Dezimalpunkt (12.50) und ohne Tausendertrennzeichen schreiben",
        "has more than {0} decimal places": "hat mehr als {0} Nachkommastellen",
        "has thousands separators in the wrong places": "hat Tausendertrennzeichen an falschen Stellen",
        "is too large (beyond what 64 bits hold)": "ist zu groß (mehr als 64 Bit fassen)",
        "field {0}": "Feld {0}",
        "semicolon (;)": "Semikolon (;)",
        "comma (,)": "Komma (,)",
        "tab": "Tabulator",
        "UTF-8 with BOM": "UTF-8 mit BOM",
        "{0}, {1}, {2} line ends": "{0}, {1}, Zeilenenden {2}",
        "bytes that are not valid UTF-8 (if the file comes from older Excel, try --encoding windows-1252)": "Bytes, die kein gültiges UTF-8 sind (stammt die Datei aus älterem Excel, --encoding windows-1252 versuchen)",
        "bytes that are not valid Windows-1252 (try --encoding utf-8)": "Bytes, die kein gültiges Windows-1252 sind (--encoding utf-8 versuchen)",
        "text after a closing quote (a quote inside a cell must be doubled: \"\")": "Text nach einem schließenden Anführungszeichen (ein Anführungszeichen in einer Zelle wird verdoppelt: \"\")",
        "a quoted cell opened on line {0} is never closed: the quote runs to the end of the file": "eine in Zeile {0} geöffnete Zelle in Anführungszeichen wird nie geschlossen: sie reicht bis ans Ende der Datei",
        "{0} from {1} ({2})":
            "{0} aus {1} ({2})",
        "Columns:":
            "Spalten:",
        "Note: {0}":
            "Hinweis: {0}",
        "Records already there are matched by {0} and updated.":
            "Vorhandene Datensätze werden über {0} zugeordnet und aktualisiert.",
        "Records already there are matched by {0} and skipped (--update changes them).":
            "Vorhandene Datensätze werden über {0} zugeordnet und übersprungen (--update ändert sie).",
        "… and {0} more problems":
            "… und {0} weitere Probleme",
        "… and {0} more notes":
            "… und {0} weitere Hinweise",
        "{0} records":
            "{0} Datensätze",
        "kontor: import {0} % ({1} records)":
            "kontor: Import {0} % ({1} Datensätze)",
        "Export a table (or what a list shows) as CSV, or every table with --all DIR.":
            "Exportiert eine Tabelle (oder was eine Liste zeigt) als CSV, oder mit --all DIR jede Tabelle.",
        "checking every page and reference…": "Prüfe jede Seite und jeden Verweis …",
        "copying": "Kopieren",
        "checking the copy (integrity check)…": "Prüfen der Kopie (Integritätsprüfung) …",
        "Tables: {0}.\nViews: customers: active, archived; products: active, low-stock, inactive, all; staff: active, inactive, all; tickets: open, mine, unassigned, pending, breached; invoices: all, drafts, open, overdue, paid, cancelled, credit-notes.\nWithout --out the file goes to exports/ beside the database, readable by the group.":
            "Tabellen: {0}.\nAnsichten: customers: active, archived; products: active, low-stock, inactive, all; staff: active, inactive, all; tickets: open, mine, unassigned, pending, breached; invoices: all, drafts, open, overdue, paid, cancelled, credit-notes.\nOhne --out kommt die Datei nach exports/ neben der Datenbank, lesbar für die Gruppe.",
        "The table to export.":
            "Die zu exportierende Tabelle.",
        "The list's view, as on its screen.":
            "Die Ansicht der Liste, wie auf ihrem Bildschirm.",
        "The list's filter, as typed after / on its screen.":
            "Der Filter der Liste, wie nach / auf ihrem Bildschirm eingegeben.",
        "excel (;, UTF-8 with BOM, CRLF, decimal comma) or rfc (RFC 4180).":
            "excel (;, UTF-8 mit BOM, CRLF, Dezimalkomma) oder rfc (RFC 4180).",
        "The file to write (- for standard output).":
            "Die zu schreibende Datei (- für die Standardausgabe).",
        "Write every table into this folder, with a README of the columns.":
            "Schreibt jede Tabelle in diesen Ordner, mit einer README der Spalten.",
        "--dialect must be excel or rfc, got '{0}'":
            "--dialect muss excel oder rfc sein, erhielt '{0}'",
        "name a table ({0}) or --all DIR":
            "eine Tabelle ({0}) oder --all DIR angeben",
        "--all exports every table; leave out '{0}'":
            "--all exportiert jede Tabelle; '{0}' weglassen",
        "no table '{0}'; tables are {1}":
            "keine Tabelle '{0}'; Tabellen sind {1}",
        "{0}: {1} rows → {2}":
            "{0}: {1} Zeilen → {2}",
        "columns described in {0}":
            "Spalten beschrieben in {0}",
        "{0} {1} rows":
            "{0} Zeilen {1}",
        "{0} {1} rows → {2}":
            "{0} Zeilen {1} → {2}",
        "Open the database in the terminal UI (the default command).":
            "Öffnet die Datenbank in der Terminaloberfläche (der Standardbefehl).",
        "Create a demo database with realistic data and open it.":
            "Legt eine Demo-Datenbank mit realistischen Daten an und öffnet sie.",
        "An empty demo database is filled first; one that already holds data is simply opened.":
            "Eine leere Demo-Datenbank wird zuerst gefüllt; eine mit Daten wird nur geöffnet.",
        "The demo database file (default: demo.sqlite in the data folder).":
            "Die Demo-Datenbankdatei (Standard: demo.sqlite im Datenordner).",
        "Only create and fill the database; refuses one that is not empty.":
            "Legt die Datenbank nur an und füllt sie; lehnt eine nicht leere ab.",
        "Number of customers to create (the rest in proportion).":
            "Anzahl der anzulegenden Kunden (der Rest im Verhältnis).",
        "--scale must be at least 1, got {0}":
            "--scale muss mindestens 1 sein, erhielt {0}",
        "--scale must be at most 10000000, got {0}":
            "--scale darf höchstens 10000000 sein, erhielt {0}",
        "kontor: creating demo data ({0} customers) in {1}…":
            "kontor: Demodaten werden angelegt ({0} Kunden) in {1}…",
        "kontor: {0} rows in {1} s ({2} rows/s)":
            "kontor: {0} Zeilen in {1} s ({2} Zeilen/s)",
        "kontor: steps: {0}":
            "kontor: Schritte: {0}",
        "Copy the database while people work: checked, readable by its owner only (admins).":
            "Kopiert die Datenbank im laufenden Betrieb: geprüft, nur für den Eigentümer lesbar (Admins).",
        "Default FILE: backups/kontor-YYYY-MM-DD.sqlite beside the database (-2, -3, … for a second copy the same day). An existing FILE is replaced only with --replace.":
            "Standard für FILE: backups/kontor-JJJJ-MM-TT.sqlite neben der Datenbank (-2, -3, … für eine zweite Sicherung am selben Tag). Eine vorhandene FILE wird nur mit --replace ersetzt.",
        "Replace FILE when it exists (an earlier copy); never the database itself.":
            "FILE ersetzen, wenn sie schon da ist (eine frühere Sicherung); nie die Datenbank selbst.",
        "Where the copy goes.":
            "Wohin die Sicherung geschrieben wird.",
        "{0}: {1} KB, integrity checked, mode 0600":
            "{0}: {1} KB, Integrität geprüft, Modus 0600",
        "Print every key of every screen as a Markdown table.":
            "Gibt jede Taste jedes Bildschirms als Markdown-Tabelle aus.",
        "The table README.md holds between its key markers; --write puts it there.":
            "Die Tabelle, die README.md zwischen ihren Tastenmarkierungen enthält; --write schreibt sie dorthin.",
        "Replace the key table in this README file.":
            "Ersetzt die Tastentabelle in dieser README-Datei.",
        "{0} has no key table markers ({1} … {2})":
            "{0} hat keine Markierungen für die Tastentabelle ({1} … {2})",
        "kontor: key table written to {0}":
            "kontor: Tastentabelle geschrieben nach {0}",
        "Check the database without changing it: integrity, references and Kontor's own rules.":
            "Prüft die Datenbank, ohne sie zu ändern: Integrität, Verweise und Kontors eigene Regeln.",
        "One line per check: \"ok  …\" when it holds, else \"!!  name: …\" for each record that breaks it, named by number, SKU or series. Exit status 0 when all is well, 1 with the problems listed.":
            "Eine Zeile je Prüfung: \"ok  …\", wenn sie erfüllt ist, sonst \"!!  name: …\" für jeden Datensatz, der sie verletzt, benannt nach Nummer, SKU oder Nummernkreis. Exit-Status 0, wenn alles in Ordnung ist, 1 mit den aufgelisteten Problemen.",
        "Show how long each check took.":
            "Zeigt, wie lange jede Prüfung gedauert hat.",
        "{0}: damaged. Nothing was changed. To copy out what can still be read: sqlite3 {0} .recover | sqlite3 rescued.sqlite":
            "{0}: beschädigt. Nichts wurde geändert. Um herauszukopieren, was noch lesbar ist: sqlite3 {0} .recover | sqlite3 rescued.sqlite",
        "{0}: {1} of Kontor's rules broken ({2}). Nothing was changed.":
            "{0}: {1} von Kontors Regeln verletzt ({2}). Nichts wurde geändert.",
        "Check the installation: database, owner and modes, keys, terminal, SQLite, disk, last backup (admins).":
            "Prüft die Installation: Datenbank, Eigentümer und Rechte, Schlüssel, Terminal, SQLite, Speicherplatz, letzte Sicherung (Admins).",
        "One line per check: \"ok  …\" or \"!!  problem — fix: …\". Exit status 0 when all is well, 1 when a problem was found.":
            "Eine Zeile je Prüfung: \"ok  …\" oder \"!!  problem — fix: …\". Exit-Status 0, wenn alles in Ordnung ist, 1, wenn ein Problem gefunden wurde.",
        "SQLite cannot read {0}: {1}":
            "SQLite kann {0} nicht lesen: {1}",
        "kontor check --db {0} says what is wrong":
            "kontor check --db {0} sagt, was nicht stimmt",
        "{0} problem found":
            "{0} Problem gefunden",
        "{0} problems found":
            "{0} Probleme gefunden",
        "authorized_keys not checked: no server configuration (a personal installation)":
            "authorized_keys nicht geprüft: keine Serverkonfiguration (eine persönliche Installation)",
        "the staff list cannot be read as {0}: {1}":
            "die Personalliste kann als {0} nicht gelesen werden: {1}",
        "run doctor as an admin: {0}":
            "doctor als Admin ausführen: {0}",
        "Bank statements in: camt.053 matched to invoices.":
            "Kontoauszüge einlesen: camt.053, den Rechnungen zugeordnet.",
        "Import camt.053 bank statements (XML, or a zip of them) and book the payments they carry.":
            "Importiert camt.053-Kontoauszüge (XML oder ein Zip davon) und bucht die enthaltenen Zahlungen.",
        "Each credit is matched to open invoices by the number in its remittance information (\"RE 2026 42\", \"Rg.-Nr. 2026-00042\"), else by the payer and the exact amount; Skonto is taken when the invoice offers it and the money came in time. Each debit that pays back what a credit note owes is booked as its refund. Sure matches are booked, unsure ones proposed, the rest listed; the bank's entry reference keeps a statement from being booked twice. A statement whose balances do not add up, or a malformed file, is refused whole.":
            "Jede Gutschrift auf dem Konto wird offenen Rechnungen über die Nummer im Verwendungszweck zugeordnet (\"RE 2026 42\", \"Rg.-Nr. 2026-00042\"), sonst über Zahler und genauen Betrag; Skonto wird abgezogen, wenn die Rechnung es gewährt und das Geld rechtzeitig kam. Jede Lastschrift, die zurückzahlt, was eine Gutschrift schuldet, wird als deren Erstattung gebucht. Sichere Zuordnungen werden gebucht, unsichere vorgeschlagen, der Rest aufgelistet; die Buchungsreferenz der Bank verhindert, dass ein Kontoauszug zweimal gebucht wird. Ein Kontoauszug mit nicht aufgehenden Salden oder eine fehlerhafte Datei wird ganz abgelehnt.",
        "camt.053 files (.xml), zip files of them, or a bank's CSV export; - for standard input.":
            "camt.053-Dateien (.xml), Zip-Dateien davon oder der CSV-Export einer Bank; - für die Standardeingabe.",
        "Match everything and book nothing.":
            "Ordnet alles zu und bucht nichts.",
        "Dry run: {0}": "Probelauf: {0}",
        "{0} statement": "{0} Auszug",
        "{0} statements": "{0} Auszüge",
        "{0} entry": "{0} Umsatz",
        "{0} entries": "{0} Umsätze",
        ", {0} imported before and left alone":
            ", {0} bereits früher importiert und unverändert gelassen",
        "Booked: {0} (in {1}, out {2})":
            "Gebucht: {0} (Eingang {1}, Ausgang {2})",
        "Proposed, for review: {0}":
            "Vorgeschlagen, zur Prüfung: {0}",
        "Unmatched: {0}":
            "Nicht zugeordnet: {0}",
        "Nothing was booked (dry run).":
            "Nichts wurde gebucht (Probelauf).",
        "List the proposed and unmatched bank entries.":
            "Listet die vorgeschlagenen und nicht zugeordneten Bankumsätze.",
        "Print issued invoices or credit notes as text or PDF.":
            "Druckt ausgestellte Rechnungen oder Gutschriften als Text oder PDF.",
        "Without --out, the one NUMBER goes to standard output: text, or with --pdf an A4 PDF (redirect it into a file). With --out DIR each NUMBER becomes NUMBER.txt, or NUMBER.pdf with --pdf.":
            "Ohne --out geht die eine NUMBER auf die Standardausgabe: als Text, oder mit --pdf als A4-PDF (in eine Datei umleiten). Mit --out DIR wird jede NUMBER zu NUMBER.txt, mit --pdf zu NUMBER.pdf.",
        "The invoice numbers (2026-00042, or CN-2026-00001 for a credit note).":
            "Die Rechnungsnummern (2026-00042, oder CN-2026-00001 für eine Gutschrift).",
        "A PDF (A4, DIN 5008) instead of text.":
            "Ein PDF (A4, DIN 5008) statt Text.",
        "The folder to write into, one file per number.":
            "Der Zielordner, eine Datei je Nummer.",
        "name an invoice number, like 2026-00042":
            "eine Rechnungsnummer angeben, etwa 2026-00042",
        "standard output takes one invoice: name one number, or write files with --out DIR":
            "die Standardausgabe nimmt eine Rechnung: eine Nummer angeben oder mit --out DIR Dateien schreiben",
        "there is no invoice or credit note numbered '{0}'":
            "es gibt keine Rechnung oder Gutschrift mit der Nummer '{0}'",
        "a PDF is not for the terminal: redirect it into a file (> {0}) or use --out DIR":
            "ein PDF gehört nicht ins Terminal: in eine Datei umleiten (> {0}) oder --out DIR verwenden",
        "Write issued invoices and credit notes as XRechnung 3.0 e-invoices (UBL 2.1 or CII).":
            "Schreibt ausgestellte Rechnungen und Gutschriften als E-Rechnungen nach XRechnung 3.0 (UBL 2.1 oder CII).",
        "Each NUMBER (2026-00042, CN-2026-00003) becomes NUMBER.xml (UBL) or NUMBER.cii.xml (CII) in the folder given by --out, else invoices/ beside the database. Nothing is written unless every document passes Kontor's checks; a refusal names the rule broken.":
            "Jede NUMBER (2026-00042, CN-2026-00003) wird zu NUMBER.xml (UBL) oder NUMBER.cii.xml (CII) im Ordner aus --out, sonst in invoices/ neben der Datenbank. Geschrieben wird nur, wenn jedes Dokument Kontors Prüfungen besteht; eine Ablehnung nennt die verletzte Regel.",
        "Invoice or credit note numbers.":
            "Rechnungs- oder Gutschriftsnummern.",
        "ubl (default) or cii.":
            "ubl (Standard) oder cii.",
        "The folder to write into (- for standard output, one number only).":
            "Der Zielordner (- für die Standardausgabe, nur eine Nummer).",
        "name at least one invoice number, like 2026-00042":
            "mindestens eine Rechnungsnummer angeben, etwa 2026-00042",
        "--syntax expects ubl or cii, got '{0}'":
            "--syntax erwartet ubl oder cii, erhielt '{0}'",
        "none of the {0} e-invoices was written: leave out the one refused, or mend it, and run again":
            "keine der {0} E-Rechnungen wurde geschrieben: die abgelehnte weglassen oder berichtigen und noch einmal starten",
        "--out - writes one e-invoice: name one number":
            "--out - schreibt eine E-Rechnung: eine Nummer angeben",
        "Dunning runs: payment reminders and dunning notices for overdue invoices.":
            "Mahnläufe: Zahlungserinnerungen und Mahnungen für überfällige Rechnungen.",
        "Propose the next dunning level for every overdue invoice and send the letters.":
            "Schlägt für jede überfällige Rechnung die nächste Mahnstufe vor und verschickt die Briefe.",
        "Every issued invoice past its due date is proposed at the level its age has reached under the settings (dunning-days), one level above its last letter at most and not within dunning-wait days of it; a customer's invoices go into one letter, with the level's fee and default interest under §288 BGB (the base rate plus 9 points for businesses, 5 for consumers). Disputed invoices and customers on a payment plan are left out. Each letter is written as Mahnung-NNNNN.txt and .pdf into --out (default: a dunning folder beside the database) and recorded; --dry-run only lists.":
            "Jede ausgestellte Rechnung nach Fälligkeit wird mit der Stufe vorgeschlagen, die ihr Alter laut Einstellungen (dunning-days) erreicht hat, höchstens eine Stufe über ihrem letzten Brief und nicht innerhalb von dunning-wait Tagen danach; die Rechnungen eines Kunden kommen in einen Brief, mit der Gebühr der Stufe und Verzugszinsen nach §288 BGB (Basiszinssatz plus 9 Punkte für Unternehmen, 5 für Verbraucher). Strittige Rechnungen und Kunden mit Ratenplan bleiben außen vor. Jeder Brief wird als Mahnung-NNNNN.txt und .pdf nach --out geschrieben (Standard: ein Ordner dunning neben der Datenbank) und festgehalten; --dry-run listet nur.",
        "The day of the run (default today): letters are dated it.":
            "Der Tag des Mahnlaufs (Standard: heute); die Briefe tragen dieses Datum.",
        "Also mail each letter with its PDF to the customer's billing address, where there is one (through the outbox).":
            "Schickt jeden Brief zusätzlich mit seinem PDF an die Rechnungsadresse des Kunden, wo es eine gibt (über den Postausgang).",
        "List the proposals; send nothing.":
            "Listet die Vorschläge; verschickt nichts.",
        "The folder the letters are written into.":
            "Der Ordner, in den die Briefe geschrieben werden.",
        "An invoice number to leave out of this run (repeatable).":
            "Eine Rechnungsnummer, die dieser Mahnlauf auslässt (wiederholbar).",
        "is a spreadsheet workbook (.xlsx, .xls or .ods), not CSV: save it as “CSV UTF-8” in Excel or as “Text CSV” in LibreOffice, then import that file": "ist eine Tabellen-Arbeitsmappe (.xlsx, .xls oder .ods), kein CSV: in Excel als „CSV UTF-8“ oder in LibreOffice als „Text CSV“ speichern und diese Datei importieren",
        "does not exist": "existiert nicht",
        "is no text file (it holds NUL bytes: a program's own format, or UTF-16 without a byte order mark): save it as “CSV UTF-8”, then import that file": "ist keine Textdatei (sie enthält NUL-Bytes: das eigene Format eines Programms, oder UTF-16 ohne Byte-Order-Mark): als „CSV UTF-8“ speichern und diese Datei importieren",
        "is a folder: name a file in it": "ist ein Ordner: eine Datei darin angeben",
        "cannot be read (permissions?)": "kann nicht gelesen werden (Rechte?)",
        "cannot be written: the folder {0} does not exist": "kann nicht geschrieben werden: den Ordner {0} gibt es nicht",
        "cannot be written (permissions?)": "kann nicht geschrieben werden (Rechte?)",
        "cannot be written: the disk is full": "kann nicht geschrieben werden: die Festplatte ist voll",
        "cannot be written: the disk is read-only": "kann nicht geschrieben werden: das Laufwerk ist schreibgeschützt",
        "cannot be written: a file of that name is in the way where a folder is needed": "kann nicht geschrieben werden: eine Datei dieses Namens steht im Weg, wo ein Ordner sein muss",
        "{0} is a file: --all writes a folder of files; name a folder": "{0} ist eine Datei: --all schreibt einen Ordner voller Dateien; einen Ordner angeben",
        "cannot make the folder {0} (permissions, or a file in its way?)": "der Ordner {0} kann nicht angelegt werden (Rechte, oder steht eine Datei im Weg?)",
        "--date expects a day like 2026-12-05, got '{0}'":
            "--date erwartet einen Tag wie 2026-12-05, erhielt '{0}'",
        "--date {0} is after today: a letter is mailed on the day it is dated; leave out --mail to write the letters for posting": "--date {0} liegt nach heute: eine Mahnung wird an dem Tag gemailt, auf den sie datiert ist; ohne --mail werden die Briefe für die Post geschrieben",
        "there is no invoice numbered '{0}'":
            "es gibt keine Rechnung mit der Nummer '{0}'",
        "Nothing was sent (dry run).":
            "Nichts wurde verschickt (Probelauf).",
        "No letters to send.":
            "Keine Briefe zu verschicken.",
        "Sent {0} letter(s), {1} invoice(s):":
            "{0} Brief(e) verschickt, {1} Rechnung(en):",
        "Mailed {0} of them with their PDF (queued; kontor mail outbox shows them); {1} go by post only (no e-mail address)":
            "{0} davon mit PDF gemailt (in der Warteschlange; kontor mail outbox zeigt sie); {1} gehen nur per Post (keine E-Mail-Adresse)",
        "Dunning run of {0}: {1} letter(s), {2} invoice(s); {3} overdue invoice(s) left out":
            "Mahnlauf vom {0}: {1} Brief(e), {2} Rechnung(en); {3} überfällige Rechnung(en) ausgelassen",
        "Note: the base rate ({0} since {1}) may have changed since; check it and set base-rate":
            "Hinweis: der Basiszinssatz ({0} seit {1}) kann sich inzwischen geändert haben; prüfen und base-rate setzen",
        "(excluded)":
            "(ausgeschl.)",
        "{0} · {1} · open {2} + interest {3} ({4}) + fee {5}":
            "{0} · {1} · offen {2} + Zinsen {3} ({4}) + Gebühr {5}",
        " + earlier fees {0}":
            " + frühere Gebühren {0}",
        " = {0}, pay by {1}":
            " = {0}, zahlbar bis {1}",
        "{0} due {1}, {2} days: open {3}, interest {4} → {5}":
            "{0} fällig {1}, {2} Tage: offen {3}, Zinsen {4} → {5}",
        "Left out:":
            "Ausgelassen:",
        "{0} {1}, open {2}: {3}":
            "{0} {1}, offen {2}: {3}",
        "Record a dunning fee as paid, or waive it.":
            "Erfasst eine Mahngebühr als bezahlt oder erlässt sie.",
        "The fee is named by the letter that charged it (Mahnung-00012); a fee is never paid beyond what is open on it.":
            "Die Gebühr wird nach dem Brief benannt, der sie erhoben hat (Mahnung-00012); eine Gebühr wird nie über den offenen Betrag hinaus bezahlt.",
        "The letter that charged the fee.":
            "Der Brief, der die Gebühr erhoben hat.",
        "The amount (default: all that is open).":
            "Der Betrag (Standard: alles Offene).",
        "The day it was paid (default today).":
            "Der Zahltag (Standard: heute).",
        "Let the fee go: nothing was paid.":
            "Erlässt die Gebühr: nichts wurde bezahlt.",
        "--amount expects an amount like 5,00, got '{0}'":
            "--amount erwartet einen Betrag wie 5,00, erhielt '{0}'",
        "no dunning fee was charged by '{0}'":
            "'{0}' hat keine Mahngebühr erhoben",
        "the fee of {0} is settled already":
            "die Gebühr von {0} ist bereits beglichen",
        "{0}: fee {1}, waived {2}, open {3}":
            "{0}: Gebühr {1}, erlassen {2}, offen {3}",
        "{0}: fee {1}, paid {2}, open {3}":
            "{0}: Gebühr {1}, bezahlt {2}, offen {3}",
        "The books for the tax advisor: DATEV bookings, debtors, open items.":
            "Die Bücher für den Steuerberater: DATEV-Buchungen, Debitoren, offene Posten.",
        "Set the consultant and client number first (the tax advisor gives them): kontor settings --set datev-consultant=NUMBER --set datev-client=NUMBER; datev-chart (SKR03 or SKR04), datev-fiscal-year-start (MM-DD) and datev-account-length (4 to 8) as the advisor keeps them.":
            "Zuerst Berater- und Mandantennummer setzen (vom Steuerberater): kontor settings --set datev-consultant=NUMBER --set datev-client=NUMBER; datev-chart (SKR03 oder SKR04), datev-fiscal-year-start (MM-TT) und datev-account-length (4 bis 8) so, wie der Steuerberater sie führt.",
        ", {0} new debtor account":
            ", {0} neues Debitorenkonto",
        ", {0} new debtor accounts":
            ", {0} neue Debitorenkonten",
        "{0} record":
            "{0} Datensatz",
        "Write a DATEV Buchungsstapel (EXTF) of a period: invoices, credit notes, payments, refunds, Skonto.":
            "Schreibt einen DATEV-Buchungsstapel (EXTF) eines Zeitraums: Rechnungen, Gutschriften, Zahlungen, Erstattungen, Skonto.",
        "Invoices and credit notes by their issue date, one line per VAT group onto the revenue account of its category and rate; payments, refunds and Skonto by the day they were paid, against the bank (cash against the cash box) and the Skonto accounts; every line against the customer's debtor account, given the first time and kept. Windows-1252, ';', decimal comma, as DATEV reads it. A period lies within one calendar and one fiscal year.":
            "Rechnungen und Gutschriften nach Ausstellungsdatum, eine Zeile je Steuergruppe auf das Erlöskonto ihrer Kategorie und ihres Steuersatzes; Zahlungen, Erstattungen und Skonto nach Zahltag, gegen die Bank (bar gegen die Kasse) und die Skontokonten; jede Zeile gegen das Debitorenkonto des Kunden, beim ersten Mal vergeben und beibehalten. Windows-1252, ';', Dezimalkomma, wie DATEV es liest. Ein Zeitraum liegt in einem Kalender- und einem Wirtschaftsjahr.",
        "The first day, e.g. 2026-01-01.":
            "Der erste Tag, z. B. 2026-01-01.",
        "The last day, e.g. 2026-12-31.":
            "Der letzte Tag, z. B. 2026-12-31.",
        "The file to write (- for standard output); default exports/ beside the database.":
            "Die zu schreibende Datei (- für die Standardausgabe); Standard: exports/ neben der Datenbank.",
        "Write the debtors' master data for DATEV (EXTF Debitoren/Kreditoren): account, name, address, VAT id.":
            "Schreibt die Debitoren-Stammdaten für DATEV (EXTF Debitoren/Kreditoren): Konto, Name, Adresse, USt-IdNr.",
        "Every customer with an issued invoice or credit note; those without a debtor account get one, kept from then on.":
            "Jeder Kunde mit einer ausgestellten Rechnung oder Gutschrift; wer noch kein Debitorenkonto hat, bekommt eines, das von da an bleibt.",
        "The open items (OP-Liste) as of a day, on the screen or as CSV.":
            "Die offenen Posten (OP-Liste) zu einem Stichtag, am Bildschirm oder als CSV.",
        "Every invoice and credit note issued by then with something open that day: to be paid, or owed back to the customer (negative). As of today the items add up to the customers' balances.":
            "Jede bis dahin ausgestellte Rechnung und Gutschrift, die an dem Tag offen ist: zu zahlen oder dem Kunden geschuldet (negativ). Zum heutigen Tag ergeben die Posten zusammen die Salden der Kunden.",
        "The day, e.g. 2026-12-31; today unless given.":
            "Der Stichtag, z. B. 2026-12-31; ohne Angabe heute.",
        "Write a CSV file instead (- for standard output).":
            "Schreibt stattdessen eine CSV-Datei (- für die Standardausgabe).",
        "excel (;, UTF-8 with BOM, decimal comma) or rfc (RFC 4180).":
            "excel (;, UTF-8 mit BOM, Dezimalkomma) oder rfc (RFC 4180).",
        "{0} open items, {1} EUR":
            "{0} offene Posten, {1} EUR",
        "{0} open items, {1} EUR → {2}":
            "{0} offene Posten, {1} EUR → {2}",
        "{0} of {1} letters sent": "{0} von {1} Briefen versandt",
        "kontor: stopping after the letter under way (again to stop at once)": "kontor: hält nach dem laufenden Brief an (nochmals: sofort)",
        "Open items as of {0}":
            "Offene Posten zum {0}",
        "{0} days overdue":
            "{0} Tage überfällig",
        "{0} open item, total {1} EUR":
            "{0} offener Posten, Summe {1} EUR",
        "{0} open items, total {1} EUR":
            "{0} offene Posten, Summe {1} EUR",
        "Outgoing mail: send what is due, list the outbox, send invoices.":
            "Ausgehende Mail: Fälliges senden, den Postausgang listen, Rechnungen verschicken.",
        "Every message Kontor sends is first written to the outbox; the terminal sessions deliver it in the background through the sendmail command of the mail settings. `kontor mail send-queued` does the same from cron, e.g. every minute: * * * * * kontor mail send-queued --quiet":
            "Jede Nachricht, die Kontor verschickt, kommt zuerst in den Postausgang; die Terminalsitzungen stellen sie im Hintergrund über den sendmail-Befehl der Mail-Einstellungen zu. `kontor mail send-queued` tut dasselbe aus cron, etwa jede Minute: * * * * * kontor mail send-queued --quiet",
        "Hand every message that is due to sendmail (for cron); exit 1 if any failed.":
            "Übergibt jede fällige Nachricht an sendmail (für cron); Exit-Status 1, wenn eine fehlschlug.",
        "Say nothing when nothing was due.":
            "Keine Ausgabe, wenn nichts fällig war.",
        "List the outbox, newest first.":
            "Listet den Postausgang, neueste zuerst.",
        "Only queued, sent or failed messages.":
            "Nur wartende, gesendete oder fehlgeschlagene Nachrichten (queued, sent, failed).",
        "How many to list.":
            "Wie viele gelistet werden.",
        "--state expects queued, sent or failed, got '{0}'":
            "--state erwartet queued, sent oder failed, erhielt '{0}'",
        "the outbox is empty":
            "der Postausgang ist leer",
        "Send issued invoices or credit notes to the customer's billing address, with the PDF and the XRechnung attached.":
            "Schickt ausgestellte Rechnungen oder Gutschriften an die Rechnungsadresse des Kunden, mit PDF und XRechnung im Anhang.",
        "Send the PDF alone when the e-invoice cannot be made (a consumer, say).":
            "Schickt nur das PDF, wenn die E-Rechnung nicht erstellt werden kann (etwa bei Verbrauchern).",
        "{0}: the e-invoice cannot be made ({1}); fix that, or send the PDF alone with --pdf-only":
            "{0}: die E-Rechnung kann nicht erstellt werden ({1}); das beheben oder mit --pdf-only nur das PDF schicken",
        "queued #{0}: {1} to {2} with {3}":
            "in der Warteschlange #{0}: {1} an {2} mit {3}",
        "Send a failed or waiting message at the next send, after the mail system was repaired.":
            "Schickt eine fehlgeschlagene oder wartende Nachricht beim nächsten Versand, nachdem das Mailsystem repariert wurde.",
        "The message's number in the outbox list.":
            "Die Nummer der Nachricht in der Liste des Postausgangs.",
        "due now #{0} to {1}":
            "jetzt fällig #{0} an {1}",
        "sent #{0} to {1}: {2}": "verschickt #{0} an {1}: {2}",
        "not yet sent #{0} to {1}, next try {2}: {3}": "noch nicht verschickt #{0} an {1}, nächster Versuch {2}: {3}",
        "FAILED #{0} to {1}, given up: {2}": "FEHLGESCHLAGEN #{0} an {1}, aufgegeben: {2}",
        "nothing due": "nichts fällig",
        "Take mail in: a new ticket, a message on the ticket it answers, or a note for an automatic reply.":
            "Nimmt Mail an: ein neues Ticket, eine Nachricht zum beantworteten Ticket oder einen Vermerk zu einer automatischen Antwort.",
        "Reads one message (RFC 5322) on standard input, as an alias pipe or an MDA runs it: kontor: \"|/usr/local/bin/kontor mail-in\" in /etc/aliases. With --maildir it takes every message in DIR/new: those taken move to DIR/cur, those refused to DIR/failed with a .reason file beside them, those the database could not take now stay for the next run. One line per message goes to standard error and to kontor-mail.log beside the database. Exit codes: 0 taken, 75 try again later, 65 not a message, 69 too large.":
            "Liest eine Nachricht (RFC 5322) von der Standardeingabe, wie eine Alias-Pipe oder ein MDA sie aufruft: kontor: \"|/usr/local/bin/kontor mail-in\" in /etc/aliases. Mit --maildir nimmt es jede Nachricht in DIR/new: angenommene wandern nach DIR/cur, abgelehnte nach DIR/failed mit einer .reason-Datei daneben, und was die Datenbank gerade nicht annehmen konnte, bleibt für den nächsten Lauf. Eine Zeile je Nachricht geht auf die Standardfehlerausgabe und in kontor-mail.log neben der Datenbank. Exit-Codes: 0 angenommen, 75 später erneut versuchen, 65 keine Nachricht, 69 zu groß.",
        "Take every message in this Maildir's new/ folder.":
            "Nimmt jede Nachricht im Ordner new/ dieses Maildirs.",
        "The address the mail system delivered the message for (Postfix's ${original_recipient}), to choose the queue.":
            "Die Adresse, für die das Mailsystem die Nachricht zugestellt hat (bei Postfix ${original_recipient}), zur Wahl der Warteschlange.",
        "The largest message taken, in MiB.":
            "Die größte angenommene Nachricht, in MiB.",
        "{0} is not a Maildir: it has no new/ folder":
            "{0} ist kein Maildir: es hat keinen Ordner new/",
        "List staff, add them, change roles, deactivate or reactivate them.":
            "Listet das Personal, legt Mitarbeiter an, ändert Rollen, deaktiviert oder reaktiviert sie.",
        "no member of staff has the account '{0}'; `kontor staff` lists them":
            "kein Mitarbeiter hat das Konto '{0}'; `kontor staff` listet sie",
        "List the staff.":
            "Listet das Personal.",
        "Include deactivated staff.":
            "Mit deaktivierten Mitarbeitern.",
        "(deactivated)":
            "(deaktiviert)",
        "Add an operating-system account to the staff.":
            "Nimmt ein Betriebssystemkonto ins Personal auf.",
        "The account's user name, as they log in.":
            "Der Benutzername des Kontos, wie bei der Anmeldung.",
        "Full name.":
            "Vollständiger Name.",
        "front, back, manager or admin.":
            "front, back, manager oder admin.",
        "Job title.":
            "Stellenbezeichnung.",
        "Department.":
            "Abteilung.",
        "Their SSH public key file (- for standard input), on a server set up with kontor setup.":
            "Die Datei mit dem öffentlichen SSH-Schlüssel (- für die Standardeingabe), auf einem mit kontor setup eingerichteten Server.",
        "--role must be front, back, manager or admin, got '{0}'":
            "--role muss front, back, manager oder admin sein, erhielt '{0}'",
        "added {0} ({1}) as {2}":
            "{0} ({1}) als {2} angelegt",
        ", key {0}":
            ", Schlüssel {0}",
        "Change someone's role.":
            "Ändert die Rolle eines Mitarbeiters.",
        "role must be front, back, manager or admin, got '{0}'":
            "die Rolle muss front, back, manager oder admin sein, erhielt '{0}'",
        "{0} is now {1}":
            "{0} ist jetzt {1}",
        "Stop an account from using Kontor (its history stays).":
            "Sperrt ein Konto für Kontor (sein Verlauf bleibt erhalten).",
        "Let a deactivated account use Kontor again.":
            "Gibt ein deaktiviertes Konto für Kontor wieder frei.",
        "{0} can use Kontor again":
            "{0} kann Kontor wieder benutzen",
        "{0} is deactivated":
            "{0} ist deaktiviert",
        "Add, remove or list the SSH keys that let staff in.":
            "Fügt die SSH-Schlüssel hinzu, mit denen Mitarbeiter sich anmelden, entfernt oder listet sie.",
        "Add an SSH public key for a member of staff.":
            "Fügt einen öffentlichen SSH-Schlüssel für einen Mitarbeiter hinzu.",
        "The public key file (- for standard input).":
            "Die Datei mit dem öffentlichen Schlüssel (- für die Standardeingabe).",
        "added key {0} for {1}":
            "Schlüssel {0} für {1} hinzugefügt",
        "Remove a member of staff's key (by fingerprint), or all their keys.":
            "Entfernt einen Schlüssel eines Mitarbeiters (nach Fingerabdruck) oder alle seine Schlüssel.",
        "The key's fingerprint (SHA256:…) as `kontor staff key list` shows it; all their keys when left out.":
            "Der Fingerabdruck des Schlüssels (SHA256:…), wie `kontor staff key list` ihn zeigt; ohne Angabe alle Schlüssel.",
        "{0} has no such key; kontor staff key list {0} shows theirs":
            "{0} hat keinen solchen Schlüssel; kontor staff key list {0} zeigt die vorhandenen",
        "removed {0} key of {1}":
            "{0} Schlüssel von {1} entfernt",
        "removed {0} keys of {1}":
            "{0} Schlüssel von {1} entfernt",
        "Write authorized_keys from the staff list again (what kontor doctor asks for when they differ; admins).":
            "Schreibt authorized_keys neu aus der Personalliste (was kontor doctor verlangt, wenn sie abweichen; Admins).",
        "no server configuration: there is no authorized_keys to write":
            "keine Serverkonfiguration: es gibt keine authorized_keys zu schreiben",
        "wrote {0} from the staff list":
            "{0} aus der Personalliste geschrieben",
        "List the keys (of one member of staff).":
            "Listet die Schlüssel (eines Mitarbeiters).",
        "(deactivated: not in authorized_keys)":
            "(deaktiviert: nicht in authorized_keys)",
        "Show or change the company settings (name, address, VAT id, tax number, bank, payment terms).":
            "Zeigt oder ändert die Firmeneinstellungen (Name, Adresse, USt-IdNr., Steuernummer, Bank, Zahlungsziel).",
        "Change with --set KEY=VALUE, repeated as needed. Keys: name, address ({1} for line breaks), vat-id, tax-number, bank, payment-terms (days), allow-negative-stock (yes/no); for invoices and e-invoices: country, contact, phone, email, electronic-address, iban, bic, small-business (yes/no: §19 UStG), language (de or en: the printed invoice's words), skonto (the usual early-payment discount: \"2 % 10\" for 2 % within 10 days, or none); for dunning runs: dunning-days (days overdue from which the reminder, 1st, 2nd and final notice are due: \"1 15 31 61\"), dunning-fees (each level's fee: \"0 5,00 5,00 10,00\"), dunning-wait (days between two letters about one invoice), dunning-pay-within (days the letter gives), base-rate (the Bundesbank's base rate and the day it holds from: \"1,27 2025-07-01\"); for the tax advisor's DATEV: datev-consultant (Beraternummer), datev-client (Mandantennummer), datev-fiscal-year-start (MM-DD, 01-01 unless set), datev-chart (SKR03 or SKR04), datev-account-length (4 to 8, usually 4), datev-account-ACCOUNT (an account the export books onto, kept elsewhere by the advisor: its number at the account length, empty for the chart's again; ACCOUNT is one of {0}); for mail: mail-queues (\"support=support@firma.de, billing=rechnung@firma.de\": the address each queue sends from), mail-default-queue, mail-tag (# gives [#1234]), sendmail (the command, default /usr/sbin/sendmail -t -i), signature ({1} for line breaks), mail-acknowledge (yes/no: answer new tickets by mail automatically), mail-attachment-limit (KiB).":
            "Ändern mit --set KEY=VALUE, beliebig oft. Schlüssel: name, address ({1} für Zeilenumbrüche), vat-id, tax-number, bank, payment-terms (Tage), allow-negative-stock (yes/no); für Rechnungen und E-Rechnungen: country, contact, phone, email, electronic-address, iban, bic, small-business (yes/no: §19 UStG), language (de oder en: die Sprache der gedruckten Rechnung), skonto (das übliche Skonto: \"2 % 10\" für 2 % binnen 10 Tagen, oder none); für Mahnläufe: dunning-days (Tage überfällig, ab denen Zahlungserinnerung, 1., 2. und letzte Mahnung fällig sind: \"1 15 31 61\"), dunning-fees (die Gebühr jeder Stufe: \"0 5,00 5,00 10,00\"), dunning-wait (Tage zwischen zwei Briefen zu einer Rechnung), dunning-pay-within (die Zahlungsfrist des Briefs in Tagen), base-rate (der Basiszinssatz der Bundesbank und der Tag, ab dem er gilt: \"1,27 2025-07-01\"); für das DATEV des Steuerberaters: datev-consultant (Beraternummer), datev-client (Mandantennummer), datev-fiscal-year-start (MM-TT, ohne Angabe 01-01), datev-chart (SKR03 oder SKR04), datev-account-length (4 bis 8, meist 4), datev-account-ACCOUNT (ein Konto, auf das der Export bucht und das der Steuerberater anders führt: seine Nummer in Kontenlänge, leer für wieder das des Kontenrahmens; ACCOUNT ist eines von {0}); für Mail: mail-queues (\"support=support@firma.de, billing=rechnung@firma.de\": die Absenderadresse jeder Warteschlange), mail-default-queue, mail-tag (# ergibt [#1234]), sendmail (der Befehl, Standard /usr/sbin/sendmail -t -i), signature ({1} für Zeilenumbrüche), mail-acknowledge (yes/no: neue Tickets automatisch per Mail bestätigen), mail-attachment-limit (KiB).",
        "A setting to change.":
            "Eine zu ändernde Einstellung.",
        "mail-acknowledge expects yes or no, got '{0}'":
            "mail-acknowledge erwartet yes oder no, erhielt '{0}'",
        "mail-attachment-limit expects a number of KiB, got '{0}'":
            "mail-attachment-limit erwartet eine Anzahl KiB, erhielt '{0}'",
        "--set expects key=value, got '{0}'":
            "--set erwartet key=value, erhielt '{0}'",
        "payment-terms expects a number of days, got '{0}'":
            "payment-terms erwartet eine Anzahl Tage, erhielt '{0}'",
        "language expects de or en, got '{0}'":
            "language erwartet de oder en, erhielt '{0}'",
        "skonto {0}, got '{1}'":
            "skonto {0}, erhielt '{1}'",
        "{0} expects a number, got '{1}'":
            "{0} erwartet eine Zahl, erhielt '{1}'",
        "datev-fiscal-year-start expects month and day like 01-01 or 07-01, got '{0}'":
            "datev-fiscal-year-start erwartet Monat und Tag wie 01-01 oder 07-01, erhielt '{0}'",
        "datev-chart expects SKR03 or SKR04, got '{0}'":
            "datev-chart erwartet SKR03 oder SKR04, erhielt '{0}'",
        "datev-account-length expects 4 to 8, got '{0}'":
            "datev-account-length erwartet 4 bis 8, erhielt '{0}'",
        "small-business expects yes or no, got '{0}'":
            "small-business erwartet yes oder no, erhielt '{0}'",
        "dunning-days expects four numbers like \"1 15 31 61\", got '{0}'":
            "dunning-days erwartet vier Zahlen wie \"1 15 31 61\", erhielt '{0}'",
        "dunning-fees expects four amounts like \"0 5,00 5,00 10,00\", got '{0}'":
            "dunning-fees erwartet vier Beträge wie \"0 5,00 5,00 10,00\", erhielt '{0}'",
        "dunning-wait expects a number of days, got '{0}'":
            "dunning-wait erwartet eine Anzahl Tage, erhielt '{0}'",
        "dunning-pay-within expects a number of days, got '{0}'":
            "dunning-pay-within erwartet eine Anzahl Tage, erhielt '{0}'",
        "base-rate expects the rate in percent and the day it holds from, like \"1,27 2025-07-01\", got '{0}'":
            "base-rate erwartet den Satz in Prozent und den Tag, ab dem er gilt, wie \"1,27 2025-07-01\", erhielt '{0}'",
        "allow-negative-stock expects yes or no, got '{0}'":
            "allow-negative-stock erwartet yes oder no, erhielt '{0}'",
        "unknown setting '{0}'; keys are name, address, vat-id, tax-number, bank, payment-terms, allow-negative-stock, country, contact, phone, email, electronic-address, iban, bic, small-business, language, skonto, dunning-days, dunning-fees, dunning-wait, dunning-pay-within, base-rate, datev-consultant, datev-client, datev-fiscal-year-start, datev-chart, datev-account-length, datev-account-ACCOUNT, mail-queues, mail-default-queue, mail-tag, sendmail, signature, mail-acknowledge, mail-attachment-limit":
            "unbekannte Einstellung '{0}'; Schlüssel sind name, address, vat-id, tax-number, bank, payment-terms, allow-negative-stock, country, contact, phone, email, electronic-address, iban, bic, small-business, language, skonto, dunning-days, dunning-fees, dunning-wait, dunning-pay-within, base-rate, datev-consultant, datev-client, datev-fiscal-year-start, datev-chart, datev-account-length, datev-account-ACCOUNT, mail-queues, mail-default-queue, mail-tag, sendmail, signature, mail-acknowledge, mail-attachment-limit",
        "unknown DATEV account '{0}'; accounts are {1}":
            "unbekanntes DATEV-Konto '{0}'; Konten sind {1}",
        "{0} expects an account number of digits only, like 8400, got '{1}'":
            "{0} erwartet eine Kontonummer nur aus Ziffern, wie 8400, erhielt '{1}'",
        "Create the server's database (as the service account) with its first admin and their SSH key.":
            "Legt die Datenbank des Servers an (als Dienstkonto), mit dem ersten Admin und seinem SSH-Schlüssel.",
        "The first admin's name on the staff list (their login name).":
            "Der Name des ersten Admins in der Personalliste (sein Anmeldename).",
        "The first admin's full name.":
            "Der vollständige Name des ersten Admins.",
        "The first admin's SSH public key file (- for standard input).":
            "Die Datei mit dem öffentlichen SSH-Schlüssel des ersten Admins (- für die Standardeingabe).",
        "the service account '{0}' does not exist: create it first (useradd --system …)":
            "das Dienstkonto '{0}' gibt es nicht: zuerst anlegen (useradd --system …)",
        "run this as the service account, so that it owns the database: sudo -u {0} kontor setup …":
            "als Dienstkonto ausführen, damit ihm die Datenbank gehört: sudo -u {0} kontor setup …",
        "{0} exists already; setup makes a new database only (kontor staff adds people to it)":
            "{0} gibt es bereits; setup legt nur eine neue Datenbank an (kontor staff nimmt Mitarbeiter auf)",
        "cannot read the key file {0}":
            "die Schlüsseldatei {0} kann nicht gelesen werden",
        "created {0} with {1} ({2}) as its admin":
            "{0} angelegt mit {1} ({2}) als Admin",
        ", and their key in {0}":
            ", sein Schlüssel in {0}",
        "Let a member of staff in: the forced command of their SSH key (or of the sudo rule).":
            "Lässt einen Mitarbeiter herein: der erzwungene Befehl seines SSH-Schlüssels (oder der sudo-Regel).",
        "Runs as the service account only. {0}.":
            "Läuft nur als Dienstkonto. {0}.",
        "The member of staff (given by the key's forced command; from sudo when left out).":
            "Der Mitarbeiter (aus dem erzwungenen Befehl des Schlüssels; ohne Angabe aus sudo).",
        "no configuration file at {0}; an administrator sets up Kontor with /etc/kontor/kontor.conf":
            "keine Konfigurationsdatei unter {0}; ein Administrator richtet Kontor mit /etc/kontor/kontor.conf ein",
        "there is no database at {0} (from {1}); an administrator sets it up with kontor setup":
            "unter {0} gibt es keine Datenbank (laut {1}); ein Administrator richtet sie mit kontor setup ein",
        "this key opens Kontor in a terminal: use ssh -t, or name a command ({0})":
            "dieser Schlüssel öffnet Kontor in einem Terminal: ssh -t verwenden oder einen Befehl nennen ({0})",
        "import reads the file from standard input: ssh … import {0} < FILE":
            "import liest die Datei von der Standardeingabe: ssh … import {0} < FILE",
        "bank import reads the statement from standard input: ssh … bank import < auszug.xml":
            "bank import liest den Kontoauszug von der Standardeingabe: ssh … bank import < auszug.xml",
        "export --all writes a folder on the server: an administrator runs it there":
            "export --all schreibt einen Ordner auf dem Server: ein Administrator führt es dort aus",
        "open-items writes its CSV to your terminal here: --csv -":
            "open-items schreibt seine CSV hier in Ihr Terminal: --csv -",
        "backup takes nothing more over SSH: the copy goes to backups/ beside the database":
            "backup nimmt über SSH keine weiteren Angaben: die Sicherung kommt nach backups/ neben der Datenbank",
        "Measure start-up, key-to-frame times and memory on a demo database.":
            "Misst Startzeit, Zeit von Taste zu Bild und Speicher an einer Demo-Datenbank.",
        "Run N simulated staff sessions against a copy of a database and report times, CPU and memory.":
            "Lässt N simulierte Mitarbeitersitzungen gegen eine Kopie einer Datenbank laufen und berichtet Zeiten, CPU und Speicher.",
        "One session of a load test (started by kontor loadtest).":
            "Eine Sitzung eines Lasttests (von kontor loadtest gestartet).",
        "Write concurrently to a database: issue invoices and increment a counter (for tests and load checks).":
            "Schreibt gleichzeitig in eine Datenbank: stellt Rechnungen aus und erhöht einen Zähler (für Tests und Lastprüfungen).",
        "{0} % within {1} days":
            "{0} % binnen {1} Tagen",
        "(reminder, 1st, 2nd, final notice: days overdue)":
            "(Zahlungserinnerung, 1., 2., letzte Mahnung: Tage überfällig)",
        "{0} since {1}":
            "{0} seit {1}",
        "not set":
            "nicht gesetzt",
        "set":
            "gesetzt",
        "{0} s in all":
            "{0} s insgesamt",

        // The argument parser's refusals
        "Unknown option '{0}'": "Unbekannte Option „{0}“",
        "Missing expected argument '{0}'": "Es fehlt das Argument „{0}“",
        "Unexpected argument '{0}'": "Unerwartetes Argument „{0}“",
        "Missing value for '{0}'": "Es fehlt der Wert für „{0}“",
        "The value '{0}' is invalid for '{1}'{2}": "Der Wert „{0}“ gilt nicht für „{1}“{2}",

        // The argument parser's headings in a help text
        "OVERVIEW:": "ÜBERSICHT:",
        "USAGE:": "AUFRUF:",
        "ARGUMENTS:": "ARGUMENTE:",
        "OPTIONS:": "OPTIONEN:",
        "SUBCOMMANDS:": "BEFEHLE:",
        "Show help information.": "Die Hilfe zeigen.",
        "Show the version.": "Die Version zeigen.",
        "See 'kontor help <subcommand>' for detailed help.": "`kontor help <Befehl>` zeigt die Hilfe eines Befehls.",
        "(default: {0})": "(Standard: {0})",
        "fetch: {0}": "abholen: {0}",
        "this account serves Kontor over SSH (its authorized_keys hold Kontor's keys), but no configuration was named: add --config FILE, the one its keys name": "dieses Konto bedient Kontor über SSH (seine authorized_keys enthalten Kontors Schlüssel), aber keine Konfiguration wurde genannt: --config DATEI angeben, die seine Schlüssel nennen",
        "mail goes out through {0}": "Mails gehen über {0} hinaus",
        "mail cannot go out: '{0}' is not there": "Mails können nicht hinaus: '{0}' gibt es nicht",
        "install msmtp-mta or postfix, or set another sendmail command in the mail settings (@ on Invoices)": "msmtp-mta oder postfix installieren, oder einen anderen sendmail-Befehl in den Mail-Einstellungen setzen (@ unter Rechnungen)",
        "install msmtp-mta or postfix, or set sendmail = … in {0}": "msmtp-mta oder postfix installieren, oder sendmail = … in {0} setzen",
        "Ctrl-Z has no shell to return to here: q quits, and ssh -t opens Kontor again": "Strg-Z hat hier keine Shell, in die es zurückkehren kann: q beendet, und ssh -t öffnet Kontor wieder",
        "the command is longer than {0} bytes": "der Befehl ist länger als {0} Bytes",
        "commands: {0}": "Befehle: {0}",
        "'{0}' is not allowed here: no shell runs these commands (quote it if it is part of a value)": "'{0}' ist hier nicht erlaubt: diese Befehle führt keine Shell aus (in Anführungszeichen, wenn es zu einem Wert gehört)",
        "a quote is not closed": "ein Anführungszeichen ist nicht geschlossen",
        "no command given; {0}": "kein Befehl angegeben; {0}",
        "'{0}' is not a Kontor command this key may run; {1}": "'{0}' ist kein Kontor-Befehl, den dieser Schlüssel ausführen darf; {1}",
        "{0} is not available here: commands work on Kontor's own database and write to your terminal": "{0} gibt es hier nicht: die Befehle arbeiten auf Kontors eigener Datenbank und schreiben in Ihr Terminal",
        "a file on the server cannot be named here: send it on standard input (-), as in ssh … staff key add anna - < anna.pub": "eine Datei auf dem Server lässt sich hier nicht nennen: über die Standardeingabe (-) schicken, etwa ssh … staff key add anna - < anna.pub",
        "name a file as 'ssh … files' lists it, like invoices/2026-00042.pdf": "eine Datei so nennen, wie 'ssh … files' sie listet, etwa invoices/2026-00042.pdf",
        "'{0}' leads out of your files: name a file as 'ssh … files' lists it": "'{0}' führt aus Ihren Dateien hinaus: eine Datei so nennen, wie 'ssh … files' sie listet",
        "there is no file '{0}' among your files; 'ssh … files' lists them": "unter Ihren Dateien gibt es keine Datei '{0}'; 'ssh … files' listet sie",
        "'{0}' is a folder: name one of its files, as 'ssh … files' lists them": "'{0}' ist ein Ordner: eine seiner Dateien nennen, wie 'ssh … files' sie listet",
        "Over SSH, quote the whole command so that values with spaces arrive whole: ssh … 'staff add anna --name \"Anna Schäfer\"'; ssh … help COMMAND says what a command takes.": "Über SSH den ganzen Befehl in einfache Anführungszeichen setzen, damit Werte mit Leerzeichen ganz ankommen: ssh … 'staff add anna --name \"Anna Schäfer\"'; ssh … help BEFEHL sagt, was ein Befehl erwartet.",
        "The files you made: printed invoices, exports, dunning letters (over SSH: fetch them with files get).": "Ihre Dateien: gedruckte Rechnungen, Exporte, Mahnbriefe (über SSH: mit files get abholen).",
        "files lists them, newest first; files get PATH writes one to standard output; files delete PATH removes one.": "files listet sie, die neuesten zuerst; files get PFAD schreibt eine auf die Standardausgabe; files delete PFAD löscht eine.",
        "list, get or delete.": "list, get oder delete.",
        "A file as the list names it, like invoices/2026-00042.pdf.": "Eine Datei, wie die Liste sie nennt, etwa invoices/2026-00042.pdf.",
        "expects list, get PATH or delete PATH, got '{0}'": "erwartet list, get PFAD oder delete PFAD, nicht '{0}'",
        "{0} needs a file as files lists it, like invoices/2026-00042.pdf": "{0} braucht eine Datei, wie files sie listet, etwa invoices/2026-00042.pdf",
        "{0} is not text: send it to a file, as in files get {0} > {1}": "{0} ist kein Text: in eine Datei umleiten, etwa files get {0} > {1}",
        "Deleted {0}": "{0} gelöscht",
        "No files yet: what you print or export from the screens comes here.": "Noch keine Dateien: was Sie in den Masken drucken oder exportieren, landet hier.",
    ]
}
