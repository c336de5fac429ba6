// Forwards to the system's libxml2 header (see CLibXML2.h), then switches ICU off: its types
// clash with Foundation's private ICU module, and every libxml2 header reads this one first.
#include <libxml2/libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
