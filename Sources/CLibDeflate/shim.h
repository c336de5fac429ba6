// libdeflate for Swift: whole-buffer DEFLATE and gzip, about twice as fast as zlib at the same
// level. WARC records are compressed whole (one gzip member per record), which is its case.
#include <libdeflate.h>
