#ifndef REDLINE_CCURL_SHIM_H
#define REDLINE_CCURL_SHIM_H

#include <curl/curl.h>

// curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call. One typed
// wrapper per argument type; they only forward their arguments.

static inline CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value) {
  return curl_easy_setopt(handle, option, value);
}
static inline CURLcode ccurl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
  return curl_easy_setopt(handle, option, value);
}
static inline CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value) {
  return curl_easy_setopt(handle, option, value);
}
static inline CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
  return curl_easy_setopt(handle, option, value);
}
static inline CURLcode ccurl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
  return curl_easy_setopt(handle, option, value);
}
static inline CURLcode ccurl_setopt_write_function(CURL *handle, CURLoption option,
                                                   curl_write_callback value) {
  return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
  return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode ccurl_getinfo_string(CURL *handle, CURLINFO info, char **value) {
  return curl_easy_getinfo(handle, info, value);
}
static inline CURLcode ccurl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
  return curl_easy_getinfo(handle, info, value);
}

// curl_multi_setopt is variadic too.
static inline CURLMcode ccurl_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
  return curl_multi_setopt(multi, option, value);
}

// The share interface: one connection cache, DNS cache and TLS session cache for every
// transfer of a fetcher. curl_share_setopt is variadic too.
static inline CURLSHcode ccurl_share_setopt_long(CURLSH *share, CURLSHoption option, long value) {
  return curl_share_setopt(share, option, value);
}
static inline CURLSHcode ccurl_share_setopt_pointer(CURLSH *share, CURLSHoption option,
                                                    void *value) {
  return curl_share_setopt(share, option, value);
}
static inline CURLSHcode ccurl_share_setopt_lock_function(CURLSH *share, CURLSHoption option,
                                                          curl_lock_function value) {
  return curl_share_setopt(share, option, value);
}
static inline CURLSHcode ccurl_share_setopt_unlock_function(CURLSH *share, CURLSHoption option,
                                                            curl_unlock_function value) {
  return curl_share_setopt(share, option, value);
}

#endif
