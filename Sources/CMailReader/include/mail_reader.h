// A thin C face over GMime (the MIME parser of notmuch and Evolution) and
// libxml2's HTML parser. Swift sees only these plain structs, never GLib's
// or libxml2's headers.
#ifndef KONTOR_MAIL_READER_H
#define KONTOR_MAIL_READER_H

#include <stddef.h>

typedef struct {
    char *name;      // display name, decoded (RFC 2047); may be empty
    char *address;   // local@domain
} kontor_mail_address;

typedef struct {
    kontor_mail_address *items;
    size_t count;
} kontor_mail_addresses;

/// One leaf of the message's MIME tree, in the order a reader meets them.
typedef struct {
    char *mime_type;        // "text/plain", lower case
    char *disposition;      // "attachment", "inline", or NULL when not given
    char *filename;         // decoded (RFC 2231 and RFC 2047), or NULL
    char *content_id;       // or NULL
    unsigned char *content; // decoded from its transfer encoding; text parts converted to UTF-8
    size_t length;
    int is_text;            // a text/* part whose content is now UTF-8
    int depth;              // 0 for a single-part message; 1 inside the top multipart, …
    int in_attached_message;// inside a message/rfc822 (a bounce's original, a forwarded mail)
    int alternative_group;  // the innermost multipart/alternative the part is in (numbered from 0), or -1
    int alternative_branch; // which of that alternative's choices it belongs to
    int not_base64;         // said to be base64 but holds other characters: content is the part as it came
} kontor_mail_part;

typedef struct kontor_mail {
    char *subject;          // decoded
    char *message_id;       // without angle brackets, or NULL
    char *in_reply_to;      // the first message id in In-Reply-To, or NULL
    char **references;      // the message ids in References, oldest first
    size_t reference_count;
    char *date;             // ISO 8601 instant in UTC, or NULL when missing or unreadable
    char *content_type;     // of the whole message: "multipart/report", …
    char *report_type;      // its report-type parameter ("delivery-status"), or NULL
    kontor_mail_addresses from, to, cc, reply_to;
    kontor_mail_part *parts;
    size_t part_count;
    int too_deep;           // parts nested beyond the limit were left out
    void *message;          // the parsed GMimeMessage, for kontor_mail_header
} kontor_mail;

/// Parses a message (RFC 5322, MIME). NULL when the bytes hold no message
/// at all (nothing that reads as a header). Parts nested deeper than
/// `max_depth` are left out and `too_deep` set.
kontor_mail *kontor_mail_parse(const unsigned char *bytes, size_t length, int max_depth);

/// The value of the first header so named, unfolded and decoded (RFC 2047),
/// or NULL. malloc'd: free it with kontor_mail_free_text.
char *kontor_mail_header(kontor_mail *mail, const char *name);

/// HTML as readable text: paragraphs and line breaks kept, lists as "- ",
/// links as "text <url>", scripts and styles left out. malloc'd UTF-8.
char *kontor_html_to_text(const char *html, size_t length);

void kontor_mail_free(kontor_mail *mail);
void kontor_mail_free_text(char *text);

#endif
