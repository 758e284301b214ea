import GRDB

/// `v44-mail-reply-to`: a message that came by mail keeps its `Reply-To`
/// beside its `From`. Shops, web forms and ticket systems send from a
/// no-reply address and name the person in `Reply-To`: that address finds
/// the customer and is where the answer goes, while the thread still shows
/// who sent it. Fixed like the other mail headers once stored.
enum MailReplyToSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE ticket_messages ADD COLUMN mail_reply_to TEXT;

            DROP TRIGGER ticket_messages_fixed;
            CREATE TRIGGER ticket_messages_fixed BEFORE UPDATE ON ticket_messages
            WHEN new.kind IS NOT old.kind OR new.body IS NOT old.body OR new.author_name IS NOT old.author_name
              OR new.author_staff_id IS NOT old.author_staff_id OR new.created_at IS NOT old.created_at
              OR new.mail_message_id IS NOT old.mail_message_id OR new.mail_from IS NOT old.mail_from
              OR new.mail_to IS NOT old.mail_to OR new.mail_cc IS NOT old.mail_cc OR new.mail_reply_to IS NOT old.mail_reply_to
            BEGIN
                SELECT RAISE(ABORT, 'ticket messages cannot be edited (only moved by a merge)');
            END;
            """)
    }

    /// Where an answer to a stored message goes: its Reply-To, else its From.
    static let answerAddress = "coalesce(mail_reply_to, mail_from)"
}
