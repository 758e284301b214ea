// Reads a mail with GMime into the plain structs of mail_reader.h, and turns
// HTML into readable text with libxml2's forgiving HTML parser. Everything
// the structs hold is malloc'd here and freed by kontor_mail_free.
#include "mail_reader.h"

#include <gmime/gmime.h>
#include <libxml/HTMLparser.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static pthread_once_t gmime_once = PTHREAD_ONCE_INIT;
static void gmime_start(void) { g_mime_init(); }

static char *dup_or_null(const char *text) { return text ? strdup(text) : NULL; }

// MARK: Text in any charset, as UTF-8

/// Labels as mail writes them, mapped to what iconv reads: a mail labelled
/// ISO-8859-1 or US-ASCII is in practice Windows-1252 (its € and „ “), as
/// every mail reader treats it.
static const char *iconv_name(const char *charset) {
    if (!charset) return NULL;
    if (!g_ascii_strcasecmp(charset, "iso-8859-1") || !g_ascii_strcasecmp(charset, "latin1") ||
        !g_ascii_strcasecmp(charset, "iso8859-1") || !g_ascii_strcasecmp(charset, "us-ascii") ||
        !g_ascii_strcasecmp(charset, "ascii") || !g_ascii_strcasecmp(charset, "cp1252"))
        return "WINDOWS-1252";
    return g_mime_charset_iconv_name(charset);
}

/// Whether the bytes hold at least one well-formed UTF-8 sequence of more
/// than one byte ("ü" as C3 BC).
static int has_utf8_sequence(const char *bytes, size_t length) {
    for (size_t i = 0; i < length; i++) {
        if (!((unsigned char)bytes[i] & 0x80)) continue;
        gunichar c = g_utf8_get_char_validated(bytes + i, (gssize)(length - i));
        if (c != (gunichar)-1 && c != (gunichar)-2) return 1;
    }
    return 0;
}

/// Bytes in `charset` as valid UTF-8 (malloc'd): converted where the charset
/// is known and the bytes fit it, else read as Windows-1252, else with the
/// invalid bytes replaced.
static char *as_utf8(const char *bytes, size_t length, const char *charset, size_t *out_length) {
    // An empty part (a mail with no body): GMime hands no bytes at all, and
    // GLib's converters take NULL for an error.
    if (!bytes || length == 0) {
        *out_length = 0;
        return calloc(1, 1);
    }
    gsize written = 0;
    gchar *converted = NULL;
    const char *name = iconv_name(charset);
    int is_utf8 = !name || !g_ascii_strcasecmp(name, "utf-8") || !g_ascii_strcasecmp(name, "utf8");
    if (is_utf8 && g_utf8_validate(bytes, (gssize)length, NULL)) {
        converted = g_strndup(bytes, length);
        written = length;
    } else if (!is_utf8) {
        converted = g_convert(bytes, (gssize)length, "UTF-8", name, NULL, &written, NULL);
        if (!converted) converted = g_convert(bytes, (gssize)length, "UTF-8", "WINDOWS-1252", NULL, &written, NULL);
    } else if (!charset || !has_utf8_sequence(bytes, length)) {
        // No charset named and not UTF-8, or UTF-8 named but not one of its
        // letters in the text: 8-bit mail from an old client, in practice
        // Windows-1252 ("Grüße" kept, not "Gr��e"). A text with some UTF-8
        // in it keeps that, its stray bytes replaced.
        converted = g_convert(bytes, (gssize)length, "UTF-8", "WINDOWS-1252", NULL, &written, NULL);
    }
    if (!converted) {
        converted = g_utf8_make_valid(bytes, (gssize)length);
        written = strlen(converted);
    }
    char *result = malloc(written + 1);
    memcpy(result, converted, written);
    result[written] = 0;
    g_free(converted);
    *out_length = written;
    return result;
}

// MARK: Addresses

typedef struct { kontor_mail_address *items; size_t count, capacity; } address_list;

static void add_addresses(address_list *list, InternetAddressList *source, int depth) {
    if (!source || depth > 4) return;
    int n = internet_address_list_length(source);
    for (int i = 0; i < n; i++) {
        InternetAddress *address = internet_address_list_get_address(source, i);
        if (INTERNET_ADDRESS_IS_GROUP(address)) {
            add_addresses(list, internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address)), depth + 1);
            continue;
        }
        if (!INTERNET_ADDRESS_IS_MAILBOX(address)) continue;
        const char *addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address));
        if (!addr || !*addr) continue;
        if (list->count == list->capacity) {
            list->capacity = list->capacity ? list->capacity * 2 : 4;
            list->items = realloc(list->items, list->capacity * sizeof *list->items);
        }
        const char *name = internet_address_get_name(address);
        list->items[list->count].name = strdup(name ? name : "");
        list->items[list->count].address = strdup(addr);
        list->count++;
    }
}

