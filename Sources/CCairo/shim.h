#ifndef KONTOR_CCAIRO_H
#define KONTOR_CCAIRO_H

// cairo and its PDF surface, as Debian's libcairo2-dev installs them. Kontor
// draws invoices with cairo's own text API and a system font (DejaVu Sans);
// the PDF syntax is cairo's, never Kontor's.
#include <cairo/cairo.h>
#include <cairo/cairo-pdf.h>

#endif
