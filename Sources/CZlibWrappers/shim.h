// zlib for Swift: inflateInit2 is a macro (it passes the library's version and the stream's
// size), which Swift cannot call; these wrappers only forward. (Writing uses libdeflate.)
#include <zlib.h>

static inline int czlib_inflate_init_gzip(z_stream *stream) {
  return inflateInit2(stream, 15 + 16);
}

static inline int czlib_inflate_init(z_stream *stream, int window_bits) {
  return inflateInit2(stream, window_bits);
}
