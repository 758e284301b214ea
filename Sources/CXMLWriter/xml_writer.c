#include "xml_writer.h"
#include <stdlib.h>
#include <libxml/xmlwriter.h>

struct kontor_xml_writer {
    xmlBufferPtr buffer;
    xmlTextWriterPtr writer;
};

kontor_xml_writer *kontor_xml_writer_new(void) {
    kontor_xml_writer *w = calloc(1, sizeof *w);
    if (!w) return NULL;
    w->buffer = xmlBufferCreate();
    w->writer = w->buffer ? xmlNewTextWriterMemory(w->buffer, 0) : NULL;
    if (!w->writer) { kontor_xml_writer_free(w); return NULL; }
    xmlTextWriterSetIndent(w->writer, 1);
    xmlTextWriterSetIndentString(w->writer, BAD_CAST "  ");
    xmlTextWriterStartDocument(w->writer, "1.0", "UTF-8", NULL);
    return w;
}

int kontor_xml_start_element(kontor_xml_writer *w, const char *name) {
    return xmlTextWriterStartElement(w->writer, BAD_CAST name);
}

int kontor_xml_attribute(kontor_xml_writer *w, const char *name, const char *value) {
    return xmlTextWriterWriteAttribute(w->writer, BAD_CAST name, BAD_CAST value);
}

int kontor_xml_text(kontor_xml_writer *w, const char *text) {
    return xmlTextWriterWriteString(w->writer, BAD_CAST text);
}

int kontor_xml_end_element(kontor_xml_writer *w) {
    return xmlTextWriterEndElement(w->writer);
}

const char *kontor_xml_finish(kontor_xml_writer *w, int *length) {
    if (w->writer) {
        xmlTextWriterEndDocument(w->writer);
        // Freeing the writer flushes what it holds into the buffer.
        xmlFreeTextWriter(w->writer);
        w->writer = NULL;
    }
    *length = xmlBufferLength(w->buffer);
    return (const char *)xmlBufferContent(w->buffer);
}

void kontor_xml_writer_free(kontor_xml_writer *w) {
    if (!w) return;
    if (w->writer) xmlFreeTextWriter(w->writer);
    if (w->buffer) xmlBufferFree(w->buffer);
    free(w);
}
