#ifndef REDLINE_CCURL_H
#define REDLINE_CCURL_H

#include <CLazyLoading.h>
#include <curl/curl.h>
#include <stddef.h>

// libcurl is loaded on first use, not when redline starts. Linked at start-up, libcurl and the
// 35 libraries it needs (TLS, Kerberos, LDAP, IDN, ...) took about 6 ms of every run, fetching
// or not; `redline diff` of two small files paid it too. So Swift never calls a curl_ function
// directly: it calls the ccurl_ wrappers below, which find the function in libcurl through the
// shared loader (CLazyLoading: dlopen on the first call, dlsym once per function) and forward
// to it. Every entry point into libcurl (global init, easy/multi/share init, slist append)
// returns its failure value when libcurl cannot be loaded; the others are only reached with a
// handle those returned.

/// libcurl, opened by the first entry point called (defined in CCurl.c).
extern clazy_library ccurl_library;

/// A pointer to libcurl's function `name`, looked up once per wrapper; NULL when libcurl or
/// the function is missing.
#define CCURL_FUNCTION(name) CLAZY_FUNCTION(&ccurl_library, 1, name)

// Entry points: each reports failure when libcurl is missing.

static inline CURLcode ccurl_global_init(long flags) {
  __typeof__(&curl_global_init) function = CCURL_FUNCTION(curl_global_init);
  return function == NULL ? CURLE_FAILED_INIT : function(flags);
}
static inline CURL *ccurl_easy_init(void) {
  __typeof__(&curl_easy_init) function = CCURL_FUNCTION(curl_easy_init);
  return function == NULL ? NULL : function();
}
static inline CURLM *ccurl_multi_init(void) {
  __typeof__(&curl_multi_init) function = CCURL_FUNCTION(curl_multi_init);
  return function == NULL ? NULL : function();
}
static inline CURLSH *ccurl_share_init(void) {
  __typeof__(&curl_share_init) function = CCURL_FUNCTION(curl_share_init);
  return function == NULL ? NULL : function();
}
static inline struct curl_slist *ccurl_slist_append(struct curl_slist *list, const char *text) {
  __typeof__(&curl_slist_append) function = CCURL_FUNCTION(curl_slist_append);
  return function == NULL ? NULL : function(list, text);
}

// The rest take a handle or list that an entry point made, so libcurl is loaded.

static inline void ccurl_slist_free_all(struct curl_slist *list) {
  CCURL_FUNCTION(curl_slist_free_all)(list);
}
static inline void ccurl_easy_cleanup(CURL *handle) { CCURL_FUNCTION(curl_easy_cleanup)(handle); }
static inline CURLcode ccurl_easy_perform(CURL *handle) {
  return CCURL_FUNCTION(curl_easy_perform)(handle);
}
static inline const char *ccurl_easy_strerror(CURLcode code) {
  __typeof__(&curl_easy_strerror) function = CCURL_FUNCTION(curl_easy_strerror);
  return function == NULL ? NULL : function(code);
}
static inline const char *ccurl_multi_strerror(CURLMcode code) {
  __typeof__(&curl_multi_strerror) function = CCURL_FUNCTION(curl_multi_strerror);
  return function == NULL ? NULL : function(code);
}
static inline const char *ccurl_share_strerror(CURLSHcode code) {
  __typeof__(&curl_share_strerror) function = CCURL_FUNCTION(curl_share_strerror);
  return function == NULL ? NULL : function(code);
}
static inline CURLSHcode ccurl_share_cleanup(CURLSH *share) {
  return CCURL_FUNCTION(curl_share_cleanup)(share);
}
static inline CURLMcode ccurl_multi_cleanup(CURLM *multi) {
  return CCURL_FUNCTION(curl_multi_cleanup)(multi);
}
static inline CURLMcode ccurl_multi_wakeup(CURLM *multi) {
  return CCURL_FUNCTION(curl_multi_wakeup)(multi);
}
static inline CURLMcode ccurl_multi_add_handle(CURLM *multi, CURL *handle) {
  return CCURL_FUNCTION(curl_multi_add_handle)(multi, handle);
}
static inline CURLMcode ccurl_multi_remove_handle(CURLM *multi, CURL *handle) {
  return CCURL_FUNCTION(curl_multi_remove_handle)(multi, handle);
}
static inline CURLMcode ccurl_multi_perform(CURLM *multi, int *running) {
  return CCURL_FUNCTION(curl_multi_perform)(multi, running);
}
static inline CURLMsg *ccurl_multi_info_read(CURLM *multi, int *left) {
  return CCURL_FUNCTION(curl_multi_info_read)(multi, left);
}
static inline CURLMcode ccurl_multi_poll(CURLM *multi, struct curl_waitfd *extra, unsigned int count,
                                         int timeout, int *ready) {
  return CCURL_FUNCTION(curl_multi_poll)(multi, extra, count, timeout, ready);
}

