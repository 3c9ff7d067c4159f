"""`irtk_blas.gemm` in C++: a call of numpy's OpenBLAS (`irtk/runtime/blas_library.py`), for the C++ printer.

What a module that computes a gemm carries (`blas_support`, printed after the runtime, only then):
- the `extern "C"` prototypes of the CBLAS routines it calls, under the library's names
  (`scipy_cblas_dgemm64_`), ILP64: every integer argument is an `int64_t`;
- `irtk_gemm_<t>` / `irtk_gemv_<t>` / `irtk_gemm_batched_<t>` for each element type it uses. They take each
  operand as a pointer and two strides in elements, already arranged as the logical operand (op(A) is m x k
  whatever its storage), so a transposition is a swap of strides and the printer needs no case per layout.

The helpers choose how BLAS reads an operand (`irtk_blas_matrix`): a row-major layout with unit column stride is
passed as it is with its leading dimension (views, `x[:, 2:5]`, included); a column-major one (a transposed view)
as the transposed storage; anything else (a step in the inner dimension, a negative stride) is first copied
into a contiguous buffer. An output that is neither is computed transposed (C^T = B^T A^T) or into a copy.

Products of fewer than MIN_WORK multiply-adds run as the sequential loop of the contraction's structured form,
`acc = acc + a * b` from 0 in index order, in the accumulator's type (float64 for float32, `accumulation.py`) and
rounded once: the same bits as FAST_COMPILE. Zero sizes take that path too,
so BLAS never sees an empty dimension (for which it would report an illegal leading dimension).
The output's initial values are never read (beta = 0; gemv's output is zeroed first, since some OpenBLAS versions
scale it by beta, and 0 * NaN is NaN).
"""

from __future__ import annotations

from xdsl.dialects.builtin import ModuleOp
from xdsl.ir import SSAValue

from irtk.dialects.blas import MIN_WORK, GemmOp
from irtk.dialects.irtk.accumulation import accumulator_dtype
from irtk.runtime.blas_library import symbol

_COMMON = r"""
/* BLAS (numpy's OpenBLAS, ILP64) for irtk_blas.gemm: see irtk/codegen/blas_calls.py. */
constexpr int IRTK_CBLAS_ROW_MAJOR = 101, IRTK_CBLAS_NO_TRANS = 111, IRTK_CBLAS_TRANS = 112;
constexpr int64_t IRTK_BLAS_MIN_WORK = @MIN_WORK@;

/* Fewer multiply-adds than a call is worth (or none): the sequential loop runs instead. */
inline bool irtk_blas_small(int64_t m, int64_t n, int64_t k) {
  if (m <= 0 || n <= 0 || k <= 0) return true;
  return m < IRTK_BLAS_MIN_WORK && n < IRTK_BLAS_MIN_WORK && k < IRTK_BLAS_MIN_WORK && m * n * k < IRTK_BLAS_MIN_WORK;
}

/* Whether a rows x cols matrix with these strides is row-major with unit column stride (BLAS can read it). */
inline bool irtk_blas_row_major(int64_t rows, int64_t cols, int64_t row_stride, int64_t col_stride) {
  return (col_stride == 1 || cols <= 1) && (row_stride >= (cols > 1 ? cols : 1) || rows <= 1);
}

/* A logical rows x cols operand as BLAS reads it: its storage, leading dimension and whether that storage is the
   transpose; a layout BLAS cannot read is copied into a contiguous buffer, freed with this object. */
template <class T> struct irtk_blas_matrix {
  const T* data;
  int64_t ld;
  bool transposed = false;
  T* copy = nullptr;

  irtk_blas_matrix(const T* p, int64_t rows, int64_t cols, int64_t row_stride, int64_t col_stride) : data(p) {
    if (irtk_blas_row_major(rows, cols, row_stride, col_stride)) {
      ld = rows <= 1 ? (cols > 1 ? cols : 1) : row_stride;
    } else if (irtk_blas_row_major(cols, rows, col_stride, row_stride)) {
      transposed = true;
      ld = cols <= 1 ? (rows > 1 ? rows : 1) : col_stride;
    } else {
      copy = static_cast<T*>(irtk_aligned_alloc(rows * cols, sizeof(T), IRTK_ALIGNMENT));
      for (int64_t i = 0; i < rows; ++i)
        for (int64_t j = 0; j < cols; ++j) copy[i * cols + j] = p[i * row_stride + j * col_stride];
      data = copy;
      ld = cols > 1 ? cols : 1;
    }
  }
  ~irtk_blas_matrix() { std::free(copy); }
  irtk_blas_matrix(const irtk_blas_matrix&) = delete;
  irtk_blas_matrix& operator=(const irtk_blas_matrix&) = delete;
  int trans() const { return transposed ? IRTK_CBLAS_TRANS : IRTK_CBLAS_NO_TRANS; }
};

/* The structured form's loop: each sum from 0 in the accumulator's type Acc, in index order, rounded once. */
template <class Acc, class T> inline void irtk_gemm_loops(int64_t m, int64_t n, int64_t k, const T* a, int64_t a_sm, int64_t a_sk,
                                               const T* b, int64_t b_sk, int64_t b_sn, T* c, int64_t c_sm, int64_t c_sn) {
  for (int64_t i = 0; i < m; ++i) {
    for (int64_t j = 0; j < n; ++j) {
      Acc acc = Acc(0);
      for (int64_t l = 0; l < k; ++l) acc = acc + Acc(a[i * a_sm + l * a_sk]) * Acc(b[l * b_sk + j * b_sn]);
      c[i * c_sm + j * c_sn] = T(acc);
    }
  }
}
"""

