import GRDB

/// Mail in and out (`v21-mail`):
///
/// - `ticket_messages` gain what a message that came or went by mail
///   carries: its `Message-ID` (unique: the same message delivered twice is
///   stored once) and its sender and recipients as written;
/// - `ticket_attachments` keep the files that came with a message, apart
///   from the rows the lists and the thread read, and as fixed as the
///   messages they belong to;
/// - `tickets.unknown_sender` holds the address of a sender no customer or
///   contact has, until the ticket is linked to a customer;
/// - `mail_outbox` holds every message Kontor sends, written in the same
///   transaction as the reply or document it carries, until the mail system
///   has taken it; its `Message-ID`s thread the answers back.
enum MailSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE ticket_messages ADD COLUMN mail_message_id TEXT;
            ALTER TABLE ticket_messages ADD COLUMN mail_from TEXT;
            ALTER TABLE ticket_messages ADD COLUMN mail_to TEXT;
            ALTER TABLE ticket_messages ADD COLUMN mail_cc TEXT;
            CREATE UNIQUE INDEX ticket_messages_by_mail_id ON ticket_messages (mail_message_id) WHERE mail_message_id IS NOT NULL;

            DROP TRIGGER ticket_messages_fixed;
            CREATE TRIGGER ticket_messages_fixed BEFORE UPDATE ON ticket_messages
            WHEN new.kind IS NOT old.kind OR new.body IS NOT old.body OR new.author_name IS NOT old.author_name
              OR new.author_staff_id IS NOT old.author_staff_id OR new.created_at IS NOT old.created_at
              OR new.mail_message_id IS NOT old.mail_message_id OR new.mail_from IS NOT old.mail_from
              OR new.mail_to IS NOT old.mail_to OR new.mail_cc IS NOT old.mail_cc
            BEGIN
                SELECT RAISE(ABORT, 'ticket messages cannot be edited (only moved by a merge)');
            END;

            CREATE TABLE ticket_attachments (
                id         INTEGER PRIMARY KEY,
                message_id INTEGER NOT NULL REFERENCES ticket_messages(id),
                filename   TEXT NOT NULL,
                mime_type  TEXT NOT NULL,
                size       INTEGER NOT NULL CHECK (size >= 0),
                content    BLOB NOT NULL
            );
            CREATE INDEX ticket_attachments_by_message ON ticket_attachments (message_id);
            CREATE TRIGGER ticket_attachments_kept BEFORE DELETE ON ticket_attachments
            BEGIN
                SELECT RAISE(ABORT, 'attachments cannot be deleted');
            END;
            CREATE TRIGGER ticket_attachments_fixed BEFORE UPDATE ON ticket_attachments
            BEGIN
                SELECT RAISE(ABORT, 'attachments cannot be edited');
            END;

            ALTER TABLE tickets ADD COLUMN unknown_sender TEXT;
            -- Mail finds its sender among the contacts by address.
            CREATE INDEX contacts_by_email ON contacts (email COLLATE NOCASE) WHERE email <> '';

            CREATE TABLE mail_outbox (
                id                INTEGER PRIMARY KEY,
                -- Without the angle brackets, as In-Reply-To and References name it.
                message_id        TEXT NOT NULL UNIQUE,
                kind              TEXT NOT NULL CHECK (kind IN ('reply', 'acknowledgement', 'invoice', 'dunning')),
                ticket_id         INTEGER REFERENCES tickets(id),
                ticket_message_id INTEGER REFERENCES ticket_messages(id),
                invoice_id        INTEGER REFERENCES invoices(id),
                recipients        TEXT NOT NULL CHECK (length(trim(recipients)) > 0),
                subject           TEXT NOT NULL,
                -- The whole message as handed to sendmail (RFC 5322, CRLF).
                raw               BLOB NOT NULL,
                state             TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'failed')),
                attempts          INTEGER NOT NULL DEFAULT 0,
                next_attempt_at   TEXT NOT NULL,
                last_error        TEXT NOT NULL DEFAULT '',
                created_at        TEXT NOT NULL,
                created_by        TEXT NOT NULL,
                sent_at           TEXT
            );
            CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at, id) WHERE state = 'queued';
            CREATE INDEX mail_outbox_by_ticket ON mail_outbox (ticket_id) WHERE ticket_id IS NOT NULL;
            CREATE INDEX mail_outbox_by_invoice ON mail_outbox (invoice_id) WHERE invoice_id IS NOT NULL;
            """)
    }
}
