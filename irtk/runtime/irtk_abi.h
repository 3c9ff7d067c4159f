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
 *   int irtk_entry(const irtk_memref* args, irtk_memref* results, irtk_error* error);
 *       Runs the function. args[i] describes argument i (data, rank, shape); the data are
 *       C-contiguous and at least element-aligned. The kernel fills results[j].data/rank/shape
 *       with buffers it allocated with malloc or aligned_alloc (the caller takes ownership and
 *       releases them with free()). Returns 0 on success; on failure it returns non-zero,
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

typedef struct irtk_error {
  char message[IRTK_ERROR_SIZE];
} irtk_error;

typedef const char* (*irtk_signature_fn)(void);
typedef int (*irtk_entry_fn)(const irtk_memref* args, irtk_memref* results, irtk_error* error);

#ifdef __cplusplus
}
#endif

#endif /* IRTK_ABI_H */
