extension ReportRepository {
    /// Count, value and weighted value of every stage in board order (lead …
    /// won, lost; stages without deals at zero).
    ///
    /// These are the deal board's column heads, so the dashboard and the
    /// board can never disagree: the same query, read from
    /// `deals_by_stage_value`, which carries value and probability, so no deal
    /// row is read.
    public func pipeline() throws -> [DealStageTotal] {
        try database.deals.stageTotals()
    }
}