// curl_easy_setopt, curl_easy_getinfo and curl_share_setopt are variadic, which Swift cannot
// call. One typed wrapper per argument type; they only forward their arguments.

static inline CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value) {
  return CCURL_FUNCTION(curl_easy_setopt)(handle, option, value);
}
static inline CURLcode ccurl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
  return CCURL_FUNCTION(curl_easy_setopt)(handle, option, value);
}
static inline CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value) {
  return CCURL_FUNCTION(curl_easy_setopt)(handle, option, value);
}
static inline CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
  return CCURL_FUNCTION(curl_easy_setopt)(handle, option, value);
}
static inline CURLcode ccurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
  return CCURL_FUNCTION(curl_easy_setopt)(handle, option, value);
}
static inline CURLcode ccurl_setopt_write_function(CURL *handle, CURLoption option,
                                                   curl_write_callback value) {
  return CCURL_FUNCTION(curl_easy_setopt)(handle, option, value);
}
static inline CURLcode ccurl_setopt_read_function(CURL *handle, CURLoption option,
                                                  curl_read_callback value) {
  return CCURL_FUNCTION(curl_easy_setopt)(handle, option, value);
}

static inline CURLcode ccurl_setopt_debug_function(CURL *handle, CURLoption option,
                                                   curl_debug_callback value) {
  return CCURL_FUNCTION(curl_easy_setopt)(handle, option, value);
}

static inline CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
  return CCURL_FUNCTION(curl_easy_getinfo)(handle, info, value);
}
static inline CURLcode ccurl_getinfo_string(CURL *handle, CURLINFO info, char **value) {
  return CCURL_FUNCTION(curl_easy_getinfo)(handle, info, value);
}
static inline CURLcode ccurl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
  return CCURL_FUNCTION(curl_easy_getinfo)(handle, info, value);
}

// curl_multi_setopt is variadic too.
static inline CURLMcode ccurl_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
  return CCURL_FUNCTION(curl_multi_setopt)(multi, option, value);
}

// The share interface: one connection cache, DNS cache and TLS session cache for every
// transfer of a fetcher.
static inline CURLSHcode ccurl_share_setopt_long(CURLSH *share, CURLSHoption option, long value) {
  return CCURL_FUNCTION(curl_share_setopt)(share, option, value);
}
static inline CURLSHcode ccurl_share_setopt_pointer(CURLSH *share, CURLSHoption option,
                                                    void *value) {
  return CCURL_FUNCTION(curl_share_setopt)(share, option, value);
}
static inline CURLSHcode ccurl_share_setopt_lock_function(CURLSH *share, CURLSHoption option,
                                                          curl_lock_function value) {
  return CCURL_FUNCTION(curl_share_setopt)(share, option, value);
}
static inline CURLSHcode ccurl_share_setopt_unlock_function(CURLSH *share, CURLSHoption option,
                                                            curl_unlock_function value) {
  return CCURL_FUNCTION(curl_share_setopt)(share, option, value);
}

#endif
