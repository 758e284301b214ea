#include "xml_reader.h"
#include <stdlib.h>
#include <string.h>
#include <libxml/xmlreader.h>

struct kontor_xml_reader {
    xmlTextReaderPtr reader;
    /// The element just started was empty (<a/>): its end comes next, without reading.
    int pending_end;
    char error[256];
    int error_line;
};

/// Keeps the first error libxml2 reports, with its line.
static void keep_error(void *arg, xmlErrorPtr error) {
    kontor_xml_reader *r = arg;
    if (!error || error->level < XML_ERR_ERROR || r->error[0]) return;
    const char *message = error->message ? error->message : "";
    size_t n = strlen(message);
    while (n > 0 && (message[n - 1] == '\n' || message[n - 1] == ' ')) n--;
    if (n >= sizeof r->error) n = sizeof r->error - 1;
    memcpy(r->error, message, n);
    r->error[n] = 0;
    r->error_line = error->line;
}

kontor_xml_reader *kontor_xml_reader_new(const char *bytes, int length) {
    kontor_xml_reader *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->reader = xmlReaderForMemory(bytes, length, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
    if (!r->reader) { free(r); return NULL; }
    xmlTextReaderSetStructuredErrorHandler(r->reader, keep_error, r);
    return r;
}

int kontor_xml_reader_next(kontor_xml_reader *r) {
    if (r->pending_end) {
        r->pending_end = 0;
        return KONTOR_XML_END;
    }
    for (;;) {
        int status = xmlTextReaderRead(r->reader);
        if (status == 0) return r->error[0] ? KONTOR_XML_FAILED : KONTOR_XML_DONE;
        if (status < 0) return KONTOR_XML_FAILED;
        switch (xmlTextReaderNodeType(r->reader)) {
        case XML_READER_TYPE_ELEMENT:
            r->pending_end = xmlTextReaderIsEmptyElement(r->reader) == 1;
            return KONTOR_XML_START;
        case XML_READER_TYPE_END_ELEMENT:
            return KONTOR_XML_END;
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
            return KONTOR_XML_TEXT;
        default:
            break;
        }
    }
}

const char *kontor_xml_reader_name(kontor_xml_reader *r) {
    const xmlChar *name = xmlTextReaderConstLocalName(r->reader);
    return name ? (const char *)name : "";
}

const char *kontor_xml_reader_namespace(kontor_xml_reader *r) {
    return (const char *)xmlTextReaderConstNamespaceUri(r->reader);
}

const char *kontor_xml_reader_text(kontor_xml_reader *r) {
    const xmlChar *value = xmlTextReaderConstValue(r->reader);
    return value ? (const char *)value : "";
}

int kontor_xml_reader_line(kontor_xml_reader *r) {
    // The node's own line: the parser reads ahead of the node the reader
    // is on, so its line number can be several lines further down.
    xmlNodePtr node = xmlTextReaderCurrentNode(r->reader);
    if (node) {
        long line = xmlGetLineNo(node);
        if (line > 0) return (int)line;
    }
    return xmlTextReaderGetParserLineNumber(r->reader);
}

char *kontor_xml_reader_attribute(kontor_xml_reader *r, const char *name) {
    return (char *)xmlTextReaderGetAttribute(r->reader, (const xmlChar *)name);
}

void kontor_xml_free(char *text) { xmlFree(text); }

const char *kontor_xml_reader_error(kontor_xml_reader *r) { return r->error; }

int kontor_xml_reader_error_line(kontor_xml_reader *r) {
    return r->error_line > 0 ? r->error_line : xmlTextReaderGetParserLineNumber(r->reader);
}

void kontor_xml_reader_free(kontor_xml_reader *r) {
    if (!r) return;
    if (r->reader) xmlFreeTextReader(r->reader);
    free(r);
}
