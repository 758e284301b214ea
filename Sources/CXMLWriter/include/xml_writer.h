// A thin C face over libxml2's streaming writer (xmlTextWriter). Swift sees
// only these functions, never libxml2's headers, which bring the system's
// ICU headers with them and would clash with the copy Foundation carries.
#ifndef KONTOR_XML_WRITER_H
#define KONTOR_XML_WRITER_H

typedef struct kontor_xml_writer kontor_xml_writer;

/// A writer into memory, indented by two spaces, its XML declaration written (UTF-8).
kontor_xml_writer *kontor_xml_writer_new(void);
int kontor_xml_start_element(kontor_xml_writer *writer, const char *name);
/// Escaped by libxml2.
int kontor_xml_attribute(kontor_xml_writer *writer, const char *name, const char *value);
/// Escaped by libxml2.
int kontor_xml_text(kontor_xml_writer *writer, const char *text);
int kontor_xml_end_element(kontor_xml_writer *writer);
/// Ends the document; the bytes stay the writer's until it is freed.
const char *kontor_xml_finish(kontor_xml_writer *writer, int *length);
void kontor_xml_writer_free(kontor_xml_writer *writer);

#endif
