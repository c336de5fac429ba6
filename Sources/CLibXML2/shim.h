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

#include <dlfcn.h>

// libxml2 is loaded on first use, not when redline starts. Linked, libxml2 and what it needs
// (ICU's common library and its 30 MB of data, liblzma, zlib) cost every run about 0.5 ms of
// start-up, a tenth of `redline diff` on small files, which never parses HTML. So Swift never
// calls an xml or html function directly: it calls the cxml_ wrappers below, which find the
// function in libxml2 (dlsym once per function) and forward to it. `cxml_load` opens the
// library and runs its one-time setup; Swift calls it before any other wrapper and reports an
// error when it returns 0. (The package still links with -lxml2 for pkg-config's header path;
// the executable links with --as-needed, so the loader does not open a library nothing calls.)

#if defined(__APPLE__)
#define CXML_LIBRARY "libxml2.2.dylib"
#else
#define CXML_LIBRARY "libxml2.so.2"
#endif

/// The loaded library, or NULL before `cxml_load` succeeded.
static inline void **cxml_library_slot(void) {
  static void *library;
  return &library;
}

/// libxml2's symbol `name`, or NULL when libxml2 is not loaded or lacks it.
static inline void *cxml_resolve(const char *name) {
  void *handle = __atomic_load_n(cxml_library_slot(), __ATOMIC_ACQUIRE);
  return handle == NULL ? NULL : dlsym(handle, name);
}

/// A pointer to libxml2's function `name`, looked up once per wrapper.
#define CXML_FUNCTION(name)                                                          \
  __extension__({                                                                    \
    static __typeof__(&name) cached;                                                 \
    __typeof__(&name) function = __atomic_load_n(&cached, __ATOMIC_ACQUIRE);         \
    if (function == NULL) {                                                          \
      function = (__typeof__(&name))cxml_resolve(#name);                             \
      __atomic_store_n(&cached, function, __ATOMIC_RELEASE);                         \
    }                                                                                \
    function;                                                                        \
  })

/// Opens libxml2 and runs xmlInitParser; 1 when libxml2 is ready, 0 when it cannot be
/// loaded. Safe to call from several threads and more than once.
static inline int cxml_load(void) {
  if (__atomic_load_n(cxml_library_slot(), __ATOMIC_ACQUIRE) != NULL) return 1;
  void *handle = dlopen(CXML_LIBRARY, RTLD_NOW | RTLD_LOCAL);
  if (handle == NULL) return 0;
  void (*initialize)(void) = (void (*)(void))dlsym(handle, "xmlInitParser");
  if (initialize == NULL) return 0;
  initialize();
  __atomic_store_n(cxml_library_slot(), handle, __ATOMIC_RELEASE);
  return 1;
}

// Every wrapper below needs cxml_load to have returned 1.

/// libxml2's deallocator for strings it returned (the `xmlFree` variable; `free` unless a
/// program changed it with xmlMemSetup).
static inline void cxml_free(void *pointer) {
  static xmlFreeFunc *deallocator;
  xmlFreeFunc *slot = __atomic_load_n(&deallocator, __ATOMIC_ACQUIRE);
  if (slot == NULL) {
    slot = (xmlFreeFunc *)cxml_resolve("xmlFree");
    __atomic_store_n(&deallocator, slot, __ATOMIC_RELEASE);
  }
  (*slot)(pointer);
}

// The HTML parser (HTMLParsing).

static inline htmlParserCtxtPtr cxml_htmlCreateMemoryParserCtxt(const char *buffer, int size) {
  return CXML_FUNCTION(htmlCreateMemoryParserCtxt)(buffer, size);
}
static inline void cxml_htmlFreeParserCtxt(htmlParserCtxtPtr context) {
  CXML_FUNCTION(htmlFreeParserCtxt)(context);
}
static inline int cxml_htmlCtxtUseOptions(htmlParserCtxtPtr context, int options) {
  return CXML_FUNCTION(htmlCtxtUseOptions)(context, options);
}
static inline int cxml_htmlParseDocument(htmlParserCtxtPtr context) {
  return CXML_FUNCTION(htmlParseDocument)(context);
}
static inline void cxml_xmlStopParser(xmlParserCtxtPtr context) {
  CXML_FUNCTION(xmlStopParser)(context);
}
static inline xmlCharEncodingHandlerPtr cxml_xmlFindCharEncodingHandler(const char *name) {
  return CXML_FUNCTION(xmlFindCharEncodingHandler)(name);
}
static inline int cxml_xmlSwitchToEncoding(xmlParserCtxtPtr context,
                                           xmlCharEncodingHandlerPtr handler) {
  return CXML_FUNCTION(xmlSwitchToEncoding)(context, handler);
}
static inline xmlChar *cxml_xmlStrdup(const xmlChar *text) {
  return CXML_FUNCTION(xmlStrdup)(text);
}

// The XML parser and tree (FeedParsing, and the audit test's well-formedness check).

static inline xmlDocPtr cxml_xmlReadMemory(const char *buffer, int size, const char *url,
                                           const char *encoding, int options) {
  return CXML_FUNCTION(xmlReadMemory)(buffer, size, url, encoding, options);
}
static inline xmlParserCtxtPtr cxml_xmlNewParserCtxt(void) {
  return CXML_FUNCTION(xmlNewParserCtxt)();
}
static inline void cxml_xmlFreeParserCtxt(xmlParserCtxtPtr context) {
  CXML_FUNCTION(xmlFreeParserCtxt)(context);
}
static inline xmlDocPtr cxml_xmlCtxtReadMemory(xmlParserCtxtPtr context, const char *buffer,
                                               int size, const char *url, const char *encoding,
                                               int options) {
  return CXML_FUNCTION(xmlCtxtReadMemory)(context, buffer, size, url, encoding, options);
}
static inline void cxml_xmlFreeDoc(xmlDocPtr document) { CXML_FUNCTION(xmlFreeDoc)(document); }
static inline xmlNodePtr cxml_xmlDocGetRootElement(const xmlDoc *document) {
  return CXML_FUNCTION(xmlDocGetRootElement)(document);
}
static inline xmlChar *cxml_xmlNodeGetContent(const xmlNode *node) {
  return CXML_FUNCTION(xmlNodeGetContent)(node);
}
static inline xmlChar *cxml_xmlNodeGetBase(const xmlDoc *document, const xmlNode *node) {
  return CXML_FUNCTION(xmlNodeGetBase)(document, node);
}
static inline xmlChar *cxml_xmlGetProp(const xmlNode *node, const xmlChar *name) {
  return CXML_FUNCTION(xmlGetProp)(node, name);
}
static inline xmlChar *cxml_xmlBuildURI(const xmlChar *reference, const xmlChar *base) {
  return CXML_FUNCTION(xmlBuildURI)(reference, base);
}

#endif
