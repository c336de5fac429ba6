#include "CContentCodings.h"

#include <CLazyLoading.h>
#include <stdlib.h>
#include <string.h>

// The functions used, as libbrotlidec's <brotli/decode.h> and libzstd's <zstd.h> declare them
// (stable ABIs: brotli 1.0, zstd 1.4's streaming API).
typedef struct BrotliDecoderStateStruct BrotliDecoderState;
BrotliDecoderState *BrotliDecoderCreateInstance(
    void *(*alloc)(void *, size_t), void (*release)(void *, void *), void *opaque);
void BrotliDecoderDestroyInstance(BrotliDecoderState *state);
// BrotliDecoderResult: 0 error, 1 success, 2 needs more input, 3 needs more output.
int BrotliDecoderDecompressStream(
    BrotliDecoderState *state, size_t *available_in, const uint8_t **next_in,
    size_t *available_out, uint8_t **next_out, size_t *total_out);

typedef struct ZSTD_DCtx_s ZSTD_DCtx;
typedef struct ZSTD_inBuffer_s {
  const void *src;
  size_t size;
  size_t pos;
} ZSTD_inBuffer;
typedef struct ZSTD_outBuffer_s {
  void *dst;
  size_t size;
  size_t pos;
} ZSTD_outBuffer;
ZSTD_DCtx *ZSTD_createDCtx(void);
size_t ZSTD_freeDCtx(ZSTD_DCtx *context);
size_t ZSTD_decompressStream(ZSTD_DCtx *context, ZSTD_outBuffer *output, ZSTD_inBuffer *input);
unsigned ZSTD_isError(size_t code);

#if defined(__APPLE__)
static clazy_library brotli = {"libbrotlidec.1.dylib", NULL};
static clazy_library zstd = {"libzstd.1.dylib", NULL};
#else
static clazy_library brotli = {"libbrotlidec.so.1", NULL};
static clazy_library zstd = {"libzstd.so.1", NULL};
#endif

/// A growing output buffer: `grow` doubles it (from 64 KiB), never past `limit` + 1 bytes, so
/// that output passing the limit is seen without holding more.
typedef struct {
  uint8_t *bytes;
  size_t size;
  size_t capacity;
  size_t limit;
} growing;

static int grow(growing *buffer) {
  if (buffer->capacity > buffer->limit) return 0;
  size_t wanted = buffer->capacity == 0 ? 65536 : buffer->capacity * 2;
  if (wanted > buffer->limit + 1) wanted = buffer->limit + 1;
  uint8_t *bytes = realloc(buffer->bytes, wanted);
  if (bytes == NULL) return 0;
  buffer->bytes = bytes;
  buffer->capacity = wanted;
  return 1;
}

static ccodings_result finish(
    growing *buffer, ccodings_result result, uint8_t **output, size_t *output_size) {
  if (result == ccodings_decoded && buffer->size > buffer->limit) result = ccodings_too_large;
  if (result != ccodings_decoded) {
    free(buffer->bytes);
    *output = NULL;
    *output_size = 0;
    return result;
  }
  *output = buffer->bytes != NULL ? buffer->bytes : malloc(1);
  *output_size = buffer->size;
  return *output == NULL ? ccodings_too_large : result;
}

ccodings_result ccodings_brotli(
    const uint8_t *input, size_t input_size, size_t limit, uint8_t **output,
    size_t *output_size) {
  __typeof__(&BrotliDecoderCreateInstance) create =
      CLAZY_FUNCTION(&brotli, 1, BrotliDecoderCreateInstance);
  __typeof__(&BrotliDecoderDecompressStream) decompress =
      CLAZY_FUNCTION(&brotli, 1, BrotliDecoderDecompressStream);
  __typeof__(&BrotliDecoderDestroyInstance) destroy =
      CLAZY_FUNCTION(&brotli, 1, BrotliDecoderDestroyInstance);
  if (create == NULL || decompress == NULL || destroy == NULL) return ccodings_missing;
  BrotliDecoderState *state = create(NULL, NULL, NULL);
  if (state == NULL) return ccodings_missing;
  growing buffer = {NULL, 0, 0, limit};
  ccodings_result result = ccodings_damaged;
  size_t available_in = input_size;
  const uint8_t *next_in = input;
  for (;;) {
    if (buffer.size == buffer.capacity && !grow(&buffer)) {
      result = ccodings_too_large;
      break;
    }
    size_t available_out = buffer.capacity - buffer.size;
    uint8_t *next_out = buffer.bytes + buffer.size;
    int code = decompress(state, &available_in, &next_in, &available_out, &next_out, NULL);
    buffer.size = buffer.capacity - available_out;
    if (code == 1) {
      // Bytes after the stream's end are damage, as trailing bytes after a gzip member are.
      result = available_in == 0 ? ccodings_decoded : ccodings_damaged;
      break;
    }
    if (code != 3) break;  // an error, or the input ended inside the stream
  }
  destroy(state);
  return finish(&buffer, result, output, output_size);
}

ccodings_result ccodings_zstd(
    const uint8_t *input, size_t input_size, size_t limit, uint8_t **output,
    size_t *output_size) {
  __typeof__(&ZSTD_createDCtx) create = CLAZY_FUNCTION(&zstd, 1, ZSTD_createDCtx);
  __typeof__(&ZSTD_decompressStream) decompress =
      CLAZY_FUNCTION(&zstd, 1, ZSTD_decompressStream);
  __typeof__(&ZSTD_freeDCtx) destroy = CLAZY_FUNCTION(&zstd, 1, ZSTD_freeDCtx);
  __typeof__(&ZSTD_isError) is_error = CLAZY_FUNCTION(&zstd, 1, ZSTD_isError);
  if (create == NULL || decompress == NULL || destroy == NULL || is_error == NULL) {
    return ccodings_missing;
  }
  ZSTD_DCtx *context = create();
  if (context == NULL) return ccodings_missing;
  growing buffer = {NULL, 0, 0, limit};
  ccodings_result result = ccodings_damaged;
  ZSTD_inBuffer in = {input, input_size, 0};
  size_t left = 1;  // what the last call said: 0 when a frame has just ended
  for (;;) {
    if (in.pos == in.size && left == 0) {
      result = input_size > 0 ? ccodings_decoded : ccodings_damaged;
      break;
    }
    if (buffer.size == buffer.capacity && !grow(&buffer)) {
      result = ccodings_too_large;
      break;
    }
    ZSTD_outBuffer out = {buffer.bytes, buffer.capacity, buffer.size};
    size_t before = in.pos;
    left = decompress(context, &out, &in);
    buffer.size = out.pos;
    if (is_error(left)) break;
    // No input taken and room left for output: the input ended inside a frame.
    if (in.pos == before && out.pos < out.size && left != 0) break;
  }
  destroy(context);
  return finish(&buffer, result, output, output_size);
}

void ccodings_free(uint8_t *output) { free(output); }
