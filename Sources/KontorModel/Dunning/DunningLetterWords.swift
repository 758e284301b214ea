import KontorText

/// What a dunning letter says, in German, from the letter's figures: the
/// text print and the PDF's sheet both read these sentences, so the two
/// can never word a claim differently. Every text from the data passes
/// through `VisibleText` before it is placed.
struct DunningLetterWords {
    let letter: DunningLetter

    func clean(_ text: String) -> String { VisibleText.clean(text) }
    func lines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { clean(String($0)).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
    func money(_ cents: Int) -> String { Money.format(cents: cents) }
    func date(_ iso: String) -> String { CalendarDate.german(iso) }

    var title: String { letter.level.germanTitle }
    var seller: [String] { [clean(letter.seller.name)] + lines(letter.seller.address) }
    var recipient: [String] { letter.recipient.flatMap(lines) }

    /// The information block: the letter's number and date, the customer, who to call.
    var info: [(String, String)] {
        var fields: [(String, String)] = [("Schreiben Nr.", letter.fileName), ("Datum", date(letter.date)),
                                          ("Kundennummer", String(letter.customerID))]
        let s = letter.seller
        for (label, value) in [("Ansprechpartner", s.contactName), ("Telefon", s.phone), ("E-Mail", s.email)] where !value.isEmpty {
            fields.append((label, clean(value)))
        }
        return fields
    }

    /// A private person by name ("Guten Tag Birgit Busch,"), a business as one.
    var salutation: String {
        if letter.consumer, let name = recipient.first, !name.isEmpty { return "Guten Tag \(name)," }
        return "Sehr geehrte Damen und Herren,"
    }

    /// One invoice or several, as the sentences say them.
    var one: Bool { letter.notices.count == 1 }
    /// Whether something was paid on them already (a part payment): the
    /// letter does not say that nothing came.
    var partPaid: Bool { letter.notices.contains { $0.openCents < $0.grossCents } }

    /// The sentence before the table, sterner from level to level.
    var intro: String {
        let by = date(letter.payBy)
        let invoices = one ? "die folgende Rechnung" : "die folgenden Rechnungen"
        let are = one ? "ist" : "sind"
        switch letter.level {
        case .none, .reminder:
            return "sicher ist es Ihrer Aufmerksamkeit entgangen: \(one ? "Die folgende Rechnung" : "Die folgenden Rechnungen") \(are) noch nicht \(partPaid ? "vollständig " : "")beglichen. Bitte überweisen Sie den offenen Betrag bis zum \(by)."
        case .first:
            return "zu \(one ? "der folgenden Rechnung" : "den folgenden Rechnungen") konnten wir trotz Fälligkeit noch keinen \(partPaid ? "vollständigen " : "")Zahlungseingang feststellen. Bitte überweisen Sie den Gesamtbetrag bis zum \(by)."
        case .second:
            return "\(invoices) \(are) trotz unserer Erinnerung weiterhin offen. Wir fordern Sie auf, den Gesamtbetrag bis spätestens \(by) zu zahlen."
        case .final:
            return "\(invoices) \(are) trotz mehrfacher Mahnung \(partPaid ? "nicht vollständig bezahlt" : "unbezahlt"). Wir setzen Ihnen eine letzte Frist bis zum \(by). Geht die Zahlung bis dahin nicht ein, leiten wir ohne weitere Ankündigung das gerichtliche Mahnverfahren ein oder beauftragen ein Inkassounternehmen."
        }
    }

    /// What is open on one invoice, and how it came to be so when part of it was paid.
    func openText(_ notice: ProposedNotice) -> String {
        guard notice.openCents < notice.grossCents else { return "offen \(money(notice.openCents)) €" }
        return "Rechnungsbetrag \(money(notice.grossCents)) €, bezahlt \(money(notice.grossCents - notice.openCents)) €, offen \(money(notice.openCents)) €"
    }

    /// One invoice in the table: its number and date, the letter before.
    /// The PDF's column is headed "Rechnung" and leaves the word out.
    func description(_ notice: ProposedNotice, word: Bool = true) -> String {
        var text = (word ? "Rechnung " : "") + "\(clean(notice.number)) vom \(date(notice.issueDate))"
        if let previous = notice.previous {
            text += " (\(previous.level.germanTitle) vom \(date(previous.date)))"
        }
        return text
    }

    func interestLabel(_ notice: ProposedNotice) -> String {
        "Verzugszinsen \(DunningTerms.percent(letter.interestRateBP)) p. a. für \(notice.daysOverdue) Tage"
    }

    /// The sums under the table, the last one what to pay.
    var totals: [(label: String, cents: Int, emphasised: Bool)] {
        var rows: [(String, Int, Bool)] = [("Offene Rechnungsbeträge", letter.openCents, false)]
        if letter.interestCents > 0 { rows.append(("Verzugszinsen bis \(date(letter.date))", letter.interestCents, false)) }
        if letter.feeCents > 0 { rows.append(("Mahngebühr", letter.feeCents, false)) }
        if letter.earlierFeesCents > 0 { rows.append(("Offene Mahngebühren früherer Schreiben", letter.earlierFeesCents, false)) }
        rows.append(("Zu zahlen EUR", letter.totalCents, true))
        return rows
    }

    /// The interest's legal ground, where to pay, and the usual courtesy.
    var notes: [String] {
        var notes: [String] = []
        if letter.interestCents > 0 {
            let paragraph = letter.consumer ? "§ 288 Abs. 1 BGB: 5" : "§ 288 Abs. 2 BGB: 9"
            notes.append("Verzugszinsen nach \(paragraph) Prozentpunkte über dem Basiszinssatz (\(DunningTerms.percent(letter.baseRateBP)) seit \(date(letter.baseRateFrom))), zusammen \(DunningTerms.percent(letter.interestRateBP)) im Jahr, für jeden Tag ab Fälligkeit auf den offenen Betrag; sie laufen bis zum Zahlungseingang weiter.")
        }
        notes.append("Bitte überweisen Sie \(money(letter.totalCents)) € bis zum \(date(letter.payBy)) unter Angabe \(one ? "der Rechnungsnummer" : "der Rechnungsnummern") und der Nummer dieses Schreibens (\(letter.fileName)).")
        if !bank.isEmpty { notes.append("Bankverbindung: " + bank.joined(separator: " · ")) }
        notes.append("Sollten Sie die Zahlung inzwischen geleistet haben, betrachten Sie dieses Schreiben bitte als gegenstandslos.")
        return notes
    }

    var bank: [String] {
        let s = letter.seller
        return [clean(s.bank), s.iban.isEmpty ? "" : "IBAN \(InvoiceSheet.grouped(clean(s.iban)))", s.bic.isEmpty ? "" : "BIC \(clean(s.bic))"]
            .filter { !$0.isEmpty }
    }

    var footer: [[String]] {
        let s = letter.seller
        return [
            seller,
            [s.vatID.isEmpty ? "" : "USt-IdNr.: \(clean(s.vatID))", s.taxNumber.isEmpty ? "" : "Steuernummer: \(clean(s.taxNumber))",
             s.phone.isEmpty ? "" : "Telefon: \(clean(s.phone))", s.email.isEmpty ? "" : "E-Mail: \(clean(s.email))"].filter { !$0.isEmpty },
            bank.isEmpty ? [] : ["Bankverbindung"] + bank,
        ].filter { !$0.isEmpty }
    }
}

extension DunningLetter {
    /// The letter as plain text, as mail and terminals show it.
    public var text: String {
        let w = DunningLetterWords(letter: self)
        var out: [String] = []
        out.append(w.seller.joined(separator: " · "))
        out.append("")
        out += w.recipient
        out.append("")
        for (label, value) in w.info { out.append("\(label): \(value)") }
        out.append("")
        out.append(w.title.uppercased())
        out.append("")
        out.append(w.salutation)
        out.append("")
        out.append(w.intro)
        out.append("")
        for (index, notice) in notices.enumerated() {
            out.append("\(index + 1). \(w.description(notice))")
            out.append("   fällig seit \(w.date(notice.dueDate)), \(notice.daysOverdue) Tage: \(w.openText(notice))")
            if notice.interestCents > 0 { out.append("   \(w.interestLabel(notice)): \(w.money(notice.interestCents)) €") }
        }
        out.append("")
        let width = w.totals.map(\.label.count).max() ?? 0
        for total in w.totals {
            let label = total.label.padding(toLength: width, withPad: " ", startingAt: 0)
            out.append("\(label)  \(w.money(total.cents))")
        }
        out.append("")
        for note in w.notes { out.append(note); out.append("") }
        out.append("Mit freundlichen Grüßen")
        out.append(w.seller.first ?? "")
        return out.joined(separator: "\n") + "\n"
    }