_PROTOTYPES = {
    "gemm": 'extern "C" void @SYMBOL@(int order, int trans_a, int trans_b, int64_t m, int64_t n, int64_t k, @T@ alpha, '
    "const @T@* a, int64_t lda, const @T@* b, int64_t ldb, @T@ beta, @T@* c, int64_t ldc);",
    "gemv": 'extern "C" void @SYMBOL@(int order, int trans, int64_t m, int64_t n, @T@ alpha, const @T@* a, int64_t lda, '
    "const @T@* x, int64_t incx, @T@ beta, @T@* y, int64_t incy);",
}

_HELPERS = {
    "gemm": r"""
/* C (m x n) = A (m x k) B (k x n), each operand given by its logical strides. */
inline void irtk_gemm_@T@(int64_t m, int64_t n, int64_t k, const @T@* a, int64_t a_sm, int64_t a_sk,
                          const @T@* b, int64_t b_sk, int64_t b_sn, @T@* c, int64_t c_sm, int64_t c_sn) {
  if (irtk_blas_small(m, n, k)) return irtk_gemm_loops<@ACC@>(m, n, k, a, a_sm, a_sk, b, b_sk, b_sn, c, c_sm, c_sn);
  if (!irtk_blas_row_major(m, n, c_sm, c_sn)) {
    if (irtk_blas_row_major(n, m, c_sn, c_sm)) return irtk_gemm_@T@(n, m, k, b, b_sn, b_sk, a, a_sk, a_sm, c, c_sn, c_sm);
    irtk_scratch<@T@> out(m * n, IRTK_ALIGNMENT);
    irtk_gemm_@T@(m, n, k, a, a_sm, a_sk, b, b_sk, b_sn, out.data, n, 1);
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j) c[i * c_sm + j * c_sn] = out.data[i * n + j];
    return;
  }
  const irtk_blas_matrix<@T@> A(a, m, k, a_sm, a_sk), B(b, k, n, b_sk, b_sn);
  const int64_t ldc = m <= 1 ? n : c_sm;
  @SYMBOL@(IRTK_CBLAS_ROW_MAJOR, A.trans(), B.trans(), m, n, k, @T@(1), A.data, A.ld, B.data, B.ld, @T@(0), c, ldc);
}

/* One gemm per batch index, each operand moved by its batch stride. */
inline void irtk_gemm_batched_@T@(int64_t batch, int64_t m, int64_t n, int64_t k,
                                  const @T@* a, int64_t a_sb, int64_t a_sm, int64_t a_sk,
                                  const @T@* b, int64_t b_sb, int64_t b_sk, int64_t b_sn,
                                  @T@* c, int64_t c_sb, int64_t c_sm, int64_t c_sn) {
  for (int64_t i = 0; i < batch; ++i)
    irtk_gemm_@T@(m, n, k, a + i * a_sb, a_sm, a_sk, b + i * b_sb, b_sk, b_sn, c + i * c_sb, c_sm, c_sn);
}
""",
    "gemv": r"""
/* y (m) = A (m x k) x (k), A given by its logical strides. */
inline void irtk_gemv_@T@(int64_t m, int64_t k, const @T@* a, int64_t a_sm, int64_t a_sk,
                          const @T@* x, int64_t x_s, @T@* y, int64_t y_s) {
  if (irtk_blas_small(m, 1, k)) return irtk_gemm_loops<@ACC@>(m, 1, k, a, a_sm, a_sk, x, x_s, 0, y, y_s, 0);
  if (y_s < 1 && m > 1) {
    irtk_scratch<@T@> out(m, IRTK_ALIGNMENT);
    irtk_gemv_@T@(m, k, a, a_sm, a_sk, x, x_s, out.data, 1);
    for (int64_t i = 0; i < m; ++i) y[i * y_s] = out.data[i];
    return;
  }
  const irtk_blas_matrix<@T@> A(a, m, k, a_sm, a_sk), X(x, k, 1, x_s, 1);
  const int64_t incy = m <= 1 ? 1 : y_s;
  for (int64_t i = 0; i < m; ++i) y[i * incy] = @T@(0);
  if (A.transposed) {
    @SYMBOL@(IRTK_CBLAS_ROW_MAJOR, IRTK_CBLAS_TRANS, k, m, @T@(1), A.data, A.ld, X.data, X.ld, @T@(0), y, incy);
  } else {
    @SYMBOL@(IRTK_CBLAS_ROW_MAJOR, IRTK_CBLAS_NO_TRANS, m, k, @T@(1), A.data, A.ld, X.data, X.ld, @T@(0), y, incy);
  }
}
""",
}

