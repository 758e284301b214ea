/// The tables Kontor exports, each as the columns a spreadsheet needs: the
/// record's own fields, and the names of what it points to beside their
/// numbers (a ticket's customer, an invoice line's SKU).
///
/// Headers are those the importer maps back (Number, Name, Postal Code,
/// Price, On Hand, …), so an exported file imports again unchanged.
public enum ExportTable: String, CaseIterable, Sendable {
    case customers, contacts, tickets
    case ticketMessages = "ticket-messages"
    case deals
    case dealLines = "deal-lines"
    case invoices
    case invoiceLines = "invoice-lines"
    case invoiceAllowances = "invoice-allowances"
    case payments, products
    case stockMoves = "stock-moves"
    case dunningLetters = "dunning-letters"
    case dunningNotices = "dunning-notices"
    case dunningFees = "dunning-fees"
    case dunningFeePayments = "dunning-fee-payments"
    case interestReceived = "interest-received"
    case bankEntries = "bank-entries"
    case staff, audit

    /// What a column holds, which decides how it is written: `thousandths`
    /// a number stored in thousandths (a quantity of 2,5 h, a discount of
    /// 3,5 %), written with up to three decimals.
    enum Format { case text, integer, money, flag, thousandths }

    struct Column {
        let header: String
        let sql: String
        let format: Format
        /// Why the column is in the file, for the README of `--all`.
        let meaning: String

        init(_ header: String, _ sql: String, _ format: Format = .text, _ meaning: String) {
            self.header = header
            self.sql = sql
            self.format = format
            self.meaning = meaning
        }
    }

    /// The table's main alias and FROM clause.
    var from: String {
        switch self {
        case .customers: return "customers t"
        case .contacts: return "contacts t JOIN customers c ON c.id = t.customer_id"
        case .tickets: return "tickets t LEFT JOIN customers c ON c.id = t.customer_id LEFT JOIN staff s ON s.id = t.assignee_id"
        case .ticketMessages: return "ticket_messages t LEFT JOIN staff s ON s.id = t.author_staff_id"
        case .dealLines: return "deal_lines t LEFT JOIN products p ON p.id = t.product_id"
        case .deals: return "deals t LEFT JOIN customers c ON c.id = t.customer_id LEFT JOIN staff s ON s.id = t.owner_id LEFT JOIN invoices i ON i.id = t.invoice_id"
        case .invoices: return "invoices t LEFT JOIN invoices k ON k.id = t.corrects_id"
        case .invoiceLines: return "invoice_lines t JOIN invoices i ON i.id = t.invoice_id LEFT JOIN products p ON p.id = t.product_id"
        case .invoiceAllowances: return "invoice_allowances t JOIN invoices i ON i.id = t.invoice_id"
        case .payments: return "payments t JOIN invoices i ON i.id = t.invoice_id"
        case .products: return "products t"
        case .stockMoves: return "stock_moves t JOIN products p ON p.id = t.product_id LEFT JOIN invoices i ON i.id = t.invoice_id"
        case .dunningLetters: return "dunning_letters t JOIN customers c ON c.id = t.customer_id"
        case .dunningNotices: return "dunning_notices t JOIN dunning_letters l ON l.id = t.letter_id JOIN invoices i ON i.id = t.invoice_id"
        case .dunningFees: return "dunning_fees t JOIN dunning_letters l ON l.id = t.letter_id JOIN customers c ON c.id = t.customer_id"
        case .dunningFeePayments: return "dunning_fee_payments t JOIN dunning_fees f ON f.id = t.fee_id JOIN dunning_letters l ON l.id = f.letter_id"
        case .interestReceived: return "interest_received t JOIN dunning_letters l ON l.id = t.letter_id JOIN customers c ON c.id = t.customer_id"
        case .bankEntries: return "bank_entries t"
        case .staff: return "staff t LEFT JOIN staff m ON m.id = t.manager_id"
        case .audit: return "audit_log t"
        }
    }

    /// The table its rows come from (the first of `from`, without alias).
    var rowSource: String { String(from.prefix { $0 != " " }) }

