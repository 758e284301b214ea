import GRDB

/// `v23-staff-workload`: each member's open tickets and open deals, kept
/// by triggers in `staff_workload`, so that the staff directory and a
/// colleague's record read one row a person instead of counting. At a
/// million customers everyone has some 17 000 open tickets and 40 000 open
/// deals; counting them on the assignee and owner indexes took 40 ms for
/// the directory's first window and 4 ms a record.
///
/// Open is what the directory has always counted: tickets `new`, `open` or
/// `pending` by `assignee_id`, deals in an open stage (`DealStage.open`) by
/// `owner_id`. Tickets and deals are counted on insert, delete, and a
/// change of person or of status/stage. A member has a row while they have
/// anything open, as the count that fills the table gives it.
enum StaffWorkloadSchema {
    static let createTable = """
        CREATE TABLE staff_workload (
            staff_id     INTEGER PRIMARY KEY,
            open_tickets INTEGER NOT NULL DEFAULT 0,
            open_deals   INTEGER NOT NULL DEFAULT 0
        )
        """

    /// Tickets that count as open for their assignee. In parentheses: `IN`
    /// and `IS NOT` bind alike, and the triggers compare two of these.
    static func ticketIsOpen(_ row: String) -> String { "(\(row).status IN (\(TicketStatus.openSQL)))" }
    /// Deals that count as open for their owner.
    static func dealIsOpen(_ row: String) -> String { "(\(row).stage IN (\(DealSQL.openStages)))" }

    /// Everyone's open tickets and deals counted again.
    static let recount = """
        DELETE FROM staff_workload;
        INSERT INTO staff_workload (staff_id, open_tickets, open_deals) \(summed);
        """

    /// Each member's open tickets and deals counted from the tickets and
    /// deals themselves, one row per member with any: what fills the table
    /// and what `kontor check` compares it with.
    static let summed = """
        SELECT staff_id, sum(tickets) AS open_tickets, sum(deals) AS open_deals FROM (
            SELECT t.assignee_id AS staff_id, count(*) AS tickets, 0 AS deals FROM tickets t
            WHERE t.assignee_id IS NOT NULL AND \(ticketIsOpen("t")) GROUP BY t.assignee_id
            UNION ALL
            SELECT d.owner_id, 0, count(*) FROM deals d
            WHERE d.owner_id IS NOT NULL AND \(dealIsOpen("d")) GROUP BY d.owner_id
        ) GROUP BY staff_id
        """

    static let triggerNames = [
        "staff_workload_ticket_insert", "staff_workload_ticket_delete", "staff_workload_ticket_update",
        "staff_workload_deal_insert", "staff_workload_deal_delete", "staff_workload_deal_update",
    ]

    /// Adds `amount` (1 or -1) to `column` of member `person` when `condition`
    /// holds; a member left with nothing open loses their row.
    private static func add(_ column: String, _ amount: Int, to person: String, when condition: String) -> String {
        """
        INSERT INTO staff_workload (staff_id, \(column)) SELECT \(person), \(amount)
            WHERE \(person) IS NOT NULL AND \(condition)
            ON CONFLICT (staff_id) DO UPDATE SET \(column) = \(column) + excluded.\(column);
        \(amount < 0 ? "DELETE FROM staff_workload WHERE staff_id = \(person) AND open_tickets = 0 AND open_deals = 0;" : "")
        """
    }

    private static func triggers(table: String, name: String, person: String, stateColumn: String, column: String,
                                 isOpen: (String) -> String) -> String {
        """
        CREATE TRIGGER staff_workload_\(name)_insert AFTER INSERT ON \(table) BEGIN
            \(add(column, 1, to: "new.\(person)", when: isOpen("new")))
        END;
        CREATE TRIGGER staff_workload_\(name)_delete AFTER DELETE ON \(table) BEGIN
            \(add(column, -1, to: "old.\(person)", when: isOpen("old")))
        END;
        CREATE TRIGGER staff_workload_\(name)_update AFTER UPDATE OF \(person), \(stateColumn) ON \(table)
        WHEN old.\(person) IS NOT new.\(person) OR \(isOpen("old")) IS NOT \(isOpen("new")) BEGIN
            \(add(column, -1, to: "old.\(person)", when: isOpen("old")))
            \(add(column, 1, to: "new.\(person)", when: isOpen("new")))
        END;
        """
    }

    static let createTriggers = triggers(table: "tickets", name: "ticket", person: "assignee_id", stateColumn: "status",
                                         column: "open_tickets", isOpen: ticketIsOpen)
        + "\n" + triggers(table: "deals", name: "deal", person: "owner_id", stateColumn: "stage",
                          column: "open_deals", isOpen: dealIsOpen)

    static func migrate(_ db: Database) throws {
        try db.execute(sql: createTable)
        try db.execute(sql: recount)
        try db.execute(sql: createTriggers)
    }
}
