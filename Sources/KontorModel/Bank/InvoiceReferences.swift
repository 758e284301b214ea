/// Invoice numbers as payers write them in a transfer's remittance:
/// "2026-00042", "RE 2026 42", "Rg.-Nr. 2026-00042", "RE202600042",
/// "Gutschrift CN-2026-00003", or the serial alone after a word that says
/// so ("Rechnung 42", "Re.Nr. 42"). What is found is only a candidate: a
/// payment is booked to it only when the amount fits too.
enum InvoiceReferences {
    /// The numbers named in `text`, in Kontor's form ("2026-00042",
    /// "CN-2026-00003"); serials alone are tried in `years`.
    static func candidates(in text: String, years: [Int]) -> [String] {
        let upper = Array(text.uppercased().unicodeScalars)
        var found: [String] = []
        func add(_ number: String) { if !found.contains(number) { found.append(number) } }
        func isDigit(_ i: Int) -> Bool { i >= 0 && i < upper.count && (48...57).contains(upper[i].value) }
        func isSeparator(_ i: Int) -> Bool { i < upper.count && " -/.:_#".unicodeScalars.contains(upper[i]) }
        var i = 0
        while i < upper.count {
            // A year 2000–2099 not inside a longer number, then separators, then 1–5 digits.
            if upper[i] == "2", isDigit(i + 1), isDigit(i + 2), isDigit(i + 3), upper[i + 1] == "0", !isDigit(i - 1) {
                let year = Int(String(String.UnicodeScalarView(upper[i..<i + 4])))!
                var j = i + 4
                while isSeparator(j) && j - (i + 4) < 3 { j += 1 }
                var k = j
                while isDigit(k) { k += 1 }
                let digits = k - j
                // Glued to the year, the serial is five to seven digits ("202600042"); apart, one to seven
                // (a year past 99 999 invoices numbers on: "2026-123456").
                if (j == i + 4 && (5...7).contains(digits)) || (j > i + 4 && (1...7).contains(digits)) {
                    let serial = Int(String(String.UnicodeScalarView(upper[j..<k])))!
                    let credit = i >= 2 && upper[i - 1] == "-" && upper[i - 2] == "N" && i >= 3 && upper[i - 3] == "C"
                    if serial > 0 { add((credit ? "CN-" : "") + number(year: year, serial: serial)) }
                    i = k
                    continue
                }
            }
            i += 1
        }
        // The serial alone, after a word that names an invoice, when no full number was written.
        guard found.isEmpty else { return found }
        let words = text.uppercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        for (index, word) in words.enumerated() where ["RE", "RG", "RECHNUNG", "RECHNUNGSNR", "RGNR", "RENR", "INVOICE", "INV", "NR"].contains(word) {
            guard index + 1 < words.count else { continue }
            var next = words[index + 1]
            if next == "NR", index + 2 < words.count { next = words[index + 2] }
            guard (1...7).contains(next.count), next.allSatisfy(\.isASCII), let serial = Int(next), serial > 0,
                  !(next.count == 4 && next.hasPrefix("20")) else { continue }
            for year in years { add(number(year: year, serial: serial)) }
        }
        return found
    }

    /// "2026-00042".
    static func number(year: Int, serial: Int) -> String {
        let digits = String(serial)
        return "\(year)-\(String(repeating: "0", count: max(0, 5 - digits.count)))\(digits)"
    }
}
