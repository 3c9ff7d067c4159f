/* irtk_abi.h - the calling convention between generated kernels and the native runtime.
 *
 * A compiled irtk function is a plain shared object (no Python, no pybind11) that exports
 * two C symbols:
 *
 *   const char* irtk_signature(void);
 *       The argument and result types, e.g. "f32[?],f64[]->f64[],f64[4]".
 *       Grammar: sig := list "->" list ; list := (type ("," type)*)? ;
 *                type := dtype "[" (dim ("x" dim)*)? "]" ; dim := "?" | integer ;
 *                dtype := "i1" | "i8" | "i16" | "i32" | "i64" | "ui8" | "ui16" | "ui32" | "ui64"
 *                       | "f32" | "f64" | "c64" | "c128".
 *       "f64[]" is a rank-0 array (a scalar); "f64[?x4]" a matrix with a dynamic first dimension.
 *       c64 and c128 are complex numbers of two f32 or two f64, real part first (numpy's complex64
 *       and complex128, C++'s std::complex<float> and std::complex<double>).
 *
 *   int irtk_entry(const irtk_context* context, const irtk_memref* args, irtk_memref* results,
 *                  irtk_error* error);
 *       Runs the function. `context` says how the call may run (NULL: the defaults, one thread).
 *       args[i] describes argument i (data, rank, shape); the data are
 *       C-contiguous and at least element-aligned. The kernel fills results[j].data/rank/shape
 *       with buffers it allocated with malloc or aligned_alloc (the caller takes ownership and
 *       releases them with free()), or with buffers the caller donated (irtk_context.donated). Returns 0 on success; on failure it returns non-zero,
 *       writes a NUL-terminated message into error->message, and leaves no result allocated.
 *
 * Why a plain C ABI: a per-function pybind11 extension costs seconds of C++ compile time,
 * a plain object with an extern "C" entry costs tens of milliseconds. The pybind11 module
 * (irtk._native) is built once at install time and calls these entries.
 */
#ifndef IRTK_ABI_H
#define IRTK_ABI_H

#include <stdint.h>

#define IRTK_MAX_RANK 16
#define IRTK_ERROR_SIZE 512
#define IRTK_ALIGNMENT 64

#ifdef __cplusplus
extern "C" {
#endif

typedef struct irtk_memref {
  void* data;
  int64_t rank;
  int64_t shape[IRTK_MAX_RANK];
} irtk_memref;

/* How one call may run: the caller's choices, passed with every call (not kept in the kernel), so that
 * calls from several threads with different settings do not race.
 *   threads      the most threads the kernel's parallel loops may use (1 or less: the calling thread only);
 *                results do not depend on it.
 *   kept_bytes   a counter shared by every kernel of the process (updated with atomic operations): the bytes
 *                of freed temporaries that kernels keep for their next call instead of freeing them.
 *                NULL: keep nothing.
 *   keep_limit   the most bytes all kernels together may keep (irtk's `temporaries_limit` flag).
 *   donated      `donated_count` buffers the caller no longer needs (NULL when there are none): a result of
 *                exactly `bytes` bytes may be written into one (if it is aligned enough) instead of a fresh
 *                buffer. A kernel sets an entry's `data` to NULL while it uses that buffer and back when it
 *                stops, so on return the NULL entries are the buffers that became results; such a result is
 *                still the caller's donated buffer (not to be freed on its own). Never the storage of an
 *                argument. Kernels compiled before these two fields read neither and always allocate. */
typedef struct irtk_buffer {
  void* data;
  int64_t bytes;
} irtk_buffer;

typedef struct irtk_context {
  int64_t threads;
  int64_t* kept_bytes;
  int64_t keep_limit;
  irtk_buffer* donated;
  int64_t donated_count;
} irtk_context;

typedef struct irtk_error {
  char message[IRTK_ERROR_SIZE];
} irtk_error;

typedef const char* (*irtk_signature_fn)(void);
typedef int (*irtk_entry_fn)(const irtk_context* context, const irtk_memref* args, irtk_memref* results,
                             irtk_error* error);

#ifdef __cplusplus
}
#endif

#endif /* IRTK_ABI_H */