    /// What the file holds, one line, for the README of `--all`.
    var about: String {
        switch self {
        case .customers: return "Customers, active and archived."
        case .contacts: return "Contact people of the customers."
        case .tickets: return "Support tickets, open and closed (their messages are in ticket-messages.csv)."
        case .ticketMessages: return "Every message of every ticket: the customer's, the replies and the internal notes, in the order written."
        case .deals: return "Deals of the sales pipeline."
        case .dealLines: return "The product lines of every deal, as they would be invoiced."
        case .invoices: return "Invoices and credit notes, drafts included. Amounts in the currency of each."
        case .invoiceLines: return "The lines of every invoice and credit note."
        case .invoiceAllowances: return "Discounts and surcharges on a whole invoice or credit note, each in one VAT group."
        case .payments: return "Money in and back on invoices and credit notes: payments, refunds, settlements and Skonto taken."
        case .products: return "Products and services, with the stock on hand."
        case .stockMoves: return "The stock ledger: every receipt, issue, adjustment and return."
        case .dunningLetters: return "Every dunning letter sent: what it claimed of whom, and when to pay."
        case .dunningNotices: return "Each invoice a dunning letter claimed: its level, days overdue, open amount and interest then."
        case .dunningFees: return "Dunning fees, each a receivable of its own, with what was paid or let go of it."
        case .dunningFeePayments: return "Money received for dunning fees, and fees let go (waivers)."
        case .interestReceived: return "Default interest paid on what a dunning letter claimed."
        case .bankEntries: return "Every bank statement entry imported: booked, proposed, unmatched or set aside, and why."
        case .staff: return "Members of staff and their roles."
        case .audit: return "The audit log: who changed what, when, from what to what."
        }
    }