static kontor_mail_addresses addresses(InternetAddressList *source) {
    address_list list = {0};
    add_addresses(&list, source, 0);
    return (kontor_mail_addresses){ list.items, list.count };
}

// MARK: Parts

typedef struct {
    kontor_mail *mail;
    size_t capacity;
    int max_depth;
    int next_group;
} walk_state;

static kontor_mail_part *new_part(walk_state *state) {
    kontor_mail *mail = state->mail;
    if (mail->part_count == state->capacity) {
        state->capacity = state->capacity ? state->capacity * 2 : 8;
        mail->parts = realloc(mail->parts, state->capacity * sizeof *mail->parts);
    }
    kontor_mail_part *part = &mail->parts[mail->part_count++];
    memset(part, 0, sizeof *part);
    part->alternative_group = -1;
    return part;
}

static void set_common(kontor_mail_part *part, GMimeObject *object, int depth, int in_message, int group, int branch) {
    GMimeContentType *type = g_mime_object_get_content_type(object);
    char *mime = type ? g_mime_content_type_get_mime_type(type) : g_strdup("text/plain");
    part->mime_type = strdup(mime);
    for (char *c = part->mime_type; *c; c++) *c = g_ascii_tolower(*c);
    g_free(mime);
    GMimeContentDisposition *disposition = g_mime_object_get_content_disposition(object);
    const char *kind = disposition ? g_mime_content_disposition_get_disposition(disposition) : NULL;
    if (kind) {
        part->disposition = strdup(kind);
        for (char *c = part->disposition; *c; c++) *c = g_ascii_tolower(*c);
    }
    part->content_id = dup_or_null(g_mime_object_get_content_id(object));
    part->depth = depth;
    part->in_attached_message = in_message;
    part->alternative_group = group;
    part->alternative_branch = branch;
}

/// Copies the part's content as it came (still encoded) into `out`.
static void write_raw(GMimeDataWrapper *wrapper, GMimeStream *out) {
    GMimeStream *raw = g_mime_data_wrapper_get_stream(wrapper);
    if (!raw) return;
    g_mime_stream_reset(raw);
    g_mime_stream_write_to_stream(raw, out);
    g_mime_stream_reset(raw);
}

/// Whether encoded content holds nothing but base64: its alphabet, the
/// padding and line breaks or blanks.
static int is_base64(const GByteArray *bytes) {
    for (guint i = 0; i < bytes->len; i++) {
        unsigned char c = bytes->data[i];
        if (!(g_ascii_isalnum(c) || c == '+' || c == '/' || c == '=' || c == '\r' || c == '\n' || c == ' ' || c == '\t')) return 0;
    }
    return 1;
}

