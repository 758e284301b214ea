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
        guard cents > 0, rateBP > 0, days > 0 else { return 0 }
        // cents × rate × days / (10 000 × 365), without overflowing for any amount.
        let denominator = 10_000 * 365
        let product = cents.multipliedFullWidth(by: rateBP * days)
        let (quotient, remainder) = denominator.dividingFullWidth(product)
        return remainder * 2 >= denominator ? quotient + 1 : quotient
    }
}
