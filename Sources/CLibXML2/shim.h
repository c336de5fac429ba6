#ifndef REDLINE_CLIBXML2_SHIM_H
#define REDLINE_CLIBXML2_SHIM_H

// libxml2's headers pull in ICU when libxml2 was built with it, and ICU's types clash with
// the private ICU module Foundation carries ("'UErrorCode' has different definitions in
// different modules"; it shows only on a clean build). Read the version header first, then
// switch ICU off before any header that would include it.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlmemory.h>

// xmlFree is a macro when libxml2 is built with thread support, which Swift cannot call.
static inline void cxml_free(void *pointer) { xmlFree(pointer); }

#endif
