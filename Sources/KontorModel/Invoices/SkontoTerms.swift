import KontorLocale
import Foundation
import KontorText

/// Skonto: a discount for early payment, "2 % Skonto bei Zahlung bis
/// 15.12.2026". Offered per invoice, frozen with it at issue; the
/// company's usual terms fill the issue form. The deadline counts from the
/// issue date, as XRechnung's structured terms (BR-DE-18) read it.
public struct SkontoTerms: Equatable, Sendable {
    /// The discount in basis points: 200 is 2 %, 250 is 2,5 %.
    public var percentBP: Int
    /// Days after the issue date within which the discount may be taken.
    public var days: Int

    public init(percentBP: Int, days: Int) {
        self.percentBP = percentBP
        self.days = days
    }

    /// What terms may be: more than 0 and at most 10 %, 1 to 365 days.
    public var problem: String? {
        if percentBP <= 0 || percentBP > 1_000 { return tr("must be more than 0 and at most 10 %") }
        if days < 1 || days > 365 { return tr("must be within 1 to 365 days") }
        return nil
    }

    /// The discount on an amount, rounded half away from zero to the cent.
    public func discount(on cents: Int) -> Int { Money.share(percentBP, of: cents) }

    /// Whether the discount ends before the due date of a customer who
    /// pays within `paymentDays`: a discount for paying early cannot last
    /// until the day payment is due (the invoice would offer it and ask
    /// for the whole amount by the same day).
    public func endsBeforeDueDate(paymentDays: Int) -> Bool { days < paymentDays }

    /// The last day the discount may be taken.
    public func deadline(issuedOn issueDate: String) -> String? { CalendarDate.adding(days: days, to: issueDate) }

    /// "2" or "2,5": the percentage as a German document prints it.
    public var percentText: String {
        let whole = percentBP / 100, rest = percentBP % 100
        if rest == 0 { return String(whole) }
        return rest % 10 == 0 ? "\(whole),\(rest / 10)" : "\(whole),\(rest < 10 ? "0" : "")\(rest)"
    }

    /// "2 % 10" — the form the fields and the settings take, read back by `parse`.
    public var typed: String { "\(percentText) % \(days)" }

    /// Reads terms as people type them: "2 % 10", "2%/10", "2,5 % 14 Tage",
    /// "3 % in 7 days". Empty, "-", "keine" or "none" mean no Skonto
    /// (`.success(nil)`); anything else that is not two numbers is a failure
    /// saying what was expected.
    public static func parse(_ text: String) -> Result<SkontoTerms?, SkontoTermsError> {
        let trimmed = TextFolding.trimmed(text).lowercased()
        if ["", "-", "keine", "kein", "none", "no", "nein", "0"].contains(trimmed) { return .success(nil) }
        var numbers: [String] = []
        var current = ""
        for character in trimmed {
            if character.isASCIIDigit || ((character == "," || character == ".") && !current.isEmpty) {
                current.append(character)
            } else if !current.isEmpty {
                numbers.append(current)
                current = ""
            }
        }
        if !current.isEmpty { numbers.append(current) }
        let words = trimmed.filter { $0.isLetter }
        let allowedWords = ["", "tage", "tag", "days", "day", "in", "indays", "intagen", "tagen", "innerhalb", "innerhalbtagen"]
        guard numbers.count == 2, trimmed.contains("%"), allowedWords.contains(words),
              let basis = percentBasisPoints(numbers[0]), let days = Int(numbers[1]) else {
            return .failure(SkontoTermsError(typed: text))
        }
        let terms = SkontoTerms(percentBP: basis, days: days)
        if let problem = terms.problem { return .failure(SkontoTermsError(typed: text, problem: problem)) }
        return .success(terms)
    }

    /// "2" → 200, "2,5" → 250, "2.25" → 225; nil for more than two decimals.
    static func percentBasisPoints(_ text: String) -> Int? {
        let parts = text.replacingOccurrences(of: ",", with: ".").split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int(parts[0]) else { return nil }
        guard parts.count == 2 else { return whole * 100 }
        let decimals = String(parts[1])
        guard (1...2).contains(decimals.count), let fraction = Int(decimals) else { return nil }
        return whole * 100 + (decimals.count == 1 ? fraction * 10 : fraction)
    }
}

/// The Skonto an invoice is issued with: the company's usual terms (a
/// setting), none, or terms of its own.
public enum SkontoOffer: Equatable, Sendable {
    case usual
    case none
    case terms(SkontoTerms)

    /// What is offered when the company's usual terms are `usual` and the
    /// customer pays within `paymentDays`: the usual terms only where they
    /// end before the due date (a customer on seven days' terms is offered no
    /// Skonto "within ten days"); terms typed for the invoice as they are.
    public func resolved(usual: SkontoTerms?, paymentDays: Int) -> SkontoTerms? {
        switch self {
        case .usual: return usual.flatMap { $0.endsBeforeDueDate(paymentDays: paymentDays) ? $0 : nil }
        case .none: return nil
        case .terms(let terms): return terms
        }
    }
}

/// Skonto terms that could not be read, with what was expected.
public struct SkontoTermsError: Error, Equatable, Sendable {
    public var typed: String
    public var problem: String = tr("must be a percentage and days, like \"2 % 10\" (2 % within 10 days), or empty for none")
}

extension InvoiceRepository {
    /// The company's usual Skonto as issuing `draft` would offer it, and the
    /// customer's payment days: nil terms when there are none, or when they
    /// would outlast the customer's payment terms (`SkontoOffer.resolved`).
    public func usualSkonto(for draft: Invoice) throws -> (terms: SkontoTerms?, usual: SkontoTerms?, paymentDays: Int) {
        try database.read { db in
            let usual = try CompanySettings.read(db).skonto
            guard let customer = try Customer.fetchOne(db, sql: "SELECT * FROM customers WHERE id = ?", arguments: [draft.customerID]) else {
                throw KontorError.notFound(entity: "customer", id: draft.customerID)
            }
            let days = customer.fields.paymentTermsDays
            return (SkontoOffer.usual.resolved(usual: usual, paymentDays: days), usual, days)
        }
    }
}
