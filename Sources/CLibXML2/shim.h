// libxml2 for XSD validation (Reporting/XSD). Debian's libxml2 is built with ICU, and its
// encoding.h would then pull in the system ICU headers, which clash with Foundation's own copy
// (_FoundationICU) in the same Swift module graph. Traction never touches the ICU converter
// fields (xmlCharEncodingHandler is only used through pointers), so hide them.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>