static void walk(walk_state *state, GMimeObject *object, int depth, int in_message, int group, int branch) {
    if (!object) return;
    if (depth > state->max_depth) { state->mail->too_deep = 1; return; }
    if (GMIME_IS_MULTIPART(object)) {
        GMimeMultipart *multipart = GMIME_MULTIPART(object);
        GMimeContentType *type = g_mime_object_get_content_type(object);
        int alternative = type && g_mime_content_type_is_type(type, "multipart", "alternative");
        int inner = alternative ? state->next_group++ : group;
        int n = g_mime_multipart_get_count(multipart);
        for (int i = 0; i < n; i++)
            walk(state, g_mime_multipart_get_part(multipart, i), depth + 1, in_message, inner, alternative ? i : branch);
        return;
    }
    if (GMIME_IS_MESSAGE_PART(object)) {
        // An attached message (a bounce's original, a forwarded mail): kept
        // whole, as the bytes it was, for the reader to open if it needs to.
        kontor_mail_part *part = new_part(state);
        set_common(part, object, depth, in_message, group, branch);
        GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
        if (inner) {
            GMimeStream *stream = g_mime_stream_mem_new();
            g_mime_object_write_to_stream(GMIME_OBJECT(inner), NULL, stream);
            GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream));
            part->content = malloc(bytes->len ? bytes->len : 1);
            memcpy(part->content, bytes->data, bytes->len);
            part->length = bytes->len;
            g_object_unref(stream);
            const char *subject = g_mime_message_get_subject(inner);
            if (!part->filename && subject) {
                size_t n = strlen(subject);
                part->filename = malloc(n + 5);
                memcpy(part->filename, subject, n);
                memcpy(part->filename + n, ".eml", 5);
            }
        }
        return;
    }
    if (!GMIME_IS_PART(object)) return;
    GMimePart *leaf = GMIME_PART(object);
    kontor_mail_part *part = new_part(state);
    set_common(part, object, depth, in_message, group, branch);
    part->filename = dup_or_null(g_mime_part_get_filename(leaf));
    GMimeDataWrapper *wrapper = g_mime_part_get_content(leaf);
    GMimeStream *stream = g_mime_stream_mem_new();
    if (wrapper && g_mime_part_get_content_encoding(leaf) == GMIME_CONTENT_ENCODING_BASE64) {
        // Text sent as it is under a base64 label: decoding it (GMime skips
        // what is not base64) would make a garbled text of the letters.
        // Kept as it came, and said; real base64 is decoded as ever.
        write_raw(wrapper, stream);
        if (is_base64(g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream)))) {
            g_object_unref(stream);
            stream = g_mime_stream_mem_new();
            g_mime_data_wrapper_write_to_stream(wrapper, stream);
        } else {
            part->not_base64 = 1;
        }
    } else if (wrapper) {
        g_mime_data_wrapper_write_to_stream(wrapper, stream);
    }
    GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream));
    if (!strncmp(part->mime_type, "text/", 5)) {
        const char *charset = g_mime_object_get_content_type_parameter(object, "charset");
        part->content = (unsigned char *)as_utf8((const char *)bytes->data, bytes->len, charset, &part->length);
        part->is_text = 1;
    } else {
        part->content = malloc(bytes->len ? bytes->len : 1);
        if (bytes->len) memcpy(part->content, bytes->data, bytes->len);
        part->length = bytes->len;
    }
    g_object_unref(stream);
}

// MARK: The message

static char *first_reference(const char *text) {
    if (!text) return NULL;
    GMimeReferences *refs = g_mime_references_parse(NULL, text);
    if (!refs) return NULL;
    char *first = g_mime_references_length(refs) > 0 ? strdup(g_mime_references_get_message_id(refs, 0)) : NULL;
    g_mime_references_free(refs);
    return first;
}

/// The length of the RFC 2047 encoded-word at `text` ("=?charset?B?…?="),
/// or 0 when there is none.
static size_t encoded_word(const char *text) {
    if (text[0] != '=' || text[1] != '?') return 0;
    const char *p = text + 2;
    while (*p && *p != '?' && !g_ascii_isspace(*p)) p++;
    if (*p != '?' || p == text + 2) return 0;
    p++;
    if (!strchr("BbQq", *p) || !*p || p[1] != '?') return 0;
    p += 2;
    while (*p && !(p[0] == '?' && p[1] == '=') && !g_ascii_isspace(*p)) p++;
    if (p[0] != '?' || p[1] != '=') return 0;
    return (size_t)(p + 2 - text);
}

/// Appends `text` decoded by GMime: an encoded-word, or plain text.
static void append_decoded(GString *out, const char *text, size_t length) {
    if (!length) return;
    // GMime's decoder also makes UTF-8 of raw 8-bit text (Latin-1, say).
    char *piece = g_strndup(text, length);
    char *decoded = g_mime_utils_header_decode_text(NULL, piece);
    g_string_append(out, decoded ? decoded : piece);
    g_free(decoded);
    g_free(piece);
}

