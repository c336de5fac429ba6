#include "CLazyLoading.h"

#include <dlfcn.h>
#include <pthread.h>

// Serialises opening, so that a library's one-time setup (xmlInitParser) runs exactly once.
static pthread_mutex_t opening = PTHREAD_MUTEX_INITIALIZER;

int clazy_open(clazy_library *library, const char *initialize) {
  if (__atomic_load_n(&library->handle, __ATOMIC_ACQUIRE) != NULL) return 1;
  pthread_mutex_lock(&opening);
  int ready = __atomic_load_n(&library->handle, __ATOMIC_ACQUIRE) != NULL;
  if (!ready) {
    void *handle = dlopen(library->file, RTLD_NOW | RTLD_LOCAL);
    void (*setup)(void) = NULL;
    if (handle != NULL && initialize != NULL) {
      setup = (void (*)(void))dlsym(handle, initialize);
    }
    if (handle != NULL && (initialize == NULL || setup != NULL)) {
      if (setup != NULL) setup();
      __atomic_store_n(&library->handle, handle, __ATOMIC_RELEASE);
      ready = 1;
    }
  }
  pthread_mutex_unlock(&opening);
  return ready;
}

void *clazy_symbol(clazy_library *library, const char *name, int open) {
  if (open && !clazy_open(library, NULL)) return NULL;
  void *handle = __atomic_load_n(&library->handle, __ATOMIC_ACQUIRE);
  return handle == NULL ? NULL : dlsym(handle, name);
}
