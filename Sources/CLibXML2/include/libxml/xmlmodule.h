// Forwards to the system's libxml2 header: see CLibXML2.h.
#include <libxml2/libxml/xmlmodule.h>