    /// The letter as a sheet for `KontorPDF`: the invoice's letter layout
    /// (DIN 5008), with the overdue invoices as its table.
    public var sheet: InvoiceSheet {
        let w = DunningLetterWords(letter: self)
        return InvoiceSheet(
            fileName: fileName + ".pdf", documentTitle: "\(w.title) \(fileName)", author: w.seller.first ?? "", issueDate: date,
            letterhead: w.seller, senderLine: w.seller.joined(separator: " · "), recipient: w.recipient,
            info: w.info.map { InvoiceSheet.Field(label: $0.0, value: $0.1) },
            title: w.title, subtitle: nil, intro: [w.salutation, w.intro],
            columns: InvoiceSheet.Columns(position: "Pos", description: "Rechnung", quantity: "Tage", unit: "", unitPrice: "Fällig seit",
                                          vat: "", amount: "Offen"),
            rows: notices.enumerated().map { index, notice in
                InvoiceSheet.Row(position: String(index + 1), description: w.description(notice, word: false), quantity: String(notice.daysOverdue),
                                 unit: "", unitPrice: w.date(notice.dueDate), vat: "", amount: w.money(notice.openCents), period: nil,
                                 discount: notice.interestCents > 0
                                    ? InvoiceSheet.Field(label: (notice.openCents < notice.grossCents ? w.openText(notice) + "; " : "") + w.interestLabel(notice),
                                                         value: w.money(notice.interestCents)) : nil)
            },
            totals: w.totals.map { InvoiceSheet.Total(label: $0.label, amount: w.money($0.cents), isEmphasised: $0.emphasised) },
            payments: [], notes: w.notes + ["Mit freundlichen Grüßen", w.seller.first ?? ""], footer: w.footer,
            pageWords: InvoiceSheet.PageWords(de: true))
    }
}
