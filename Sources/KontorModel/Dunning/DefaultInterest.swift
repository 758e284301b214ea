/// Default interest (Verzugszinsen) under §288 BGB, reckoned per day.
///
/// The yearly rate is the base rate plus 5 points for consumers or 9 for
/// businesses (`DunningTerms.interestRateBP`). Interest runs on the amount
/// still open from the day after the due date to the day of the letter,
/// actual days over a year of 365 (the usual reckoning of German courts and
/// banks for default interest), and is rounded once, half away from zero,
/// to the cent.
public enum DefaultInterest {
    /// The interest on `cents` at `rateBP` (basis points a year) for `days`
    /// days; 0 for no days, no amount or no rate.
    public static func cents(on cents: Int, rateBP: Int, days: Int) -> Int {
        guard cents > 0, days > 0 else { return 0 }
        return interest(centDays: cents * days, rateBP: rateBP)
    }

    /// The interest on an invoice from the day after `dueDate` to `date`,
    /// on what was open each day: a payment after the due date lowers the
    /// amount from the day it came, not for the days before it (a part
    /// payment does not take back the interest already run up); payments
    /// up to the due date were never late. `payments` are the invoice's
    /// money in (payments, Skonto, settlements; refunds negative).
    public static func cents(grossCents: Int, dueDate: String, to date: String, payments: [(day: String, cents: Int)], rateBP: Int) -> Int {
        var open = grossCents - payments.filter { $0.day <= dueDate }.reduce(0) { $0 + $1.cents }
        var from = dueDate
        var centDays = 0
        for payment in payments.filter({ $0.day > dueDate && $0.day < date }).sorted(by: { $0.day < $1.day }) {
            centDays += max(0, open) * (CalendarDate.days(from: from, to: payment.day) ?? 0)
            open -= payment.cents
            from = payment.day
        }
        centDays += max(0, open) * (CalendarDate.days(from: from, to: date) ?? 0)
        return interest(centDays: centDays, rateBP: rateBP)
    }

    /// cents × days summed, at `rateBP` a year, rounded once.
    private static func interest(centDays: Int, rateBP: Int) -> Int {
        guard centDays > 0, rateBP > 0 else { return 0 }
        // centDays × rate / (10 000 × 365), without overflowing for any amount.
        let denominator = 10_000 * 365
        let product = centDays.multipliedFullWidth(by: rateBP)
        let (quotient, remainder) = denominator.dividingFullWidth(product)
        return remainder * 2 >= denominator ? quotient + 1 : quotient
    }
}
