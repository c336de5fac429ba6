#ifndef REDLINE_CCONTENTCODINGS_H
#define REDLINE_CCONTENTCODINGS_H

#include <stddef.h>
#include <stdint.h>

// Brotli (`Content-Encoding: br`) and Zstandard (`zstd`) decoding, for HTTP payloads that
// archiving tools keep as the server sent them (pywb's recorder and warcprox behind a browser,
// which asks for `gzip, deflate, br, zstd`). libbrotlidec and libzstd are loaded on first use
// through CLazyLoading, as libcurl is (DEVELOPERS.md, "Three traps"): libcurl needs both, so
// they are where Redline runs, and a run that decodes nothing never opens them. Their headers
// are not needed: the few functions used are declared in CContentCodings.c.

/// What a decoder returns.
typedef enum ccodings_result {
  /// Decoded: `*output` holds `*output_size` bytes, to be released with `ccodings_free`.
  ccodings_decoded = 0,
  /// The input is not a complete stream of the coding (damaged, cut, or trailing bytes).
  ccodings_damaged = 1,
  /// The library could not be loaded.
  ccodings_missing = 2,
  /// The decoded bytes would pass `limit`.
  ccodings_too_large = 3,
} ccodings_result;

/// Decodes a whole brotli stream, at most `limit` bytes out.
ccodings_result ccodings_brotli(
    const uint8_t *input, size_t input_size, size_t limit, uint8_t **output,
    size_t *output_size);

/// Decodes whole Zstandard frames (one or more, as `zstd -d` does), at most `limit` bytes out.
ccodings_result ccodings_zstd(
    const uint8_t *input, size_t input_size, size_t limit, uint8_t **output,
    size_t *output_size);

/// Releases what a decoder returned.
void ccodings_free(uint8_t *output);

#endif
