#ifndef REDLINE_CLAZYLOADING_H
#define REDLINE_CLAZYLOADING_H

// One loader for the C libraries Redline opens on first use instead of linking (libcurl,
// libxml2): linked, they and the libraries behind them cost every run start-up time, commands
// that never use them included (DEVELOPERS.md, "Three traps"). A wrapper module (CCurl,
// CLibXML2) describes its library with a `clazy_library` and calls its functions through
// CLAZY_FUNCTION, which looks each one up once.

/// A library opened on first use. Define one per library, with static storage:
/// `static clazy_library curl = {"libcurl.so.4"};`
typedef struct clazy_library {
  /// The file name given to dlopen.
  const char *file;
  /// The dlopen handle once the library is open; NULL before. Written once.
  void *handle;
} clazy_library;

/// Opens `library` if it is not open yet, and runs `initialize` (looked up by name in the
/// library; NULL for none) once, before any other thread sees the library as open. Returns 1
/// when the library is open, 0 when it cannot be loaded or lacks `initialize`. Safe to call
/// from several threads and more than once.
int clazy_open(clazy_library *library, const char *initialize);

/// The library's symbol `name`, opening the library first when `open` is 1; NULL when the
/// library is not open (or cannot be opened) or lacks the symbol.
void *clazy_symbol(clazy_library *library, const char *name, int open);

/// A pointer to `function` in `library`, looked up once per use of this macro (each wrapper
/// caches its own); NULL when the library or the function is missing. `open` as in
/// `clazy_symbol`.
#define CLAZY_FUNCTION(library, open, function)                                     \
  __extension__({                                                                   \
    static __typeof__(&function) cached;                                            \
    __typeof__(&function) found = __atomic_load_n(&cached, __ATOMIC_ACQUIRE);       \
    if (found == NULL) {                                                            \
      found = (__typeof__(&function))clazy_symbol((library), #function, (open));    \
      __atomic_store_n(&cached, found, __ATOMIC_RELEASE);                           \
    }                                                                               \
    found;                                                                          \
  })

#endif
