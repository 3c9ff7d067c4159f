// libm.hpp - the C library's math functions over whole numpy arrays, for the FAST_COMPILE evaluator.
//
// Compiled kernels call <cmath> (glibc); numpy's own SIMD math differs from it in the last bit for some
// inputs. The evaluator calls these loops instead, so both modes give the same bits.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <string>

namespace irtk {

// `name` applied to each element of `x` (and `y`, for two-argument functions); float32, float64, complex64 or
// complex128 (the complex functions: exp, log, sqrt, sin, cos, tan, tanh, pow), C-contiguous, same shape and
// dtype. Raises ValueError for an unknown name or a mismatch.
pybind11::array apply_libm(const std::string& name, const pybind11::array& x, const pybind11::object& y);

}  // namespace irtk
