// libm.cpp - see libm.hpp. Compiled with the floating-point flags of kernels (CMakeLists.txt:
// -ffp-contract=off, no fast-math), so irtk_math.h computes the bits here that it computes in a kernel.
#include "libm.hpp"

#include "irtk_math.h"

#include <cmath>
#include <complex>
#include <cstddef>
#include <map>
#include <stdexcept>
#include <type_traits>

namespace py = pybind11;

namespace irtk {
namespace {

template <class T>
struct Table {
  using Unary = T (*)(T);
  using Binary = T (*)(T, T);
  std::map<std::string, Unary> unary;
  std::map<std::string, Binary> binary;
};

#define IRTK_UNARY(name) {#name, [](T x) -> T { return std::name(x); }}
#define IRTK_BINARY(name) {#name, [](T x, T y) -> T { return std::name(x, y); }}

template <class T>
const Table<T>& table() {
  static const Table<T> t{
      {IRTK_UNARY(exp), IRTK_UNARY(exp2), IRTK_UNARY(expm1), IRTK_UNARY(log), IRTK_UNARY(log2),
       IRTK_UNARY(log10), IRTK_UNARY(log1p), IRTK_UNARY(sin), IRTK_UNARY(cos), IRTK_UNARY(tan),
       IRTK_UNARY(asin), IRTK_UNARY(acos), IRTK_UNARY(atan), IRTK_UNARY(sinh), IRTK_UNARY(cosh),
       IRTK_UNARY(tanh), IRTK_UNARY(asinh), IRTK_UNARY(acosh), IRTK_UNARY(atanh), IRTK_UNARY(erf),
       IRTK_UNARY(erfc), IRTK_UNARY(cbrt), IRTK_UNARY(round), IRTK_UNARY(tgamma), IRTK_UNARY(lgamma)},
      {IRTK_BINARY(atan2), IRTK_BINARY(pow), IRTK_BINARY(fmod), IRTK_BINARY(hypot)}};
  return t;
}

// The complex functions, by their real names: std::exp(std::complex<double>) is the C library's cexp, as in
// compiled kernels.
template <class T>
const Table<T>& complex_table() {
  static const Table<T> t{
      {IRTK_UNARY(exp), IRTK_UNARY(log), IRTK_UNARY(sqrt), IRTK_UNARY(sin), IRTK_UNARY(cos), IRTK_UNARY(tan),
       IRTK_UNARY(tanh)},
      {IRTK_BINARY(pow)}};
  return t;
}

// irtk_math.h's functions, one vectorized loop each (compiled for AVX2 and AVX-512 as well where the compiler
// can pick the variant at load time; every variant gives the same bits).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && defined(__linux__)
#define IRTK_VECTOR_CLONES __attribute__((target_clones("default", "arch=x86-64-v3", "arch=x86-64-v4")))
#else
#define IRTK_VECTOR_CLONES
#endif

template <class T>
using Loop = void (*)(const T*, T*, std::size_t);

#define IRTK_VECTOR_LOOP(name, T)                                                           \
  IRTK_VECTOR_CLONES void name##_##T##_loop(const T* __restrict a, T* __restrict o, std::size_t n) { \
    for (std::size_t i = 0; i < n; ++i) o[i] = irtk_##name(a[i]);                            \
  }
#define IRTK_VECTOR_LOOPS(name) IRTK_VECTOR_LOOP(name, float) IRTK_VECTOR_LOOP(name, double)
IRTK_VECTOR_LOOPS(exp)
IRTK_VECTOR_LOOPS(expm1)
IRTK_VECTOR_LOOPS(log)
IRTK_VECTOR_LOOPS(log1p)
IRTK_VECTOR_LOOPS(tanh)

#define IRTK_VECTOR_ENTRY(name, T) {#name, &name##_##T##_loop}

template <class T>
const std::map<std::string, Loop<T>>& vector_loops();

template <>
const std::map<std::string, Loop<float>>& vector_loops<float>() {
  static const std::map<std::string, Loop<float>> t{
      IRTK_VECTOR_ENTRY(exp, float), IRTK_VECTOR_ENTRY(expm1, float), IRTK_VECTOR_ENTRY(log, float),
      IRTK_VECTOR_ENTRY(log1p, float), IRTK_VECTOR_ENTRY(tanh, float)};
  return t;
}

template <>
const std::map<std::string, Loop<double>>& vector_loops<double>() {
  static const std::map<std::string, Loop<double>> t{
      IRTK_VECTOR_ENTRY(exp, double), IRTK_VECTOR_ENTRY(expm1, double), IRTK_VECTOR_ENTRY(log, double),
      IRTK_VECTOR_ENTRY(log1p, double), IRTK_VECTOR_ENTRY(tanh, double)};
  return t;
}

template <class T>
py::array run(const Table<T>& t, const std::string& name, const py::array& x, const py::object& y) {
  py::array_t<T, py::array::c_style> xs(x);
  py::array_t<T> out(std::vector<py::ssize_t>(x.shape(), x.shape() + x.ndim()));
  const T* a = xs.data();
  T* o = out.mutable_data();
  const auto n = static_cast<std::size_t>(xs.size());
  if constexpr (std::is_floating_point<T>::value) {
    auto loop = vector_loops<T>().find(name);
    if (y.is_none() && loop != vector_loops<T>().end()) {
      const auto f = loop->second;
      py::gil_scoped_release release;
      f(a, o, n);
      return out;
    }
  }
  if (y.is_none()) {
    auto it = t.unary.find(name);
    if (it == t.unary.end()) throw py::value_error("libm: no one-argument function " + name);
    const auto f = it->second;
    py::gil_scoped_release release;
    for (std::size_t i = 0; i < n; ++i) o[i] = f(a[i]);
  } else {
    auto it = t.binary.find(name);
    if (it == t.binary.end()) throw py::value_error("libm: no two-argument function " + name);
    py::array_t<T, py::array::c_style> ys(y);
    if (static_cast<std::size_t>(ys.size()) != n) throw py::value_error("libm: operands differ in size");
    const T* b = ys.data();
    const auto f = it->second;
    py::gil_scoped_release release;
    for (std::size_t i = 0; i < n; ++i) o[i] = f(a[i], b[i]);
  }
  return out;
}

}  // namespace

py::array apply_libm(const std::string& name, const py::array& x, const py::object& y) {
  if (x.dtype().is(py::dtype::of<float>())) return run(table<float>(), name, x, y);
  if (x.dtype().is(py::dtype::of<double>())) return run(table<double>(), name, x, y);
  if (x.dtype().is(py::dtype::of<std::complex<float>>())) return run(complex_table<std::complex<float>>(), name, x, y);
  if (x.dtype().is(py::dtype::of<std::complex<double>>())) return run(complex_table<std::complex<double>>(), name, x, y);
  throw py::value_error("libm: float32, float64, complex64 or complex128 arrays only");
}

}  // namespace irtk
