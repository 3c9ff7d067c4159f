// libm.hpp - the math functions compiled kernels call, over whole numpy arrays, for the FAST_COMPILE evaluator.
//
// Compiled kernels call irtk_math.h for exp, expm1, log, log1p and tanh of float and double, and <cmath>
// (glibc) for the rest; numpy's own SIMD math differs from both in the last bit for some inputs. The
// evaluator calls these loops instead, so both modes give the same bits.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <string>

namespace irtk {

// `name` applied to each element of `x` (and `y`, for two-argument functions); float32, float64, complex64 or
// complex128 (the complex functions: exp, log, sqrt, sin, cos, tan, tanh, pow), C-contiguous, same shape and
// dtype. exp, expm1, log, log1p and tanh of float32 and float64 are irtk_math.h's, the rest the C library's.
// Raises ValueError for an unknown name or a mismatch.
pybind11::array apply_libm(const std::string& name, const pybind11::array& x, const pybind11::object& y);

}  // namespace irtk
