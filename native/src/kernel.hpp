// kernel.hpp - a loaded kernel shared object, callable with numpy arrays.
//
// Why a class in C++ rather than ctypes: the per-call work (checking each array against the
// signature, filling the irtk_memref table, wrapping the results) runs on every call of a compiled
// function, and doing it here costs about a microsecond instead of tens.
#pragma once

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <string>
#include <vector>

#include "irtk_abi.h"
#include "signature.hpp"

namespace irtk {

namespace py = pybind11;

class Kernel {
 public:
  // dlopens `path` and reads its signature; `arg_names` (None or one str per argument) only
  // changes how errors refer to arguments. Throws OSError when the object cannot be loaded or
  // lacks a symbol, ValueError when its signature is malformed, TypeError/ValueError for bad
  // arg_names.
  Kernel(const py::object& path, const py::object& arg_names);
  // Wraps a kernel compiled into the calling module (an `irtk.export` extension links its kernel in): the same
  // checks, call and results as a loaded one, with no dlopen. `name` stands where a path would in messages.
  // Throws ValueError when the signature is malformed, TypeError/ValueError for bad arg_names.
  Kernel(irtk_signature_fn signature, irtk_entry_fn entry, const std::string& name, const py::object& arg_names);
  ~Kernel();
  Kernel(const Kernel&) = delete;
  Kernel& operator=(const Kernel&) = delete;

  // Checks `args` against the signature (a float64 scalar argument may also be a Python float), runs the kernel without the GIL and returns a tuple of
  // arrays that own the kernel-allocated results. ValueError carries the kernel's message when
  // it fails.
  py::tuple call(const py::args& args) const;
  // `call` with `donated`, arrays the caller gives up (a shared variable's previous value that nothing else
  // holds): the kernel may write a result into one whose bytes match instead of allocating, and that result
  // then shares the donated array's buffer. Only whole kernel results nothing but the array holds are offered
  // (`donatable`); the others are ignored. The caller must drop every donated array after a successful call.
  py::tuple call_donating(const py::object& args, const py::object& donated) const;

  const std::string& path() const { return path_; }
  const std::string& signature() const { return signature_text_; }
  py::object arg_names() const { return arg_names_; }
  py::list arg_dtypes() const { return dtype_list(arg_dtypes_); }
  py::list result_dtypes() const { return dtype_list(result_dtypes_); }
  py::list arg_shapes() const { return shape_list(sig_.args); }
  py::list result_shapes() const { return shape_list(sig_.results); }
  size_t num_args() const { return sig_.args.size(); }
  size_t num_results() const { return sig_.results.size(); }
  std::string repr() const;

 private:
  // Reads the signature `sig_fn` returns and prepares the per-argument checks: what both constructors share.
  void init(irtk_signature_fn sig_fn, const py::object& arg_names);
  void set_arg_names(const py::object& arg_names);
  void check_arg(size_t i, PyObject* obj, irtk_memref& out) const;
  static PyObject* donatable(PyObject* obj);
  py::tuple run(PyObject* const* items, size_t n, irtk_buffer* donated, size_t donated_count,
                PyObject* const* capsules) const;
  py::tuple wrap_results(irtk_memref* results, const std::vector<void*>& offered, PyObject* const* capsules) const;

  static py::list dtype_list(const std::vector<py::dtype>& dtypes);
  static py::list shape_list(const std::vector<TensorType>& types);

  std::string path_;
  void* handle_ = nullptr;  // null for a kernel compiled into the calling module
  irtk_entry_fn entry_ = nullptr;
  std::string signature_text_;
  Signature sig_;
  py::object arg_names_;                 // a tuple of str, or None
  std::vector<std::string> arg_labels_;  // "argument 'x'" or "argument 0", precomputed
  std::vector<py::ssize_t> arg_itemsizes_;
  std::vector<bool> arg_is_f64_scalar_;  // a Python float may be passed as it is
  std::vector<py::dtype> arg_dtypes_;
  std::vector<py::dtype> result_dtypes_;
};

// The most threads each kernel call may use (irtk_context.threads); ValueError below 1.
void set_call_threads(int64_t threads);
int64_t call_threads();

// The most bytes of freed temporaries all kernels together keep for their next calls (ValueError if negative),
// and how many they keep now.
void set_keep_limit(int64_t bytes);
int64_t kept_bytes();

// The numpy dtype for an irtk dtype code ("f64" -> float64, "i1" -> bool).
py::dtype numpy_dtype(const std::string& code);

// A shape as Python sees it: an int per static dimension, None per dynamic one.
py::tuple shape_tuple(const TensorType& type);

}  // namespace irtk
