import GRDB

/// The schema, as a sequence of migrations. A migration, once released, is
/// never edited: later changes come as new migrations, so every database in
/// the field can be brought forward by the same path.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-customers") { db in
            try db.execute(sql: """
                CREATE TABLE customers (
                    id           INTEGER PRIMARY KEY,
                    name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
                    contact_name TEXT NOT NULL DEFAULT '',
                    email        TEXT NOT NULL DEFAULT '',
                    phone        TEXT NOT NULL DEFAULT '',
                    street       TEXT NOT NULL DEFAULT '',
                    postal_code  TEXT NOT NULL DEFAULT '',
                    city         TEXT NOT NULL DEFAULT '',
                    country      TEXT NOT NULL DEFAULT '',
                    vat_id       TEXT NOT NULL DEFAULT '',
                    notes        TEXT NOT NULL DEFAULT '',
                    archived     INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
                    sort_key     TEXT NOT NULL,
                    search_alias TEXT NOT NULL DEFAULT '',
                    -- Folded words of the searchable fields, for broad filters (see CustomerRepository).
                    search_text  TEXT NOT NULL DEFAULT '',
                    version      INTEGER NOT NULL DEFAULT 1,
                    created_at   TEXT NOT NULL,
                    updated_at   TEXT NOT NULL,
                    updated_by   TEXT NOT NULL
                );
                -- The list is read in (sort_key, id) order, a window at a time. The
                -- index carries search_text so that a broad filter scans it alone.
                CREATE INDEX customers_by_name ON customers (archived, sort_key, id, search_text);
                -- List keys by id, for sorting the hits of a narrow filter without
                -- reading whole rows.
                CREATE INDEX customers_keys ON customers (id, archived, sort_key);
                """)
            try db.execute(sql: CustomerSearchIndex.createTable(prefixes: CustomerSearchIndex.firstPrefixes))
            try db.execute(sql: CustomerSearchIndex.createTriggers)
            try db.execute(sql: CustomerCounts.createTable)
            try db.execute(sql: CustomerCounts.createTriggers)
        }
        migrator.registerMigration("v2-business", migrate: BusinessSchema.migrate)
        migrator.registerMigration("v3-deal-list", migrate: DealListSchema.migrate)
        migrator.registerMigration("v4-ticket-search", migrate: TicketSubjectIndex.migrate)
        migrator.registerMigration("v5-invoice-list", migrate: InvoiceListSchema.migrate)
        migrator.registerMigration("v6-stock-and-staff", migrate: StockAndStaffSchema.migrate)
        migrator.registerMigration("v7-dashboard", migrate: DashboardSchema.migrate)
        migrator.registerMigration("v8-services", migrate: ServiceSchema.migrate)
        migrator.registerMigration("v9-pending-sla", migrate: PendingSLASchema.migrate)
        migrator.registerMigration("v10-staff-keys", migrate: StaffKeySchema.migrate)
        migrator.registerMigration("v11-einvoice", migrate: EInvoiceSchema.migrate)
        migrator.registerMigration("v12-street-search", migrate: StreetSearchSchema.migrate)
        migrator.registerMigration("v13-customer-list-index", migrate: CustomerListIndexSchema.migrate)
        migrator.registerMigration("v14-deal-stage-totals", migrate: DealStageTotals.migrate)
        migrator.registerMigration("v15-refunds", migrate: RefundSchema.migrate)
        migrator.registerMigration("v16-invoice-terms", migrate: InvoiceTermsSchema.migrate)
        migrator.registerMigration("v18-bank-statements", migrate: BankSchema.migrate)
        migrator.registerMigration("v19-dunning", migrate: DunningSchema.migrate)
        migrator.registerMigration("v20-datev", migrate: DATEVSchema.migrate)
        migrator.registerMigration("v21-mail", migrate: MailSchema.migrate)
        migrator.registerMigration("v22-product-reservations", migrate: ReservationTotalsSchema.migrate)
        migrator.registerMigration("v23-staff-workload", migrate: StaffWorkloadSchema.migrate)
        migrator.registerMigration("v24-invoice-parties", migrate: InvoicePartiesSchema.migrate)
        migrator.registerMigration("v25-person-preferences", migrate: PreferencesSchema.migrate)
        migrator.registerMigration("v26-ticket-message-search", migrate: TicketMessageSearchIndex.migrate)
        migrator.registerMigration("v27-deal-search", migrate: DealSearchIndex.migrate)
        migrator.registerMigration("v28-contact-search", migrate: ContactSearchIndexV28.migrate)
        migrator.registerMigration("v29-ticket-customer-words", migrate: TicketSearchIndex.migrate)
        migrator.registerMigration("v30-list-sort-indexes", migrate: ListSortSchema.migrate)
        migrator.registerMigration("v31-deal-title-spellings", migrate: DealSearchIndex.indexSpellings)
        migrator.registerMigration("v32-change-marks", migrate: ChangeMarks.migrate)
        migrator.registerMigration("v33-contact-phones", migrate: ContactSearch.addPhones)
        migrator.registerMigration("v34-longer-search-prefixes", migrate: SearchPrefixSchema.migrate)
        migrator.registerMigration("v35-contact-keys", migrate: ContactKeysSchema.migrate)
        migrator.registerMigration("v36-contact-own-words", migrate: ContactSearchIndex.migrate)
        migrator.registerMigration("v37-ticket-keys", migrate: TicketKeysSchema.migrate)
        migrator.registerMigration("v38-product-search-words", migrate: ProductSearchSchema.migrate)
        migrator.registerMigration("v39-line-discount-percent", migrate: LineDiscountPercentSchema.migrate)
        migrator.registerMigration("v40-payments-on-paid-invoices", migrate: DoublePaymentSchema.migrate)
        migrator.registerMigration("v41-allowance-percent", migrate: AllowancePercentSchema.migrate)
        migrator.registerMigration("v42-interest-received", migrate: InterestReceivedSchema.migrate)
        migrator.registerMigration("v43-ticket-sender-words", migrate: TicketSenderSearchSchema.migrate)
        migrator.registerMigration("v44-mail-reply-to", migrate: MailReplyToSchema.migrate)
        migrator.registerMigration("v45-deal-line-quantities", migrate: DealLineQuantitySchema.migrate)
        migrator.registerMigration("v46-cjk-search", migrate: CJKSearchSchema.migrate)
        migrator.registerMigration("v47-proposal-open-amount", migrate: ProposalOpenSchema.migrate)
        migrator.registerMigration("v48-local-phone-digits", migrate: LocalPhoneSchema.migrate)

        return migrator
    }
}

