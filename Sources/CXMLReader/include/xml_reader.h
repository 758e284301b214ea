// A thin C face over libxml2's streaming reader (xmlTextReader), for bank
// statements. Swift sees only these functions, never libxml2's headers,
// which bring the system's ICU headers with them and would clash with the
// copy Foundation carries.
#ifndef KONTOR_XML_READER_H
#define KONTOR_XML_READER_H

typedef struct kontor_xml_reader kontor_xml_reader;

#define KONTOR_XML_FAILED (-1)
#define KONTOR_XML_DONE 0
#define KONTOR_XML_START 1
#define KONTOR_XML_END 2
#define KONTOR_XML_TEXT 3

/// A reader of `length` bytes at `bytes`, which must stay until it is freed.
/// No network, no external entities, no DTD loaded.
kontor_xml_reader *kontor_xml_reader_new(const char *bytes, int length);
/// The next event: an element's start, its end (an empty element gives
/// both), text (entities replaced; blank runs between elements are left
/// out), the end of the document, or a failure (`kontor_xml_reader_error`).
int kontor_xml_reader_next(kontor_xml_reader *reader);
/// The current element's local name (start and end).
const char *kontor_xml_reader_name(kontor_xml_reader *reader);
/// The current element's namespace, or NULL.
const char *kontor_xml_reader_namespace(kontor_xml_reader *reader);
/// The current text.
const char *kontor_xml_reader_text(kontor_xml_reader *reader);
/// The line of the node the reader is on (where its element begins).
int kontor_xml_reader_line(kontor_xml_reader *reader);
/// The current element's attribute `name`, or NULL; free it with `kontor_xml_free`.
char *kontor_xml_reader_attribute(kontor_xml_reader *reader, const char *name);
void kontor_xml_free(char *text);
/// What went wrong, after a failure ("" when libxml2 said nothing).
const char *kontor_xml_reader_error(kontor_xml_reader *reader);
/// The line of the failure.
int kontor_xml_reader_error_line(kontor_xml_reader *reader);
void kontor_xml_reader_free(kontor_xml_reader *reader);

#endif