/// A header's text with its encoded-words decoded one by one, the space
/// between two of them dropped (RFC 2047, 6.2). GMime decodes adjacent
/// words of one charset together, and a first word ending in base64
/// padding ("…IA==?= =?UTF-8?B?TcO8…") then loses every word after it.
static char *decode_words(const char *value) {
    GString *out = g_string_new(NULL);
    GString *plain = g_string_new(NULL);
    const char *p = value;
    int after_word = 0;
    while (*p) {
        // Folded lines are one line.
        if (*p == '\r' || *p == '\n') { p++; continue; }
        size_t n = encoded_word(p);
        if (n) {
            append_decoded(out, plain->str, plain->len);
            g_string_truncate(plain, 0);
            append_decoded(out, p, n);
            p += n;
            after_word = 1;
            continue;
        }
        if (after_word && (*p == ' ' || *p == '\t')) {
            const char *q = p;
            while (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\n') q++;
            if (encoded_word(q)) { p = q; continue; }
        }
        g_string_append_c(plain, *p++);
        after_word = 0;
    }
    append_decoded(out, plain->str, plain->len);
    g_string_free(plain, TRUE);
    char *result = strdup(out->str);
    g_string_free(out, TRUE);
    return result;
}

/// The first header `name` of `object`, decoded word by word and without
/// the blanks around it; NULL when there is none.
static char *raw_header(GMimeObject *object, const char *name) {
    GMimeHeader *header = g_mime_header_list_get_header(g_mime_object_get_header_list(object), name);
    const char *raw = header ? g_mime_header_get_raw_value(header) : NULL;
    if (!raw) return NULL;
    char *decoded = decode_words(raw);
    g_strstrip(decoded);
    return decoded;
}

kontor_mail *kontor_mail_parse(const unsigned char *bytes, size_t length, int max_depth) {
    pthread_once(&gmime_once, gmime_start);
    GMimeStream *stream = g_mime_stream_mem_new_with_buffer((const char *)bytes, length);
    GMimeParser *parser = g_mime_parser_new_with_stream(stream);
    g_object_unref(stream);
    GMimeMessage *message = g_mime_parser_construct_message(parser, NULL);
    g_object_unref(parser);
    if (!message) return NULL;

    kontor_mail *mail = calloc(1, sizeof *mail);
    mail->message = message;
    // The header's text as it came, its words decoded here (see `decode_words`).
    mail->subject = raw_header(GMIME_OBJECT(message), "Subject");
    if (!mail->subject) mail->subject = strdup("");
    mail->message_id = dup_or_null(g_mime_message_get_message_id(message));
    mail->in_reply_to = first_reference(g_mime_object_get_header(GMIME_OBJECT(message), "In-Reply-To"));
    const char *references = g_mime_object_get_header(GMIME_OBJECT(message), "References");
    if (references) {
        GMimeReferences *refs = g_mime_references_parse(NULL, references);
        if (refs) {
            int n = g_mime_references_length(refs);
            mail->references = calloc(n ? (size_t)n : 1, sizeof(char *));
            for (int i = 0; i < n; i++) mail->references[i] = strdup(g_mime_references_get_message_id(refs, i));
            mail->reference_count = (size_t)n;
            g_mime_references_free(refs);
        }
    }
    GDateTime *date = g_mime_message_get_date(message);
    if (date) {
        GDateTime *utc = g_date_time_to_utc(date);
        if (utc) {
            gchar *text = g_date_time_format(utc, "%Y-%m-%dT%H:%M:%SZ");
            mail->date = dup_or_null(text);
            g_free(text);
            g_date_time_unref(utc);
        }
    }
    mail->from = addresses(g_mime_message_get_from(message));
    mail->to = addresses(g_mime_message_get_to(message));
    mail->cc = addresses(g_mime_message_get_cc(message));
    mail->reply_to = addresses(g_mime_message_get_reply_to(message));

    GMimeObject *body = g_mime_message_get_mime_part(message);
    if (body) {
        GMimeContentType *type = g_mime_object_get_content_type(body);
        if (type) {
            char *mime = g_mime_content_type_get_mime_type(type);
            mail->content_type = strdup(mime);
            for (char *c = mail->content_type; *c; c++) *c = g_ascii_tolower(*c);
            g_free(mime);
            mail->report_type = dup_or_null(g_mime_content_type_get_parameter(type, "report-type"));
        }
    }
    walk_state state = { mail, 0, max_depth, 0 };
    walk(&state, body, 0, 0, -1, 0);
    return mail;
}

char *kontor_mail_header(kontor_mail *mail, const char *name) {
    return raw_header(GMIME_OBJECT(mail->message), name);
}

static void free_addresses(kontor_mail_addresses list) {
    for (size_t i = 0; i < list.count; i++) { free(list.items[i].name); free(list.items[i].address); }
    free(list.items);
}

void kontor_mail_free(kontor_mail *mail) {
    if (!mail) return;
    free(mail->subject); free(mail->message_id); free(mail->in_reply_to); free(mail->date);
    free(mail->content_type); free(mail->report_type);
    for (size_t i = 0; i < mail->reference_count; i++) free(mail->references[i]);
    free(mail->references);
    free_addresses(mail->from); free_addresses(mail->to); free_addresses(mail->cc); free_addresses(mail->reply_to);
    for (size_t i = 0; i < mail->part_count; i++) {
        kontor_mail_part *part = &mail->parts[i];
        free(part->mime_type); free(part->disposition); free(part->filename); free(part->content_id); free(part->content);
    }
    free(mail->parts);
    if (mail->message) g_object_unref(mail->message);
    free(mail);
}

void kontor_mail_free_text(char *text) { free(text); }

// MARK: HTML as text

typedef struct { GString *out; int pre; } html_state;

static void newline(html_state *state, int count) {
    // At most `count` line breaks in a row; none at the start.
    if (state->out->len == 0) return;
    int have = 0;
    for (gssize i = (gssize)state->out->len - 1; i >= 0 && state->out->str[i] == '\n'; i--) have++;
    while (state->out->len > 0 && state->out->str[state->out->len - 1] == ' ') g_string_truncate(state->out, state->out->len - 1);
    for (; have < count; have++) g_string_append_c(state->out, '\n');
}

static void text(html_state *state, const char *content) {
    if (state->pre) { g_string_append(state->out, content); return; }
    for (const char *c = content; *c; c++) {
        int blank = *c == ' ' || *c == '\t' || *c == '\n' || *c == '\r' || *c == '\f';
        if (blank) {
            char last = state->out->len ? state->out->str[state->out->len - 1] : '\n';
            if (last != ' ' && last != '\n') g_string_append_c(state->out, ' ');
        } else {
            g_string_append_c(state->out, *c);
        }
    }
}

static int is_block(const char *name) {
    static const char *blocks[] = { "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "ul", "ol", "blockquote",
                                    "section", "article", "header", "footer", "address", "hr", "pre", "dl", "dt", "dd", "center", NULL };
    for (int i = 0; blocks[i]; i++) if (!g_ascii_strcasecmp(name, blocks[i])) return 1;
    return 0;
}

static void html_walk(html_state *state, xmlNode *node, int depth) {
    if (depth > 200) return;
    for (; node; node = node->next) {
        if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
            if (node->content) text(state, (const char *)node->content);
            continue;
        }
        if (node->type != XML_ELEMENT_NODE) continue;
        const char *name = (const char *)node->name;
        if (!g_ascii_strcasecmp(name, "script") || !g_ascii_strcasecmp(name, "style") || !g_ascii_strcasecmp(name, "head") ||
            !g_ascii_strcasecmp(name, "title")) continue;
        if (!g_ascii_strcasecmp(name, "br")) { g_string_append_c(state->out, '\n'); continue; }
        if (!g_ascii_strcasecmp(name, "img")) {
            xmlChar *alt = xmlGetProp(node, (const xmlChar *)"alt");
            if (alt && *alt) { text(state, "["); text(state, (const char *)alt); text(state, "]"); }
            xmlFree(alt);
            continue;
        }
        int block = is_block(name);
        int paragraph = block && g_ascii_strcasecmp(name, "tr") && g_ascii_strcasecmp(name, "dt") && g_ascii_strcasecmp(name, "dd");
        if (block) newline(state, paragraph ? 2 : 1);
        if (!g_ascii_strcasecmp(name, "li")) { newline(state, 1); g_string_append(state->out, "- "); }
        if (!g_ascii_strcasecmp(name, "td") || !g_ascii_strcasecmp(name, "th")) text(state, " ");
        int pre = !g_ascii_strcasecmp(name, "pre");
        if (pre) state->pre++;
        size_t before = state->out->len;
        html_walk(state, node->children, depth + 1);
        if (pre) state->pre--;
        if (!g_ascii_strcasecmp(name, "a")) {
            xmlChar *href = xmlGetProp(node, (const xmlChar *)"href");
            if (href && (!g_ascii_strncasecmp((const char *)href, "http", 4) || !g_ascii_strncasecmp((const char *)href, "mailto:", 7))) {
                const char *shown = state->out->str + before;
                const char *target = (const char *)href;
                if (!g_ascii_strncasecmp(target, "mailto:", 7)) target += 7;
                if (!strstr(shown, target)) { g_string_append(state->out, " <"); g_string_append(state->out, target); g_string_append(state->out, ">"); }
            }
            xmlFree(href);
        }
        if (block) newline(state, paragraph ? 2 : 1);
    }
}

char *kontor_html_to_text(const char *html, size_t length) {
    html_state state = { g_string_new(NULL), 0 };
    htmlDocPtr document = htmlReadMemory(html, (int)(length > INT32_MAX ? INT32_MAX : length), NULL, "UTF-8",
                                         HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
    if (document) {
        html_walk(&state, xmlDocGetRootElement(document), 0);
        xmlFreeDoc(document);
    }
    // Trailing blanks and line breaks go.
    while (state.out->len > 0 && (state.out->str[state.out->len - 1] == '\n' || state.out->str[state.out->len - 1] == ' '))
        g_string_truncate(state.out, state.out->len - 1);
    char *result = strdup(state.out->str);
    g_string_free(state.out, TRUE);
    return result;
}
