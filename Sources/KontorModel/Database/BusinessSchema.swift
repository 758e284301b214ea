import GRDB

/// The second migration: every area of the business, its links, and the
/// rules the database itself enforces so that no tool — not even `sqlite3` —
/// can break them: issued invoices and their lines are frozen, payments,
/// stock moves and the audit log are append-only, stock never goes below
/// zero unless a setting allows it.
enum BusinessSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: tables)
        try db.execute(sql: guards)
        try db.execute(sql: StockLedger.createTriggers)
        try db.execute(sql: defaults)
    }

    static let tables = """
        CREATE TABLE staff (
            id          INTEGER PRIMARY KEY,
            username    TEXT NOT NULL UNIQUE,
            full_name   TEXT NOT NULL CHECK (length(trim(full_name)) > 0),
            title       TEXT NOT NULL DEFAULT '',
            department  TEXT NOT NULL DEFAULT '',
            manager_id  INTEGER REFERENCES staff(id),
            phone       TEXT NOT NULL DEFAULT '',
            email       TEXT NOT NULL DEFAULT '',
            role        TEXT NOT NULL CHECK (role IN ('front', 'back', 'manager', 'admin')),
            active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            version     INTEGER NOT NULL DEFAULT 1,
            created_at  TEXT NOT NULL,
            updated_at  TEXT NOT NULL,
            updated_by  TEXT NOT NULL
        );

        CREATE TABLE settings (
            key         TEXT PRIMARY KEY,
            value       TEXT NOT NULL,
            version     INTEGER NOT NULL DEFAULT 1,
            updated_at  TEXT NOT NULL,
            updated_by  TEXT NOT NULL
        );

        ALTER TABLE customers ADD COLUMN kind TEXT NOT NULL DEFAULT 'company' CHECK (kind IN ('company', 'person'));
        ALTER TABLE customers ADD COLUMN buyer_reference TEXT NOT NULL DEFAULT '';
        ALTER TABLE customers ADD COLUMN payment_terms_days INTEGER NOT NULL DEFAULT 14 CHECK (payment_terms_days BETWEEN 0 AND 365);
        ALTER TABLE customers ADD COLUMN owner_id INTEGER REFERENCES staff(id);
        ALTER TABLE customers ADD COLUMN tags TEXT NOT NULL DEFAULT '';
        CREATE INDEX customers_by_owner ON customers (owner_id) WHERE owner_id IS NOT NULL;
        CREATE INDEX customers_by_email ON customers (email COLLATE NOCASE) WHERE email <> '';

        CREATE TABLE contacts (
            id          INTEGER PRIMARY KEY,
            customer_id INTEGER NOT NULL REFERENCES customers(id),
            name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
            role        TEXT NOT NULL DEFAULT '',
            email       TEXT NOT NULL DEFAULT '',
            phone       TEXT NOT NULL DEFAULT '',
            is_primary  INTEGER NOT NULL DEFAULT 0 CHECK (is_primary IN (0, 1)),
            version     INTEGER NOT NULL DEFAULT 1,
            created_at  TEXT NOT NULL,
            updated_at  TEXT NOT NULL,
            updated_by  TEXT NOT NULL
        );
        CREATE INDEX contacts_by_customer ON contacts (customer_id, is_primary DESC, name);

        CREATE TABLE tickets (
            id                 INTEGER PRIMARY KEY,
            subject            TEXT NOT NULL CHECK (length(trim(subject)) > 0),
            customer_id        INTEGER NOT NULL REFERENCES customers(id),
            contact_id         INTEGER REFERENCES contacts(id),
            queue              TEXT NOT NULL DEFAULT 'support',
            status             TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'open', 'pending', 'resolved', 'closed')),
            pending_until      TEXT CHECK ((status = 'pending') = (pending_until IS NOT NULL)),
            priority           TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
            assignee_id        INTEGER REFERENCES staff(id),
            first_response_due TEXT NOT NULL,
            resolution_due     TEXT NOT NULL,
            first_response_at  TEXT,
            resolved_at        TEXT,
            -- The next deadline while the ticket is open (first response, then
            -- resolution); NULL once resolved. The queue is sorted by it.
            sla_due            TEXT,
            merged_into_id     INTEGER REFERENCES tickets(id),
            tags               TEXT NOT NULL DEFAULT '',
            version            INTEGER NOT NULL DEFAULT 1,
            created_at         TEXT NOT NULL,
            updated_at         TEXT NOT NULL,
            updated_by         TEXT NOT NULL
        );
        CREATE INDEX tickets_queue ON tickets (sla_due, id) WHERE sla_due IS NOT NULL;
        CREATE INDEX tickets_by_customer ON tickets (customer_id, status);
        CREATE INDEX tickets_by_assignee ON tickets (assignee_id, status) WHERE assignee_id IS NOT NULL;

        CREATE TABLE ticket_messages (
            id              INTEGER PRIMARY KEY,
            ticket_id       INTEGER NOT NULL REFERENCES tickets(id),
            -- customer: written by the customer; reply: our answer to them;
            -- note: internal, never shown to the customer.
            kind            TEXT NOT NULL CHECK (kind IN ('customer', 'reply', 'note')),
            author_staff_id INTEGER REFERENCES staff(id),
            author_name     TEXT NOT NULL,
            body            TEXT NOT NULL CHECK (length(trim(body)) > 0),
            created_at      TEXT NOT NULL,
            -- Set when the message came over from a ticket merged into this one.
            moved_from_id   INTEGER REFERENCES tickets(id)
        );
        CREATE INDEX ticket_messages_by_ticket ON ticket_messages (ticket_id, id);

        CREATE TABLE products (
            id            INTEGER PRIMARY KEY,
            sku           TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(sku)) > 0),
            ean           TEXT UNIQUE,
            name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
            unit          TEXT NOT NULL DEFAULT 'Stk',
            price_cents   INTEGER NOT NULL CHECK (price_cents >= 0),
            vat_rate_bp   INTEGER NOT NULL CHECK (vat_rate_bp IN (0, 700, 1900)),
            cost_cents    INTEGER NOT NULL DEFAULT 0 CHECK (cost_cents >= 0),
            reorder_point INTEGER NOT NULL DEFAULT 0 CHECK (reorder_point >= 0),
            -- Always the sum of this product's stock_moves (kept by triggers).
            on_hand       INTEGER NOT NULL DEFAULT 0,
            active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
            version       INTEGER NOT NULL DEFAULT 1,
            created_at    TEXT NOT NULL,
            updated_at    TEXT NOT NULL,
            updated_by    TEXT NOT NULL
        );
        CREATE INDEX products_by_name ON products (active, name COLLATE NOCASE, id);
        CREATE INDEX products_low_stock ON products (on_hand - reorder_point) WHERE active = 1;

        CREATE TABLE deals (
            id             INTEGER PRIMARY KEY,
            customer_id    INTEGER NOT NULL REFERENCES customers(id),
            title          TEXT NOT NULL CHECK (length(trim(title)) > 0),
            stage          TEXT NOT NULL DEFAULT 'lead'
                           CHECK (stage IN ('lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost')),
            value_cents    INTEGER NOT NULL DEFAULT 0 CHECK (value_cents >= 0),
            currency       TEXT NOT NULL DEFAULT 'EUR',
            -- NULL: the stage's default probability.
            probability    INTEGER CHECK (probability BETWEEN 0 AND 100),
            expected_close TEXT,
            owner_id       INTEGER REFERENCES staff(id),
            next_activity  TEXT,
            lead_source    TEXT NOT NULL DEFAULT '',
            lost_reason    TEXT NOT NULL DEFAULT '' CHECK (stage <> 'lost' OR length(trim(lost_reason)) > 0),
            closed_at      TEXT,
            invoice_id     INTEGER REFERENCES invoices(id) ON DELETE SET NULL,
            version        INTEGER NOT NULL DEFAULT 1,
            created_at     TEXT NOT NULL,
            updated_at     TEXT NOT NULL,
            updated_by     TEXT NOT NULL
        );
        CREATE INDEX deals_by_stage ON deals (stage, expected_close, id);
        CREATE INDEX deals_by_customer ON deals (customer_id, stage);
        CREATE INDEX deals_by_owner ON deals (owner_id, stage) WHERE owner_id IS NOT NULL;

        CREATE TABLE deal_lines (
            id               INTEGER PRIMARY KEY,
            deal_id          INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
            position         INTEGER NOT NULL,
            product_id       INTEGER REFERENCES products(id),
            description      TEXT NOT NULL CHECK (length(trim(description)) > 0),
            quantity         INTEGER NOT NULL CHECK (quantity > 0),
            unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
            vat_rate_bp      INTEGER NOT NULL CHECK (vat_rate_bp IN (0, 700, 1900))
        );
        CREATE INDEX deal_lines_by_deal ON deal_lines (deal_id, position);
        CREATE INDEX deal_lines_by_product ON deal_lines (product_id) WHERE product_id IS NOT NULL;

        CREATE TABLE invoices (
            id                INTEGER PRIMARY KEY,
            kind              TEXT NOT NULL DEFAULT 'invoice' CHECK (kind IN ('invoice', 'credit_note')),
            -- NULL while draft; assigned when issued, gapless per series and year.
            number            TEXT UNIQUE,
            status            TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued', 'paid', 'cancelled')),
            customer_id       INTEGER NOT NULL REFERENCES customers(id),
            deal_id           INTEGER REFERENCES deals(id),
            -- For a credit note: the invoice it cancels.
            corrects_id       INTEGER REFERENCES invoices(id),
            issue_date        TEXT,
            delivery_date     TEXT,
            due_date          TEXT,
            currency          TEXT NOT NULL DEFAULT 'EUR',
            net_cents         INTEGER NOT NULL DEFAULT 0,
            vat_cents         INTEGER NOT NULL DEFAULT 0,
            gross_cents       INTEGER NOT NULL DEFAULT 0,
            -- Always the sum of this invoice's payments (kept by a trigger).
            paid_cents        INTEGER NOT NULL DEFAULT 0,
            -- Seller and buyer as they were when the invoice was issued.
            seller_name       TEXT NOT NULL DEFAULT '',
            seller_address    TEXT NOT NULL DEFAULT '',
            seller_vat_id     TEXT NOT NULL DEFAULT '',
            seller_tax_number TEXT NOT NULL DEFAULT '',
            buyer_name        TEXT NOT NULL DEFAULT '',
            buyer_address     TEXT NOT NULL DEFAULT '',
            buyer_vat_id      TEXT NOT NULL DEFAULT '',
            buyer_reference   TEXT NOT NULL DEFAULT '',
            notes             TEXT NOT NULL DEFAULT '',
            version           INTEGER NOT NULL DEFAULT 1,
            created_at        TEXT NOT NULL,
            updated_at        TEXT NOT NULL,
            updated_by        TEXT NOT NULL,
            CHECK ((status = 'draft') = (number IS NULL)),
            CHECK ((kind = 'credit_note') = (corrects_id IS NOT NULL))
        );
        CREATE INDEX invoices_by_customer ON invoices (customer_id, status);
        CREATE INDEX invoices_by_status ON invoices (status, due_date, id);
        CREATE INDEX invoices_by_issue_date ON invoices (issue_date) WHERE issue_date IS NOT NULL;
        CREATE INDEX invoices_by_deal ON invoices (deal_id) WHERE deal_id IS NOT NULL;
        CREATE INDEX invoices_by_corrected ON invoices (corrects_id) WHERE corrects_id IS NOT NULL;

        CREATE TABLE invoice_lines (
            id               INTEGER PRIMARY KEY,
            invoice_id       INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
            position         INTEGER NOT NULL,
            product_id       INTEGER REFERENCES products(id),
            description      TEXT NOT NULL CHECK (length(trim(description)) > 0),
            -- Negative on credit notes.
            quantity         INTEGER NOT NULL CHECK (quantity <> 0),
            unit             TEXT NOT NULL DEFAULT 'Stk',
            unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
            vat_rate_bp      INTEGER NOT NULL CHECK (vat_rate_bp IN (0, 700, 1900)),
            -- Why no VAT is charged (required at 0 %), e.g. "Steuerfreie innergemeinschaftliche Lieferung".
            vat_exemption    TEXT NOT NULL DEFAULT '' CHECK (vat_rate_bp <> 0 OR length(trim(vat_exemption)) > 0),
            net_cents        INTEGER NOT NULL CHECK (net_cents = quantity * unit_price_cents)
        );
        CREATE INDEX invoice_lines_by_invoice ON invoice_lines (invoice_id, position);
        CREATE INDEX invoice_lines_by_product ON invoice_lines (product_id) WHERE product_id IS NOT NULL;

        CREATE TABLE invoice_numbers (
            series      TEXT PRIMARY KEY,   -- '2026' or 'CN-2026'
            last_number INTEGER NOT NULL
        );

        CREATE TABLE payments (
            id           INTEGER PRIMARY KEY,
            invoice_id   INTEGER NOT NULL REFERENCES invoices(id),
            amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
            paid_on      TEXT NOT NULL,
            method       TEXT NOT NULL DEFAULT 'transfer' CHECK (method IN ('transfer', 'cash', 'card', 'direct_debit', 'other')),
            reference    TEXT NOT NULL DEFAULT '',
            created_by   TEXT NOT NULL,
            created_at   TEXT NOT NULL
        );
        CREATE INDEX payments_by_invoice ON payments (invoice_id, id);
        CREATE INDEX payments_by_date ON payments (paid_on);

        CREATE TABLE stock_moves (
            id          INTEGER PRIMARY KEY,
            product_id  INTEGER NOT NULL REFERENCES products(id),
            quantity    INTEGER NOT NULL CHECK (quantity <> 0),
            kind        TEXT NOT NULL CHECK (kind IN ('receipt', 'issue', 'adjustment', 'return')),
            reason      TEXT NOT NULL DEFAULT '' CHECK (kind <> 'adjustment' OR length(trim(reason)) > 0),
            invoice_id  INTEGER REFERENCES invoices(id),
            reference   TEXT NOT NULL DEFAULT '',
            created_by  TEXT NOT NULL,
            created_at  TEXT NOT NULL
        );
        CREATE INDEX stock_moves_by_product ON stock_moves (product_id, id, quantity);
        CREATE INDEX stock_moves_by_invoice ON stock_moves (invoice_id) WHERE invoice_id IS NOT NULL;

        CREATE TABLE audit_log (
            id          INTEGER PRIMARY KEY,
            at          TEXT NOT NULL,
            actor       TEXT NOT NULL,
            entity      TEXT NOT NULL,
            entity_id   INTEGER NOT NULL,
            action      TEXT NOT NULL,
            field       TEXT,
            old_value   TEXT,
            new_value   TEXT
        );
        CREATE INDEX audit_by_entity ON audit_log (entity, entity_id, id);
        CREATE INDEX audit_by_actor ON audit_log (actor, id);

        -- What is promised but not yet delivered: draft invoices, and won
        -- deals not yet invoiced. Available = on hand − reserved.
        CREATE VIEW product_reservations AS
            SELECT l.product_id, l.quantity, 'invoice' AS source, l.invoice_id AS document_id
            FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id
            WHERE i.status = 'draft' AND i.kind = 'invoice' AND l.product_id IS NOT NULL
            UNION ALL
            SELECT dl.product_id, dl.quantity, 'deal', dl.deal_id
            FROM deal_lines dl JOIN deals d ON d.id = dl.deal_id
            WHERE d.stage = 'won' AND d.invoice_id IS NULL AND dl.product_id IS NOT NULL;
        """

    /// Triggers that guard the rules. Kept during seeding too: demo data
    /// obeys the same rules as real data.
    static let guards = """
        CREATE TRIGGER invoices_frozen BEFORE UPDATE ON invoices
        WHEN old.status <> 'draft' AND (
            new.kind IS NOT old.kind OR new.number IS NOT old.number OR new.customer_id IS NOT old.customer_id
            OR new.deal_id IS NOT old.deal_id OR new.corrects_id IS NOT old.corrects_id
            OR new.issue_date IS NOT old.issue_date OR new.delivery_date IS NOT old.delivery_date
            OR new.due_date IS NOT old.due_date OR new.currency IS NOT old.currency
            OR new.net_cents IS NOT old.net_cents OR new.vat_cents IS NOT old.vat_cents OR new.gross_cents IS NOT old.gross_cents
            OR new.seller_name IS NOT old.seller_name OR new.seller_address IS NOT old.seller_address
            OR new.seller_vat_id IS NOT old.seller_vat_id OR new.seller_tax_number IS NOT old.seller_tax_number
            OR new.buyer_name IS NOT old.buyer_name OR new.buyer_address IS NOT old.buyer_address
            OR new.buyer_vat_id IS NOT old.buyer_vat_id OR new.buyer_reference IS NOT old.buyer_reference
            OR new.notes IS NOT old.notes OR new.created_at IS NOT old.created_at)
        BEGIN
            SELECT RAISE(ABORT, 'issued invoices cannot be changed; cancel with a credit note');
        END;

        CREATE TRIGGER invoices_status_flow BEFORE UPDATE OF status ON invoices
        WHEN new.status IS NOT old.status AND NOT (
            (old.status = 'draft' AND new.status = 'issued')
            OR (old.status = 'issued' AND new.status IN ('paid', 'cancelled'))
            OR (old.status = 'paid' AND new.status = 'cancelled'))
        BEGIN
            SELECT RAISE(ABORT, 'invoice status cannot go back (draft → issued → paid, or → cancelled)');
        END;

        CREATE TRIGGER invoices_no_delete BEFORE DELETE ON invoices WHEN old.status <> 'draft'
        BEGIN
            SELECT RAISE(ABORT, 'issued invoices cannot be deleted; cancel with a credit note');
        END;

        CREATE TRIGGER invoice_lines_frozen_insert BEFORE INSERT ON invoice_lines
        WHEN (SELECT status FROM invoices WHERE id = new.invoice_id) <> 'draft'
        BEGIN
            SELECT RAISE(ABORT, 'lines of issued invoices cannot be changed');
        END;
        CREATE TRIGGER invoice_lines_frozen_update BEFORE UPDATE ON invoice_lines
        WHEN (SELECT status FROM invoices WHERE id = old.invoice_id) <> 'draft'
          OR (SELECT status FROM invoices WHERE id = new.invoice_id) <> 'draft'
        BEGIN
            SELECT RAISE(ABORT, 'lines of issued invoices cannot be changed');
        END;
        CREATE TRIGGER invoice_lines_frozen_delete BEFORE DELETE ON invoice_lines
        WHEN (SELECT status FROM invoices WHERE id = old.invoice_id) <> 'draft'
        BEGIN
            SELECT RAISE(ABORT, 'lines of issued invoices cannot be changed');
        END;

        CREATE TRIGGER payments_only_issued BEFORE INSERT ON payments
        WHEN (SELECT status FROM invoices WHERE id = new.invoice_id) <> 'issued'
          OR (SELECT kind FROM invoices WHERE id = new.invoice_id) <> 'invoice'
        BEGIN
            SELECT RAISE(ABORT, 'payments can only be recorded against issued, unpaid invoices');
        END;
        CREATE TRIGGER payments_update_invoice AFTER INSERT ON payments
        BEGIN
            UPDATE invoices SET
                paid_cents = paid_cents + new.amount_cents,
                status = CASE WHEN paid_cents + new.amount_cents >= gross_cents THEN 'paid' ELSE status END
            WHERE id = new.invoice_id;
        END;
        CREATE TRIGGER payments_append_only_update BEFORE UPDATE ON payments
        BEGIN
            SELECT RAISE(ABORT, 'payments are append-only');
        END;
        CREATE TRIGGER payments_append_only_delete BEFORE DELETE ON payments
        BEGIN
            SELECT RAISE(ABORT, 'payments are append-only');
        END;

        CREATE TRIGGER stock_moves_append_only_update BEFORE UPDATE ON stock_moves
        BEGIN
            SELECT RAISE(ABORT, 'stock moves are append-only; correct with an adjustment');
        END;
        CREATE TRIGGER stock_moves_append_only_delete BEFORE DELETE ON stock_moves
        BEGIN
            SELECT RAISE(ABORT, 'stock moves are append-only; correct with an adjustment');
        END;

        CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
        BEGIN
            SELECT RAISE(ABORT, 'the audit log is append-only');
        END;
        CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
        BEGIN
            SELECT RAISE(ABORT, 'the audit log is append-only');
        END;

        CREATE TRIGGER ticket_messages_kept BEFORE DELETE ON ticket_messages
        BEGIN
            SELECT RAISE(ABORT, 'ticket messages cannot be deleted');
        END;
        CREATE TRIGGER ticket_messages_fixed BEFORE UPDATE ON ticket_messages
        WHEN new.kind IS NOT old.kind OR new.body IS NOT old.body OR new.author_name IS NOT old.author_name
          OR new.author_staff_id IS NOT old.author_staff_id OR new.created_at IS NOT old.created_at
        BEGIN
            SELECT RAISE(ABORT, 'ticket messages cannot be edited (only moved by a merge)');
        END;

        CREATE TRIGGER products_on_hand_is_derived BEFORE UPDATE OF on_hand ON products
        WHEN new.on_hand IS NOT (SELECT coalesce(sum(quantity), 0) FROM stock_moves WHERE product_id = new.id)
        BEGIN
            SELECT RAISE(ABORT, 'on hand is the sum of the stock ledger; record a stock move instead');
        END;
        """

    static let defaults = """
        INSERT INTO settings (key, value, updated_at, updated_by) VALUES
            ('company.name', 'Meine Firma GmbH', '1970-01-01T00:00:00Z', 'kontor'),
            ('company.address', 'Hauptstraße 1\n10115 Berlin\nDeutschland', '1970-01-01T00:00:00Z', 'kontor'),
            ('company.vat_id', '', '1970-01-01T00:00:00Z', 'kontor'),
            ('company.tax_number', '', '1970-01-01T00:00:00Z', 'kontor'),
            ('company.bank', '', '1970-01-01T00:00:00Z', 'kontor'),
            ('invoice.payment_terms_days', '14', '1970-01-01T00:00:00Z', 'kontor'),
            ('stock.allow_negative', '0', '1970-01-01T00:00:00Z', 'kontor');
        """
}

/// The stock ledger's derived data: `products.on_hand` follows every move,
/// and a move that would take stock below zero is refused unless the
/// `stock.allow_negative` setting is on.
enum StockLedger {
    static let createTriggers = """
        CREATE TRIGGER stock_moves_not_negative BEFORE INSERT ON stock_moves
        WHEN new.quantity < 0
          AND (SELECT on_hand FROM products WHERE id = new.product_id) + new.quantity < 0
          AND coalesce((SELECT value FROM settings WHERE key = 'stock.allow_negative'), '0') <> '1'
        BEGIN
            SELECT RAISE(ABORT, 'not enough stock: this would take the product below zero');
        END;
        CREATE TRIGGER stock_moves_on_hand AFTER INSERT ON stock_moves
        BEGIN
            UPDATE products SET on_hand = on_hand + new.quantity WHERE id = new.product_id;
        END;
        """
}