#: The CBLAS routine prefix of each C element type.
_PREFIX = {"float": "s", "double": "d"}
#: The C type a contraction's sum accumulates in, for each element type (the structured form's rule).
_ACCUMULATOR = {ctype: {"float32": "float", "float64": "double"}[accumulator_dtype(dtype)] for ctype, dtype in (("float", "float32"), ("double", "float64"))}


def blas_routines(module: ModuleOp) -> list[tuple[str, str]]:
    """The (routine family, C element type) pairs `module`'s gemms need, in a fixed order."""
    from irtk.codegen.scalars import c_type

    used = set()
    for op in module.walk():
        if isinstance(op, GemmOp):
            used.add(("gemv" if op.kind == "matrix-vector" else "gemm", c_type(op.output.type.element_type)))
    return sorted(used)


def blas_support(module: ModuleOp) -> list[str]:
    """The lines a module that calls BLAS carries (see the module docstring); none for one that does not."""
    routines = blas_routines(module)
    if not routines:
        return []
    text = _COMMON.replace("@MIN_WORK@", str(MIN_WORK))
    for family, ctype in routines:
        name = symbol(f"cblas_{_PREFIX[ctype]}{family}")
        text += "\n" + _PROTOTYPES[family].replace("@SYMBOL@", name).replace("@T@", ctype) + "\n"
        text += _HELPERS[family].replace("@SYMBOL@", name).replace("@T@", ctype).replace("@ACC@", _ACCUMULATOR[ctype])
    return text.rstrip("\n").split("\n")


class BlasCalls:
    """Printer methods for `irtk_blas.gemm`, mixed into the C++ printer (`CppPrinter.STATEMENTS`)."""

    def _logical(self, value: SSAValue, transposed: bool, batched: bool) -> list[str]:
        """[pointer, rows, cols, row stride, col stride] of a matrix operand as op() sees it."""
        shape, strides = self.shape(value), self.strides_of(value)
        if batched:
            shape, strides = shape[1:], strides[1:]
        rows, cols = (shape[1], shape[0]) if transposed else (shape[0], shape[1])
        row_stride, col_stride = (strides[1], strides[0]) if transposed else (strides[0], strides[1])
        return [self.expr(value), rows, cols, row_stride, col_stride]

    def print_blas_gemm(self, op: GemmOp) -> None:
        ctype = self.c_type(op.output.type.element_type)
        if op.kind == "matrix-vector":
            a, m, k, a_sm, a_sk = self._logical(op.lhs, op.transposes_lhs, False)
            x_s, y_s = self.strides_of(op.rhs)[0], self.strides_of(op.output)[0]
            self.emit(f"irtk_gemv_{ctype}({m}, {k}, {a}, {a_sm}, {a_sk}, {self.expr(op.rhs)}, {x_s}, {self.expr(op.output)}, {y_s});")
            return
        batched = op.kind == "batched"
        a, m, k, a_sm, a_sk = self._logical(op.lhs, op.transposes_lhs, batched)
        b, _, n, b_sk, b_sn = self._logical(op.rhs, op.transposes_rhs, batched)
        c, _, _, c_sm, c_sn = self._logical(op.output, False, batched)
        operands = f"{m}, {n}, {k}, {a}, {a_sm}, {a_sk}, {b}, {b_sk}, {b_sn}, {c}, {c_sm}, {c_sn}"
        if not batched:
            self.emit(f"irtk_gemm_{ctype}({operands});")
            return
        batch = self.shape(op.output)[0]
        a_sb, b_sb, c_sb = (self.strides_of(v)[0] for v in (op.lhs, op.rhs, op.output))
        self.emit(
            f"irtk_gemm_batched_{ctype}({batch}, {m}, {n}, {k}, {a}, {a_sb}, {a_sm}, {a_sk}, "
            f"{b}, {b_sb}, {b_sk}, {b_sn}, {c}, {c_sb}, {c_sm}, {c_sn});"
        )
