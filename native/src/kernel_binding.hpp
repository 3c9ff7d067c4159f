// kernel_binding.hpp - the Python face of the Kernel class and of the call settings (threads, kept temporaries).
//
// Why a header of its own: two extension modules bind them. irtk._native (module.cpp) adds the constructor that
// loads a kernel .so; a module written by `irtk.export` (irtk/exporting) compiles its kernel in, makes the one
// Kernel itself, and binds the rest with these same functions, so both run exactly the same call path.
#pragma once

#include <pybind11/pybind11.h>

#include "kernel.hpp"

namespace irtk {

inline constexpr const char* kKernelDoc = R"doc(
A kernel that obeys irtk_abi.h: a shared object loaded with dlopen and kept loaded for the lifetime of this
object, or a kernel compiled into an exported module.

Kernel(path, arg_names=None)
    path: the .so file. arg_names: None or one name per argument, used in error messages.
    Raises OSError when the file cannot be loaded or lacks irtk_signature/irtk_entry, and
    ValueError when its signature is malformed.

kernel(*arrays) -> tuple[numpy.ndarray, ...]
    Checks each array against the signature (TypeError: not an ndarray, wrong dtype;
    ValueError: wrong rank, wrong static size, not C-contiguous, misaligned), runs the kernel
    with the GIL released and returns the results. Each result owns the buffer the kernel
    allocated and frees it when the array dies, so results outlive the Kernel. A failing kernel
    raises ValueError with its message.
)doc";

// The Kernel class without a constructor (callers add the ones they offer). Local to the module: irtk._native and
// every exported module each compile their own Kernel, and pybind11 would refuse a second global registration of
// the same C++ type in one process.
inline pybind11::class_<Kernel> bind_kernel_class(pybind11::module_& m) {
  namespace py = pybind11;
  py::class_<Kernel> cls(m, "Kernel", py::module_local(), kKernelDoc);
  cls.def("__call__", &Kernel::call)
      .def("call_donating", &Kernel::call_donating, py::arg("args"), py::arg("donated"),
           "kernel(*args), where the kernel may write results into the buffers of `donated`, arrays the caller "
           "gives up (whole kernel results that nothing else holds; others are ignored). Drop them all after a "
           "successful call: a result may now share one's buffer.")
      .def("__repr__", &Kernel::repr)
      .def_property_readonly("path", &Kernel::path, "The loaded .so file (or the exported module's name).")
      .def_property_readonly("signature", &Kernel::signature,
                             "The kernel's signature string, e.g. 'f64[?],f64[?]->f64[?]'.")
      .def_property_readonly("arg_names", &Kernel::arg_names,
                             "The argument names given at construction (a tuple), or None.")
      .def_property_readonly("arg_dtypes", &Kernel::arg_dtypes, "numpy dtype per argument.")
      .def_property_readonly("result_dtypes", &Kernel::result_dtypes, "numpy dtype per result.")
      .def_property_readonly("arg_shapes", &Kernel::arg_shapes,
                             "Shape per argument: a tuple with an int per static and None per dynamic dimension.")
      .def_property_readonly("result_shapes", &Kernel::result_shapes,
                             "Shape per result, spelled like arg_shapes.")
      .def_property_readonly("num_args", &Kernel::num_args)
      .def_property_readonly("num_results", &Kernel::num_results);
  return cls;
}

// set_threads/threads and set_temporaries_limit/kept_temporaries: how every kernel call of the module runs.
inline void bind_call_settings(pybind11::module_& m) {
  namespace py = pybind11;
  m.def("set_threads", &set_call_threads, py::arg("threads"),
        "Sets the most threads each kernel call may use from now on (irtk's `threads` flag, resolved); "
        "results do not depend on it.");
  m.def("threads", &call_threads, "The most threads each kernel call may use.");
  m.def("set_temporaries_limit", &set_keep_limit, py::arg("bytes"),
        "Sets the most bytes of freed temporaries all loaded kernels together keep for their next calls "
        "(irtk's `temporaries_limit` flag); 0 keeps none.");
  m.def("kept_temporaries", &kept_bytes,
        "The bytes of freed temporaries all loaded kernels keep now for their next calls.");
}

}  // namespace irtk
