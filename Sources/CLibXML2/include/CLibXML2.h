#ifndef REDLINE_CLIBXML2_H
#define REDLINE_CLIBXML2_H

// libxml2 keeps its headers in a libxml2/ folder (/usr/include/libxml2/libxml/...) and they
// include each other as <libxml/...>, so compilers normally need -I/usr/include/libxml2, which
// pkg-config would supply along with -lxml2 (linking the library this module loads lazily).
// Instead, include/libxml/ holds one forwarding header per libxml2 header, which includes
// <libxml2/libxml/NAME.h> from the default include path (/usr/include, or the SDK's).
//
// libxml2's headers pull in ICU when libxml2 was built with it, and ICU's types clash with
// the private ICU module Foundation carries ("'UErrorCode' has different definitions in
// different modules"; it shows only on a clean build). The forwarding <libxml/xmlversion.h>
// switches ICU off right after the version header, which every libxml2 header reads first.
#include <libxml/xmlversion.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlmemory.h>
#include <libxml/xpath.h>

#include <CLazyLoading.h>

// libxml2 is loaded on first use, not when redline starts. Linked, libxml2 and what it needs
// (ICU's common library and its 30 MB of data, liblzma, zlib) cost every run about 0.5 ms of
// start-up, a tenth of `redline diff` on small files, which never parses HTML. So Swift never
// calls an xml or html function directly: it calls the cxml_ wrappers below, which find the
// function in libxml2 through the shared loader (CLazyLoading: dlsym once per function) and
// forward to it. `cxml_load` opens the library and runs its one-time setup; Swift calls it
// before any other wrapper and reports an error when it returns 0.

/// libxml2, opened by `cxml_load` (defined in CLibXML2.c).
extern clazy_library cxml_library;

/// libxml2's symbol `name`, or NULL when libxml2 is not loaded or lacks it.
static inline void *cxml_resolve(const char *name) {
  return clazy_symbol(&cxml_library, name, 0);
}

/// A pointer to libxml2's function `name`, looked up once per wrapper.
#define CXML_FUNCTION(name) CLAZY_FUNCTION(&cxml_library, 0, name)

/// Opens libxml2 and runs xmlInitParser; 1 when libxml2 is ready, 0 when it cannot be
/// loaded. Safe to call from several threads and more than once.
static inline int cxml_load(void) { return clazy_open(&cxml_library, "xmlInitParser"); }

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

// XPath selection (HTMLParsing's `selectedArticleHTML`): a DOM, a context whose own error
// callback (never libxml2's process-wide handler) takes compile errors, an expression.

static inline htmlDocPtr cxml_htmlReadMemory(const char *buffer, int size, const char *url,
                                             const char *encoding, int options) {
  return CXML_FUNCTION(htmlReadMemory)(buffer, size, url, encoding, options);
}
static inline xmlXPathContextPtr cxml_xmlXPathNewContext(xmlDocPtr document) {
  return CXML_FUNCTION(xmlXPathNewContext)(document);
}
static inline void cxml_xmlXPathFreeContext(xmlXPathContextPtr context) {
  CXML_FUNCTION(xmlXPathFreeContext)(context);
}
static inline xmlXPathCompExprPtr cxml_xmlXPathCtxtCompile(xmlXPathContextPtr context,
                                                           const xmlChar *expression) {
  return CXML_FUNCTION(xmlXPathCtxtCompile)(context, expression);
}
static inline void cxml_xmlXPathFreeCompExpr(xmlXPathCompExprPtr expression) {
  CXML_FUNCTION(xmlXPathFreeCompExpr)(expression);
}
static inline xmlXPathObjectPtr cxml_xmlXPathCompiledEval(xmlXPathCompExprPtr expression,
                                                          xmlXPathContextPtr context) {
  return CXML_FUNCTION(xmlXPathCompiledEval)(expression, context);
}
static inline void cxml_xmlXPathFreeObject(xmlXPathObjectPtr object) {
  CXML_FUNCTION(xmlXPathFreeObject)(object);
}
static inline xmlBufferPtr cxml_xmlBufferCreate(void) {
  return CXML_FUNCTION(xmlBufferCreate)();
}
static inline void cxml_xmlBufferFree(xmlBufferPtr buffer) { CXML_FUNCTION(xmlBufferFree)(buffer); }
static inline const xmlChar *cxml_xmlBufferContent(const xmlBuffer *buffer) {
  return CXML_FUNCTION(xmlBufferContent)(buffer);
}
static inline int cxml_xmlBufferLength(const xmlBuffer *buffer) {
  return CXML_FUNCTION(xmlBufferLength)(buffer);
}
static inline int cxml_htmlNodeDump(xmlBufferPtr buffer, xmlDocPtr document, xmlNodePtr node) {
  return CXML_FUNCTION(htmlNodeDump)(buffer, document, node);
}

#endif
