#!/usr/bin/env python3
"""Writes the import test files byte for byte the way the programs write them.

Run from this folder: python3 make-fixtures.py. The files are committed; this
script says how each was made.
"""

def write(name, data):
    with open(name, "wb") as f:
        f.write(data)

# Excel 365, "CSV UTF-8 (durch Trennzeichen getrennt)": BOM, ';', CRLF,
# a cell with a line break (Alt-Enter: LF inside quotes), doubled quotes,
# decimal comma, postcodes with leading zeros, an empty row as ';;;;'.
excel_utf8 = (
    "Firma;Ansprechpartner;Straße;PLZ;Ort;Land;E-Mail;USt-IdNr;Notizen\r\n"
    "Müller & Söhne GmbH;Jürgen Weiß;Hauptstraße 5;01067;Dresden;Deutschland;info@mueller-soehne.de;DE123456788;\"Liefert nur\ndienstags\"\r\n"
    "\"Bäckerei \"\"Zum Korn\"\"\";Ännchen Groß;Kornweg 1;09111;Chemnitz;Germany;;;\r\n"
    ";;;;;;;;\r\n"
    "Café Olé SARL;Élodie Dupré;12 rue de la Paix;75002;Paris;Frankreich;contact@cafe-ole.fr;;\r\n"
    "Wiener Kaffeehaus KG;Franz Österreicher;Ringstraße 1;1010;Wien;Österreich;;ATU12345678;\r\n"
).encode("utf-8")
write("customers-excel-utf8.csv", b"\xef\xbb\xbf" + excel_utf8)

# Older Excel, "CSV (Trennzeichen-getrennt)": Windows-1252, ';', CRLF, no BOM.
excel_ansi = (
    "Firma;Straße;PLZ;Ort;Land;Telefon\r\n"
    "Gärtnerei Größer;Blumenstraße 3;04109;Leipzig;Deutschland;0341 123456\r\n"
    "Brauhaus „Zum Hirsch“ e.K.;Bierweg 7;80331;München;DE;089 987654\r\n"
    "Maître Crêpe – Bretagne;5 quai Œuvre;29200;Brest;France;\r\n"
).encode("cp1252")
write("customers-excel-ansi.csv", excel_ansi)

# LibreOffice Calc, "Text CSV" with its defaults: UTF-8 without BOM, ',',
# LF, quotes only where needed, a cell with a CRLF inside.
libre = (
    "Company,Contact,Address,Postal Code,City,Country,Email\n"
    "\"Nordlicht Handel, GmbH\",Sören Friis,\"Hafenstraße 9\r\nHinterhaus\",24103,Kiel,Germany,s.friis@nordlicht.de\n"
    "Tromsø Fisk AS,Åse Nygård,Storgata 1,9008,Tromsø,Norway,\n"
).encode("utf-8")
write("customers-libreoffice.csv", libre)

# Products as German Excel writes them: ';', decimal comma, thousands point.
products = (
    "Artikelnummer;Artikel;EAN;Einzelpreis;MwSt;Bestand;Meldebestand;Einheit\r\n"
    "KAF-1000;Kaffee „Hochland“ 1 kg;4006381333931;1.234,56;7;12;5;Stk\r\n"
    "TEE-20;Grüner Tee 20 Beutel;;3,5;7;1.500;100;Pck\r\n"
    "SVC-1;Wartung je Stunde;;85,00;19;;0;Std\r\n"
).encode("utf-8")
write("products-excel.csv", b"\xef\xbb\xbf" + products)

# A tab-separated export.
write("customers-tab.tsv", "Name\tCity\tCountry\nTabula GmbH\tBonn\tDE\n".encode("utf-8"))

# Every defect the importer must report, one per line (line numbers in the
# comments of the test). ';', UTF-8 without BOM, LF.
malformed = b"".join([
    "Artikelnummer;Artikel;EAN;Einzelpreis;Bestand;Meldebestand\n".encode(),          # 1 header
    "OK-1;Gute Ware;;1,00;1;0\n".encode(),                                              # 2 fine
    "BAD-2;Zu wenig Größe;;1,00\n".encode(),                                                  # 3 too few fields
    "BAD-3;Zu viel Übermaß;;1,00;1;0;extra\n".encode(),                                         # 4 too many fields
    "BAD-4;Wortzahl;;twenty-two;1;0\n".encode(),                                        # 5 not a number
    "BAD-5;Zwei Punkte;;21.35.1;1;0\n".encode(),                                        # 6 misplaced grouping
    "BAD-6;Exponent;;1e999;1;0\n".encode(),                                             # 7 not a number
    "BAD-7;Riesig;;1,00;99999999999999999999999;0\n".encode(),                          # 8 beyond 64 bit
    "BAD-8;Kein Wert;;NaN;1;0\n".encode(),                                              # 9 NaN
    ";Ohne Nummer;;1,00;1;0\n".encode(),                                                # 10 required empty
    "BAD-10;Prüfziffer;4006381333932;1,00;1;0\n".encode(),                              # 11 EAN check digit
    "BAD-11;\x1b[31mRot\x1b[0m;;1,00;1;0\n".encode(),                                  # 12 escape sequence in a name
    b"BAD-12;Kaputt \xff\xfe;;1,00;1;0\n",                                              # 13 invalid UTF-8
    "   \n".encode(),                                                                    # 14 whitespace only: skipped
    "\n".encode(),                                                                       # 15 empty: skipped
    "BAD-13;\"Zitat\"danach;;1,00;1;0\n".encode(),                                      # 16 text after closing quote
    "BAD-14;\"Offenes Zitat;;1,00;1;0\n".encode(),                                      # 17 unterminated quote...
    "OK-15;Verschluckt;;1,00;1;0\n".encode(),                                           # 18 ...swallowed to the end
])
write("products-malformed.csv", malformed)

# Customers with bad e-mail, unknown country, comma file with decimal comma.
write("customers-malformed.csv", (
    "Company,Email,Country,Payment Terms\n"
    "Gut AG,gut@example.com,Germany,14\n"          # 2 fine
    "Schlecht AG,kein-at-zeichen,Germany,14\n"     # 3 bad e-mail
    "Fernweh AG,,Atlantis,14\n"                    # 4 unknown country
    "Komma AG,,DE,\"14,5\"\n"                      # 5 decimal comma in a comma file
).encode())

# Staff as an HR sheet lists them: German headers, a manager by name,
# German role words; one unknown role, one bad account name.
write("staff-excel.csv", b"\xef\xbb\xbf" + (
    "Benutzername;Name;Rolle;Abteilung;E-Mail;Vorgesetzte(r)\r\n"
    "mkoch;Maria Koch;Leitung;Vertrieb;m.koch@example.de;\r\n"
    "tbauer;Tim Bauer;Frontoffice;Vertrieb;;Maria Koch\r\n"
    "sweiss;Sabine Weiß;Buchhaltung;Finanzen;s.weiss@example.de;mkoch\r\n"
    "Bad User;Falscher Name;back;;;\r\n"
    "jlang;Jana Lang;Chefin;;;\r\n"
).encode("utf-8"))
