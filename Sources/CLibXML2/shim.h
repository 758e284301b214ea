// libxml2's headers, for the C writer in CXMLWriter only: Swift never
// imports this module (its ICU headers clash with Foundation's).
#include <libxml/xmlwriter.h>
