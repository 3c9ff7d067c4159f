// module.cpp - the `irtk._native` extension module: the Kernel class and the ABI constants.
//
// Built once at install time (see CMakeLists.txt); compiled kernels themselves never link
// against Python or pybind11, they only export the plain C ABI of irtk_abi.h.
#include <pybind11/pybind11.h>

#include "irtk_abi.h"
#include "kernel.hpp"
#include "kernel_binding.hpp"
#include "libm.hpp"
#include "signature.hpp"

namespace py = pybind11;

namespace {

py::list types_to_python(const std::vector<irtk::TensorType>& types) {
  py::list out;
  for (const irtk::TensorType& t : types) {
    out.append(py::make_tuple(t.dtype, irtk::shape_tuple(t)));
  }
  return out;
}

}  // namespace

PYBIND11_MODULE(_native, m) {
  m.doc() = "irtk's native runtime: load a compiled kernel (.so) and call it with numpy arrays.";

  irtk::bind_kernel_class(m).def(py::init<const py::object&, const py::object&>(), py::arg("path"),
                                 py::arg("arg_names") = py::none());

  m.def(
      "parse_signature",
      [](const std::string& text) {
        try {
          irtk::Signature sig = irtk::parse_signature(text);
          return py::make_tuple(types_to_python(sig.args), types_to_python(sig.results));
        } catch (const std::invalid_argument& e) {
          throw py::value_error(e.what());
        }
      },
      py::arg("text"),
      "Parses a signature string into (args, results), each a list of (dtype_code, shape) with None "
      "for a dynamic dimension. Raises ValueError when malformed.");

  m.def("numpy_dtype", &irtk::numpy_dtype, py::arg("code"),
        "The numpy dtype for an irtk dtype code ('f64' -> float64, 'i1' -> bool, 'c128' -> complex128).");

  m.def("libm", &irtk::apply_libm, py::arg("name"), py::arg("x"), py::arg("y") = py::none(),
        "`name` (a <cmath> function: exp, tanh, atan2, ...) of each element of the C-contiguous float32 or "
        "float64 array x (and y, of the same shape and dtype, for two-argument functions), computed by the C "
        "library as compiled kernels compute it; of a complex64 or complex128 array, the complex function "
        "(exp, log, sqrt, sin, cos, tan, tanh, pow: the C library's cexp, ...).");

  irtk::bind_call_settings(m);

  m.attr("MAX_RANK") = IRTK_MAX_RANK;
  m.attr("ERROR_SIZE") = IRTK_ERROR_SIZE;
  m.attr("ALIGNMENT") = IRTK_ALIGNMENT;
}