/// The FTS5 index over customers. `remove_diacritics 2` folds "Müller" and
/// "muller" to the same token; `search_alias` adds the German spellings
/// ("Mueller", "Weiss") that folding alone cannot reach. The prefix indexes keep
/// type-as-you-search fast on the first letters, where matches are most numerous.
enum CustomerSearchIndex {
    /// The prefix indexes v1 created: the first one, two and three letters.
    static let firstPrefixes = "1 2 3"

    /// The prefix indexes since `v34-longer-search-prefixes`: up to five
    /// letters (see `SearchPrefixSchema`).
    static let prefixes = "1 2 3 4 5"

    static func createTable(prefixes: String) -> String {
        """
        CREATE VIRTUAL TABLE customers_fts USING fts5(
            name, contact_name, email, city, phone, vat_id, search_alias,
            content = 'customers', content_rowid = 'id',
            tokenize = "unicode61 remove_diacritics 2",
            prefix = '\(prefixes)'
        );
        """
    }

    static let createTriggers = """
        CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers BEGIN
            INSERT INTO customers_fts (rowid, name, contact_name, email, city, phone, vat_id, search_alias)
            VALUES (new.id, new.name, new.contact_name, new.email, new.city, new.phone, new.vat_id, new.search_alias);
        END;
        CREATE TRIGGER customers_fts_delete AFTER DELETE ON customers BEGIN
            INSERT INTO customers_fts (customers_fts, rowid, name, contact_name, email, city, phone, vat_id, search_alias)
            VALUES ('delete', old.id, old.name, old.contact_name, old.email, old.city, old.phone, old.vat_id, old.search_alias);
        END;
        CREATE TRIGGER customers_fts_update AFTER UPDATE OF name, contact_name, email, city, phone, vat_id, search_alias ON customers BEGIN
            INSERT INTO customers_fts (customers_fts, rowid, name, contact_name, email, city, phone, vat_id, search_alias)
            VALUES ('delete', old.id, old.name, old.contact_name, old.email, old.city, old.phone, old.vat_id, old.search_alias);
            INSERT INTO customers_fts (rowid, name, contact_name, email, city, phone, vat_id, search_alias)
            VALUES (new.id, new.name, new.contact_name, new.email, new.city, new.phone, new.vat_id, new.search_alias);
        END;
        """

    static let dropTriggers = """
        DROP TRIGGER customers_fts_insert;
        DROP TRIGGER customers_fts_delete;
        DROP TRIGGER customers_fts_update;
        """

    static let rebuild = "INSERT INTO customers_fts (customers_fts) VALUES ('rebuild')"
}

/// The number of active and archived customers, kept by triggers, so that
/// the list title costs one row read at a million customers, not a count.
enum CustomerCounts {
    static let createTable = """
        CREATE TABLE customer_counts (
            archived INTEGER PRIMARY KEY,
            n        INTEGER NOT NULL
        );
        INSERT INTO customer_counts (archived, n) VALUES (0, 0), (1, 0);
        """

    static let createTriggers = """
        CREATE TRIGGER customer_counts_insert AFTER INSERT ON customers BEGIN
            UPDATE customer_counts SET n = n + 1 WHERE archived = new.archived;
        END;
        CREATE TRIGGER customer_counts_delete AFTER DELETE ON customers BEGIN
            UPDATE customer_counts SET n = n - 1 WHERE archived = old.archived;
        END;
        CREATE TRIGGER customer_counts_archive AFTER UPDATE OF archived ON customers
        WHEN old.archived <> new.archived BEGIN
            UPDATE customer_counts SET n = n - 1 WHERE archived = old.archived;
            UPDATE customer_counts SET n = n + 1 WHERE archived = new.archived;
        END;
        """

    static let dropTriggers = """
        DROP TRIGGER customer_counts_insert;
        DROP TRIGGER customer_counts_delete;
        DROP TRIGGER customer_counts_archive;
        """

    static let recount = """
        UPDATE customer_counts SET n = (SELECT count(*) FROM customers WHERE customers.archived = customer_counts.archived)
        """
}