    var columns: [Column] {
        switch self {
        case .customers: return [
            Column("Number", "t.id", .integer, "customer number"),
            Column("Kind", "t.kind", .text, "company or person"),
            Column("Name", "t.name", .text, "name"),
            Column("Contact", "t.contact_name", .text, "main contact person"),
            Column("Email", "t.email", .text, "e-mail address"),
            Column("Phone", "t.phone", .text, "phone number"),
            Column("Street", "t.street", .text, "street and number of the billing address"),
            Column("Postal Code", "t.postal_code", .text, "postal code (text: leading zeros kept)"),
            Column("City", "t.city", .text, "city"),
            Column("Country", "t.country", .text, "ISO 3166 country code (DE)"),
            Column("VAT ID", "t.vat_id", .text, "VAT identification number"),
            Column("Buyer Reference", "t.buyer_reference", .text, "the buyer's reference for invoices (Leitweg-ID)"),
            Column("Payment Terms", "t.payment_terms_days", .integer, "days from invoice date to due date"),
            Column("Tags", "t.tags", .text, "tags, space-separated"),
            Column("Notes", "t.notes", .text, "notes"),
            Column("Owner", "(SELECT username FROM staff WHERE id = t.owner_id)", .text, "account of who looks after the customer"),
            Column("Archived", "t.archived", .flag, "yes when archived"),
        ]
        case .contacts: return [
            Column("Customer Number", "t.customer_id", .integer, "the customer's number"),
            Column("Customer", "c.name", .text, "the customer's name"),
            Column("Name", "t.name", .text, "name"),
            Column("Role", "t.role", .text, "role at the customer"),
            Column("Email", "t.email", .text, "e-mail address"),
            Column("Phone", "t.phone", .text, "phone number"),
            Column("Primary", "t.is_primary", .flag, "yes for the main contact"),
        ]
        case .tickets: return [
            Column("Number", "t.id", .integer, "ticket number"),
            Column("Subject", "t.subject", .text, "subject"),
            Column("Customer Number", "t.customer_id", .integer, "customer's number"),
            Column("Customer", "c.name", .text, "customer's name"),
            Column("Queue", "t.queue", .text, "queue"),
            Column("Status", "t.status", .text, "new, open, pending, resolved or closed"),
            Column("Priority", "t.priority", .text, "low, normal, high or urgent"),
            Column("Assignee", "s.username", .text, "account of the assignee"),
            Column("Created", "t.created_at", .text, "when it was opened (UTC)"),
            Column("Due", "t.sla_due", .text, "next deadline while open (UTC)"),
            Column("Resolved", "t.resolved_at", .text, "when it was resolved (UTC)"),
            Column("Tags", "t.tags", .text, "tags"),
        ]
        case .ticketMessages: return [
            Column("Id", "t.id", .integer, "order of writing"),
            Column("Ticket", "t.ticket_id", .integer, "ticket number"),
            Column("Kind", "t.kind", .text, "customer (written by the customer), reply (our answer) or note (internal, never sent)"),
            Column("Author", "t.author_name", .text, "who wrote it, as shown"),
            Column("Author Account", "s.username", .text, "account of the member of staff who wrote it"),
            Column("Written", "t.created_at", .text, "instant (UTC)"),
            Column("From", "t.mail_from", .text, "mail: sender"),
            Column("To", "t.mail_to", .text, "mail: recipients"),
            Column("Cc", "t.mail_cc", .text, "mail: copies"),
            Column("Message-ID", "t.mail_message_id", .text, "mail: its Message-ID"),
            Column("Moved From", "t.moved_from_id", .integer, "the ticket it came from when two were merged"),
            Column("Text", "t.body", .text, "the message"),
        ]
        case .dealLines: return [
            Column("Deal", "t.deal_id", .integer, "deal number"),
            Column("Position", "t.position", .integer, "line number"),
            Column("SKU", "p.sku", .text, "product, if any"),
            Column("Description", "t.description", .text, "description"),
            Column("Quantity", "t.quantity_milli", .thousandths, "quantity, up to three decimals"),
            Column("Unit Price", "t.unit_price_cents", .money, "net unit price"),
            Column("VAT", "t.vat_rate_bp / 100", .integer, "VAT rate in per cent"),
        ]
        case .deals: return [
            Column("Number", "t.id", .integer, "deal number"),
            Column("Title", "t.title", .text, "title"),
            Column("Customer Number", "t.customer_id", .integer, "customer's number"),
            Column("Customer", "c.name", .text, "customer's name"),
            Column("Stage", "t.stage", .text, "lead, qualified, proposal, negotiation, won or lost"),
            Column("Value", "t.value_cents", .money, "value, net"),
            Column("Currency", "t.currency", .text, "currency"),
            Column("Probability", "t.probability", .integer, "per cent; empty for the stage's default"),
            Column("Expected Close", "t.expected_close", .text, "date"),
            Column("Owner", "s.username", .text, "account of the owner"),
            Column("Next Activity", "t.next_activity", .text, "date"),
            Column("Lead Source", "t.lead_source", .text, "where the lead came from"),
            Column("Lost Reason", "t.lost_reason", .text, "why it was lost"),
            Column("Invoice", "i.number", .text, "number of the invoice it became"),
        ]
        case .invoices: return [
            Column("Id", "t.id", .integer, "internal id (drafts have no number)"),
            Column("Number", "t.number", .text, "invoice or credit note number"),
            Column("Kind", "t.kind", .text, "invoice or credit_note"),
            Column("Status", "t.status", .text, "draft, issued, paid or cancelled"),
            Column("Customer Number", "t.customer_id", .integer, "customer's number"),
            Column("Buyer", "COALESCE(t.buyer_name, (SELECT name FROM customers WHERE id = t.customer_id))", .text, "buyer as at issue"),
            Column("Issue Date", "t.issue_date", .text, "date"),
            Column("Due Date", "t.due_date", .text, "date"),
            Column("Net", "t.net_cents", .money, "net amount"),
            Column("VAT", "t.vat_cents", .money, "VAT amount"),
            Column("Gross", "t.gross_cents", .money, "gross amount"),
            Column("Paid", "t.paid_cents", .money, "paid so far"),
            Column("Currency", "t.currency", .text, "currency"),
            Column("Deal", "t.deal_id", .integer, "deal number it came from"),
            Column("Corrects", "k.number", .text, "credit notes: the invoice cancelled"),
        ]
        case .invoiceLines: return [
            Column("Invoice Id", "t.invoice_id", .integer, "invoice's internal id"),
            Column("Invoice", "i.number", .text, "invoice number"),
            Column("Position", "t.position", .integer, "line number"),
            Column("SKU", "p.sku", .text, "product, if any"),
            Column("Description", "t.description", .text, "description"),
            Column("Quantity", "t.quantity_milli", .thousandths, "quantity, up to three decimals (negative on credit notes)"),
            Column("Unit", "t.unit", .text, "unit"),
            Column("Unit Price", "t.unit_price_cents", .money, "net unit price"),
            Column("VAT", "t.vat_rate_bp / 100", .integer, "VAT rate in per cent"),
            Column("Tax Category", "t.tax_category", .text, "EN 16931 VAT category: S standard, Z zero, E exempt, AE reverse charge, K intra-EU, G export, O not subject"),
            Column("VAT Exemption", "t.vat_exemption", .text, "why no VAT is charged, as printed"),
            Column("Discount", "t.discount_cents", .money, "the line's discount (positive, also on credit notes)"),
            Column("Discount Percent", "t.discount_milli_percent", .thousandths, "the discount as typed when a percentage"),
            Column("Discount Reason", "t.discount_reason", .text, "why"),
            Column("Net", "t.net_cents", .money, "net amount of the line: quantity × unit price less the discount"),
        ]
        case .invoiceAllowances: return [
            Column("Invoice Id", "t.invoice_id", .integer, "invoice's internal id"),
            Column("Invoice", "i.number", .text, "invoice number"),
            Column("Position", "t.position", .integer, "order on the invoice"),
            Column("Charge", "t.is_charge", .flag, "yes for a surcharge, no for a discount"),
            Column("Amount", "t.amount_cents", .money, "net amount (negative on credit notes)"),
            Column("Percent", "t.percent_bp", .money, "the percentage of its VAT group's lines when typed as one"),
            Column("Reason", "t.reason", .text, "why"),
            Column("Tax Category", "t.tax_category", .text, "the VAT group it belongs to"),
            Column("VAT", "t.vat_rate_bp / 100", .integer, "VAT rate in per cent"),
        ]
        case .payments: return [
            Column("Id", "t.id", .integer, "payment id"),
            Column("Invoice", "i.number", .text, "invoice number"),
            Column("Kind", "t.kind", .text, "payment (money in), refund (money paid back, negative), settlement (set off against the document Reference names; no money moved) or skonto (the early-payment discount taken)"),
            Column("Amount", "t.amount_cents", .money, "amount"),
            Column("Paid On", "t.paid_on", .text, "date"),
            Column("Method", "t.method", .text, "transfer, cash, card, direct_debit or other; offset where no money moved"),
            Column("Reference", "t.reference", .text, "bank reference"),
            Column("Recorded By", "t.created_by", .text, "account"),
            Column("Recorded At", "t.created_at", .text, "instant (UTC)"),
        ]
        case .products: return [
            Column("SKU", "t.sku", .text, "article number"),
            Column("EAN", "t.ean", .text, "EAN-8 or EAN-13"),
            Column("Name", "t.name", .text, "name"),
            Column("Unit", "t.unit", .text, "unit (Stk, kg, Std)"),
            Column("Price", "t.price_cents", .money, "net sales price"),
            Column("VAT", "t.vat_rate_bp / 100", .integer, "VAT rate in per cent"),
            Column("Cost", "t.cost_cents", .money, "purchase cost"),
            Column("Reorder Point", "t.reorder_point", .integer, "below it the product is low on stock"),
            Column("On Hand", "t.on_hand", .integer, "stock on hand (the ledger's sum)"),
            Column("Active", "t.active", .flag, "no once no longer sold"),
            Column("Service", "1 - t.stocked", .flag, "yes for a service without stock"),
        ]
        case .stockMoves: return [
            Column("Id", "t.id", .integer, "ledger order"),
            Column("SKU", "p.sku", .text, "product"),
            Column("Product", "p.name", .text, "product name"),
            Column("Quantity", "t.quantity", .integer, "+ in, − out"),
            Column("Kind", "t.kind", .text, "receipt, issue, adjustment or return"),
            Column("Reason", "t.reason", .text, "why, for adjustments"),
            Column("Invoice", "i.number", .text, "invoice the move came from"),
            Column("Reference", "t.reference", .text, "delivery note, invoice number"),
            Column("By", "t.created_by", .text, "account"),
            Column("At", "t.created_at", .text, "instant (UTC)"),
        ]
        case .dunningLetters: return [
            Column("Letter", "t.file_name", .text, "its number, as printed (Mahnung-00012)"),
            Column("Customer Number", "t.customer_id", .integer, "customer number"),
            Column("Customer", "c.name", .text, "customer name"),
            Column("Date", "t.letter_date", .text, "date of the letter"),
            Column("Level", "t.level", .text, "reminder, first, second or final"),
            Column("Open", "t.open_cents", .money, "what its invoices had open"),
            Column("Interest", "t.interest_cents", .money, "default interest claimed to its date"),
            Column("Interest Rate", "t.interest_rate_bp", .money, "yearly rate in per cent"),
            Column("Fee", "t.fee_cents", .money, "its own fee"),
            Column("Earlier Fees", "t.earlier_fees_cents", .money, "fees of earlier letters claimed again"),
            Column("Pay By", "t.pay_by", .text, "date"),
        ]
        case .dunningNotices: return [
            Column("Letter", "l.file_name", .text, "the letter that claimed it (Mahnung-00012)"),
            Column("Invoice", "i.number", .text, "the invoice claimed"),
            Column("Level", "t.level", .text, "reminder, first, second or final"),
            Column("Date", "t.notice_date", .text, "date of the letter"),
            Column("Days Overdue", "t.days_overdue", .integer, "days past the due date then"),
            Column("Open", "t.open_cents", .money, "what was open of the invoice then"),
            Column("Interest", "t.interest_cents", .money, "default interest claimed on it"),
        ]
        case .dunningFees: return [
            Column("Id", "t.id", .integer, "fee id"),
            Column("Letter", "l.file_name", .text, "the letter that charged it"),
            Column("Customer Number", "t.customer_id", .integer, "customer number"),
            Column("Customer", "c.name", .text, "customer name"),
            Column("Amount", "t.amount_cents", .money, "the fee"),
            Column("Paid", "t.paid_cents", .money, "paid or let go so far"),
            Column("Due", "t.due_date", .text, "date"),
        ]
        case .dunningFeePayments: return [
            Column("Id", "t.id", .integer, "id"),
            Column("Letter", "l.file_name", .text, "the letter whose fee it settles"),
            Column("Kind", "t.kind", .text, "payment (money in) or waiver (let go, no money moved)"),
            Column("Amount", "t.amount_cents", .money, "amount"),
            Column("Paid On", "t.paid_on", .text, "date"),
            Column("Method", "t.method", .text, "transfer, cash, card, direct_debit or other; offset for a waiver"),
            Column("Reference", "t.reference", .text, "bank reference"),
            Column("Recorded By", "t.created_by", .text, "account"),
        ]
        case .interestReceived: return [
            Column("Id", "t.id", .integer, "id"),
            Column("Letter", "l.file_name", .text, "the letter that claimed it"),
            Column("Customer Number", "t.customer_id", .integer, "customer number"),
            Column("Customer", "c.name", .text, "customer name"),
            Column("Amount", "t.amount_cents", .money, "amount"),
            Column("Paid On", "t.paid_on", .text, "date"),
            Column("Method", "t.method", .text, "transfer, cash, card, direct_debit or other"),
            Column("Reference", "t.reference", .text, "bank reference"),
        ]
        case .bankEntries: return [
            Column("Id", "t.id", .integer, "id"),
            Column("Account", "t.account", .text, "the company's IBAN"),
            Column("Statement", "t.statement_id", .text, "the statement it came on"),
            Column("Bank Reference", "t.reference", .text, "the bank's reference"),
            Column("Date", "t.booking_date", .text, "booking date"),
            Column("Amount", "t.amount_cents", .money, "credits positive, debits negative"),
            Column("Counterparty", "t.counterparty_name", .text, "who paid or was paid"),
            Column("Counterparty IBAN", "t.counterparty_iban", .text, "their account"),
            Column("Remittance", "t.remittance", .text, "Verwendungszweck"),
            Column("State", "t.state", .text, "booked, proposed, unmatched or skipped (set aside)"),
            Column("Note", "t.note", .text, "why it was booked, proposed or left"),
        ]
        case .staff: return [
            Column("Username", "t.username", .text, "operating-system account"),
            Column("Name", "t.full_name", .text, "full name"),
            Column("Role", "t.role", .text, "front, back, manager or admin"),
            Column("Title", "t.title", .text, "job title"),
            Column("Department", "t.department", .text, "department"),
            Column("Phone", "t.phone", .text, "phone (empty for roles that may not see it)"),
            Column("Email", "t.email", .text, "e-mail (empty for roles that may not see it)"),
            Column("Manager", "m.username", .text, "account of their manager"),
            Column("Active", "t.active", .flag, "no once deactivated"),
        ]
        case .audit: return [
            Column("Id", "t.id", .integer, "order of writing"),
            Column("At", "t.at", .text, "instant (UTC)"),
            Column("Actor", "t.actor", .text, "account"),
            Column("Entity", "t.entity", .text, "kind of record"),
            Column("Entity Id", "t.entity_id", .integer, "the record's id"),
            Column("Action", "t.action", .text, "what was done"),
            Column("Field", "t.field", .text, "the column changed"),
            Column("Old Value", "t.old_value", .text, "before"),
            Column("New Value", "t.new_value", .text, "after"),
        ]
        }
    }

    /// The order of a whole table's rows: lines by their document, the rest by id.
    var order: String {
        switch self {
        case .invoiceLines: return "t.invoice_id, t.position"
        case .dealLines: return "t.deal_id, t.position"
        default: return "t.id"
        }
    }

    /// Who may export it: the audit log is for managers and admins, the
    /// bank's entries for the back office that reviews them; the rest is
    /// what every role sees on its screens anyway.
    var permission: Permission? {
        switch self {
        case .audit: return .viewReports
        case .bankEntries: return .writeBackOffice
        default: return nil
        }
    }
}
