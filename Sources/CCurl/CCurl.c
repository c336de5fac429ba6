#include "CCurl.h"

#if defined(__APPLE__)
clazy_library ccurl_library = {"libcurl.4.dylib", NULL};
#else
clazy_library ccurl_library = {"libcurl.so.4", NULL};
#endif
