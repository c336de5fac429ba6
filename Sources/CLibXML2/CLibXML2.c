#include "CLibXML2.h"

#if defined(__APPLE__)
clazy_library cxml_library = {"libxml2.2.dylib", NULL};
#else
clazy_library cxml_library = {"libxml2.so.2", NULL};
#endif
