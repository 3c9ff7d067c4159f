// kernel.cpp - loading a kernel shared object and calling it with numpy arrays.
//
// The call path is the hot path of every compiled function, so it works on the raw numpy array
// structs (through pybind11's numpy proxies), keeps the memref table on the stack for up to
// kInlineArgs arguments, and precomputes every string an error message needs. Errors name the
// argument ("argument 'x'" or "argument 0") and say what was expected.
#include "kernel.hpp"

#include <dlfcn.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace irtk {
namespace {

constexpr size_t kInlineArgs = 8;

// `count` memref descriptors: on the stack for the usual few, on the heap past kInlineArgs. Each has room for
// one double, the storage of a Python float passed for a float64 scalar argument.
class MemrefArray {
 public:
  explicit MemrefArray(size_t count) {
    if (count > kInlineArgs) {
      heap_.resize(count);
      heap_scalars_.resize(count);
    }
    data_ = count > kInlineArgs ? heap_.data() : inline_;
    scalars_ = count > kInlineArgs ? heap_scalars_.data() : inline_scalars_;
  }
  irtk_memref* data() { return data_; }
  irtk_memref& operator[](size_t i) { return data_[i]; }
  double& scalar(size_t i) { return scalars_[i]; }

 private:
  irtk_memref inline_[kInlineArgs];
  double inline_scalars_[kInlineArgs];
  std::vector<irtk_memref> heap_;
  std::vector<double> heap_scalars_;
  irtk_memref* data_;
  double* scalars_;
};

[[noreturn]] void throw_os_error(const std::string& message) {
  PyErr_SetString(PyExc_OSError, message.c_str());
  throw py::error_already_set();
}

std::string last_dl_error() {
  const char* e = dlerror();
  return e ? std::string(e) : std::string("unknown error");
}

// Result buffers come from the kernel's malloc; whoever holds them last frees them. Each result array owns its
// buffer through a capsule of this name, which is how a buffer offered back for donation is known to be one.
constexpr const char* kResultCapsule = "irtk.kernel_result";
void free_result_capsule(PyObject* capsule) { std::free(PyCapsule_GetPointer(capsule, kResultCapsule)); }
struct FreeDeleter {
  void operator()(void* p) const { std::free(p); }
};
using Buffer = std::unique_ptr<void, FreeDeleter>;

// numpy's spelling of a shape: "()", "(5,)", "(2, 3)".
template <typename T>
std::string shape_str(const T* shape, int64_t rank) {
  std::string s = "(";
  for (int64_t d = 0; d < rank; ++d) {
    if (d) s += ", ";
    s += std::to_string(shape[d]);
  }
  return s + (rank == 1 ? ",)" : ")");
}

std::string type_name(PyObject* obj) { return Py_TYPE(obj)->tp_name; }

std::vector<py::dtype> dtypes_of(const std::vector<TensorType>& types) {
  std::vector<py::dtype> out;
  out.reserve(types.size());
  for (const TensorType& t : types) out.push_back(numpy_dtype(t.dtype));
  return out;
}

// A kernel's parallel loops run on the threads of an OpenMP runtime (libgomp, or LLVM's libomp) that the kernel
// loaded. Those threads stay parked inside the runtime after a call, so the runtime must never be unloaded with
// the kernel (a dlclose of the last kernel using it would pull the code from under them): it is marked
// RTLD_NODELETE the first time a kernel brings it in.
void pin_thread_runtime(void* kernel) {
  for (const char* symbol : {"GOMP_parallel", "__kmpc_fork_call"}) {
    void* function = dlsym(kernel, symbol);
    Dl_info info;
    if (function != nullptr && dladdr(function, &info) != 0 && info.dli_fname != nullptr) {
      dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
    }
  }
  dlerror();
}

// The `threads` of every call's irtk_context: process-wide, as irtk's `threads` flag is.
std::atomic<int64_t> g_call_threads{1};
// The bytes of freed temporaries all kernels keep for their next calls (kernels update it atomically through
// the context's pointer), and the most they may keep together (irtk's `temporaries_limit` flag).
int64_t g_kept_bytes = 0;
std::atomic<int64_t> g_keep_limit{int64_t{256} << 20};

}  // namespace

void set_call_threads(int64_t threads) {
  if (threads < 1) throw py::value_error("threads must be at least 1, got " + std::to_string(threads));
  g_call_threads.store(threads, std::memory_order_relaxed);
}

int64_t call_threads() { return g_call_threads.load(std::memory_order_relaxed); }

void set_keep_limit(int64_t bytes) {
  if (bytes < 0) throw py::value_error("the temporaries limit must not be negative, got " + std::to_string(bytes));
  g_keep_limit.store(bytes, std::memory_order_relaxed);
}

int64_t kept_bytes() { return __atomic_load_n(&g_kept_bytes, __ATOMIC_RELAXED); }

py::dtype numpy_dtype(const std::string& code) {
  static const std::pair<const char*, const char*> kTable[] = {
      {"i1", "bool"},     {"i8", "int8"},     {"i16", "int16"},   {"i32", "int32"},
      {"i64", "int64"},   {"ui8", "uint8"},   {"ui16", "uint16"}, {"ui32", "uint32"},
      {"ui64", "uint64"}, {"f32", "float32"}, {"f64", "float64"}, {"c64", "complex64"},
      {"c128", "complex128"},
  };
  for (const auto& [irtk_code, numpy_name] : kTable) {
    if (code == irtk_code) return py::dtype(numpy_name);
  }
  throw py::value_error("unknown irtk dtype code '" + code + "'");
}

Kernel::Kernel(const py::object& path, const py::object& arg_names) {
  if (!py::isinstance<py::str>(path) && !py::hasattr(path, "__fspath__")) {
    throw py::type_error("path must be a str or os.PathLike, got " + type_name(path.ptr()));
  }
  py::object fs_path = py::module_::import("os").attr("fspath")(path);
  if (!py::isinstance<py::str>(fs_path)) {
    throw py::type_error("path must name a file as str, got " + type_name(fs_path.ptr()));
  }
  path_ = fs_path.cast<std::string>();

  handle_ = dlopen(path_.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle_) throw_os_error("cannot load kernel '" + path_ + "': " + last_dl_error());
  // From here on a throw must not leak the handle: the destructor does not run for a
  // constructor that fails.
  try {
    pin_thread_runtime(handle_);
    dlerror();
    auto sig_fn = reinterpret_cast<irtk_signature_fn>(dlsym(handle_, "irtk_signature"));
    if (!sig_fn) {
      throw_os_error("kernel '" + path_ + "' does not export irtk_signature (not an irtk kernel?)");
    }
    entry_ = reinterpret_cast<irtk_entry_fn>(dlsym(handle_, "irtk_entry"));
    if (!entry_) {
      throw_os_error("kernel '" + path_ + "' does not export irtk_entry (not an irtk kernel?)");
    }
    init(sig_fn, arg_names);
  } catch (...) {
    dlclose(handle_);
    handle_ = nullptr;
    throw;
  }
}

Kernel::Kernel(irtk_signature_fn signature, irtk_entry_fn entry, const std::string& name,
               const py::object& arg_names)
    : path_(name), entry_(entry) {
  if (!signature || !entry) throw py::value_error("kernel '" + path_ + "': null irtk_signature or irtk_entry");
  init(signature, arg_names);
}

void Kernel::init(irtk_signature_fn sig_fn, const py::object& arg_names) {
  const char* text = sig_fn();
  if (!text) throw py::value_error("kernel '" + path_ + "' returned a null irtk_signature");
  signature_text_ = text;
  try {
    sig_ = parse_signature(signature_text_);
  } catch (const std::invalid_argument& e) {
    throw py::value_error("kernel '" + path_ + "': " + e.what());
  }
  arg_dtypes_ = dtypes_of(sig_.args);
  result_dtypes_ = dtypes_of(sig_.results);
  for (const py::dtype& dt : arg_dtypes_) arg_itemsizes_.push_back(dt.itemsize());
  for (const TensorType& t : sig_.args) arg_is_f64_scalar_.push_back(t.dtype == "f64" && t.dims.empty());
  set_arg_names(arg_names);
}

Kernel::~Kernel() {
  if (handle_) dlclose(handle_);
}

void Kernel::set_arg_names(const py::object& arg_names) {
  arg_names_ = py::none();
  if (arg_names.is_none()) {
    for (size_t i = 0; i < sig_.args.size(); ++i) arg_labels_.push_back("argument " + std::to_string(i));
    return;
  }
  if (py::isinstance<py::str>(arg_names) || !py::isinstance<py::sequence>(arg_names)) {
    throw py::type_error("arg_names must be a list of str or None, got " + type_name(arg_names.ptr()));
  }
  auto seq = py::reinterpret_borrow<py::sequence>(arg_names);
  if (seq.size() != sig_.args.size()) {
    throw py::value_error("arg_names has " + std::to_string(seq.size()) + " names but kernel '" +
                          path_ + "' (" + signature_text_ + ") takes " +
                          std::to_string(sig_.args.size()) + " arguments");
  }
  py::tuple names(seq.size());
  for (size_t i = 0; i < seq.size(); ++i) {
    py::object name = seq[i];
    if (!py::isinstance<py::str>(name)) {
      throw py::type_error("arg_names[" + std::to_string(i) + "] must be a str, got " +
                           type_name(name.ptr()));
    }
    arg_labels_.push_back("argument '" + name.cast<std::string>() + "'");
    names[i] = name;
  }
  arg_names_ = names;
}

py::tuple Kernel::call(const py::args& args) const {
  return run(PySequence_Fast_ITEMS(args.ptr()), args.size(), nullptr, 0, nullptr);
}

py::tuple Kernel::call_donating(const py::object& args, const py::object& donated) const {
  if (!PyList_Check(args.ptr()) && !PyTuple_Check(args.ptr())) {
    throw py::type_error("call_donating: args must be a list or tuple, got " + type_name(args.ptr()));
  }
  if (!PyList_Check(donated.ptr()) && !PyTuple_Check(donated.ptr())) {
    throw py::type_error("call_donating: donated must be a list or tuple, got " + type_name(donated.ptr()));
  }
  // Tuples hold every array for the whole call, whatever else runs while the GIL is released.
  auto held_args = py::reinterpret_steal<py::tuple>(PySequence_Tuple(args.ptr()));
  auto held_donated = py::reinterpret_steal<py::tuple>(PySequence_Tuple(donated.ptr()));
  if (!held_args || !held_donated) throw py::error_already_set();
  std::vector<irtk_buffer> offered;
  std::vector<PyObject*> capsules;  // borrowed: each array in held_donated holds its capsule
  for (size_t k = 0; k < held_donated.size(); ++k) {
    PyObject* capsule = donatable(PyTuple_GET_ITEM(held_donated.ptr(), k));
    if (capsule == nullptr) continue;
    offered.push_back(irtk_buffer{PyCapsule_GetPointer(capsule, kResultCapsule),
                                  static_cast<int64_t>(py::reinterpret_borrow<py::array>(
                                                           PyTuple_GET_ITEM(held_donated.ptr(), k))
                                                           .nbytes())});
    capsules.push_back(capsule);
  }
  return run(PySequence_Fast_ITEMS(held_args.ptr()), held_args.size(), offered.empty() ? nullptr : offered.data(),
             offered.size(), capsules.data());
}

// The capsule owning `obj`'s buffer if a kernel may write a result into it: a whole kernel result (an array
// over the start of a buffer owned by a result capsule), C-contiguous, writeable, not empty, and nothing but
// this array holds the capsule (a view of the array holds the array, not the capsule). Else nullptr: the
// caller's reference count check is the other half, that nothing holds the array itself.
PyObject* Kernel::donatable(PyObject* obj) {
  if (!py::isinstance<py::array>(py::handle(obj))) return nullptr;
  const auto* a = py::detail::array_proxy(obj);
  PyObject* base = a->base;
  constexpr int kNeeded = py::detail::npy_api::NPY_ARRAY_C_CONTIGUOUS_ | py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
  if (base == nullptr || (a->flags & kNeeded) != kNeeded || !PyCapsule_IsValid(base, kResultCapsule) ||
      Py_REFCNT(base) != 1 || PyCapsule_GetPointer(base, kResultCapsule) != a->data) {
    return nullptr;
  }
  for (int d = 0; d < a->nd; ++d) {
    if (a->dimensions[d] == 0) return nullptr;
  }
  return base;
}

py::tuple Kernel::run(PyObject* const* items, size_t n, irtk_buffer* donated, size_t donated_count,
                      PyObject* const* capsules) const {
  if (n != sig_.args.size()) {
    throw py::type_error("kernel " + signature_text_ + " takes " + std::to_string(sig_.args.size()) +
                         " arguments, got " + std::to_string(n));
  }
  MemrefArray in(n);
  for (size_t i = 0; i < n; ++i) {
    PyObject* obj = items[i];
    if (arg_is_f64_scalar_[i] && PyFloat_CheckExact(obj)) {  // a Python float needs no array
      in.scalar(i) = PyFloat_AS_DOUBLE(obj);
      in[i].data = &in.scalar(i);
      in[i].rank = 0;
      continue;
    }
    check_arg(i, obj, in[i]);
  }
  // The donated buffers as offered: the kernel sets the entries it uses to NULL.
  std::vector<void*> offered(donated_count);
  for (size_t k = 0; k < donated_count; ++k) offered[k] = donated[k].data;

  const size_t m = sig_.results.size();
  MemrefArray out(m);
  std::memset(out.data(), 0, m * sizeof(irtk_memref));
  irtk_error error;
  error.message[0] = '\0';

  const irtk_context context{call_threads(), &g_kept_bytes, g_keep_limit.load(std::memory_order_relaxed), donated,
                             static_cast<int64_t>(donated_count)};
  int status;
  {
    py::gil_scoped_release release;
    status = entry_(&context, in.data(), out.data(), &error);
  }
  if (status != 0) {
    error.message[IRTK_ERROR_SIZE - 1] = '\0';
    if (error.message[0] == '\0') {
      throw py::value_error("kernel failed with status " + std::to_string(status) + " and no message");
    }
    throw py::value_error(error.message);
  }
  return wrap_results(out.data(), offered, capsules);
}

void Kernel::check_arg(size_t i, PyObject* obj, irtk_memref& out) const {
  const TensorType& t = sig_.args[i];
  if (!py::isinstance<py::array>(py::handle(obj))) {
    throw py::type_error(arg_labels_[i] + " must be a numpy.ndarray (" + t.str() + "), got " +
                         type_name(obj));
  }
  const auto* a = py::detail::array_proxy(obj);
  PyObject* want = arg_dtypes_[i].ptr();
  if (a->descr != want && !py::detail::npy_api::get().PyArray_EquivTypes_(a->descr, want)) {
    throw py::type_error(arg_labels_[i] + " must have dtype " + py::str(arg_dtypes_[i]).cast<std::string>() +
                         " (" + t.str() + "), got " + py::str(a->descr).cast<std::string>());
  }
  const auto rank = static_cast<int64_t>(t.dims.size());
  if (a->nd != rank) {
    throw py::value_error(arg_labels_[i] + " must have rank " + std::to_string(rank) + " (" + t.str() +
                          "), got shape " + shape_str(a->dimensions, a->nd));
  }
  for (int64_t d = 0; d < rank; ++d) {
    if (t.dims[d] != TensorType::kDynamic && a->dimensions[d] != t.dims[d]) {
      throw py::value_error(arg_labels_[i] + " must have shape " + t.str() + ", got shape " +
                            shape_str(a->dimensions, a->nd) + " (dimension " + std::to_string(d) + ")");
    }
  }
  if (!(a->flags & py::detail::npy_api::NPY_ARRAY_C_CONTIGUOUS_)) {
    throw py::value_error(arg_labels_[i] +
                          " must be C-contiguous (numpy.ascontiguousarray makes a copy that is)");
  }
  if (reinterpret_cast<uintptr_t>(a->data) % static_cast<uintptr_t>(arg_itemsizes_[i]) != 0) {
    throw py::value_error(arg_labels_[i] + " is not aligned to its " + std::to_string(arg_itemsizes_[i]) +
                          "-byte elements (numpy.array(x, copy=True) makes an aligned copy)");
  }
  out.data = a->data;
  out.rank = rank;
  for (int64_t d = 0; d < rank; ++d) out.shape[d] = a->dimensions[d];
}

py::tuple Kernel::wrap_results(irtk_memref* out, const std::vector<void*>& offered,
                                PyObject* const* capsules) const {
  const size_t m = sig_.results.size();
  // Which donated buffer each result is (-1: one the kernel allocated). Then take ownership of the others
  // first: whatever goes wrong below, every buffer is freed exactly once, and a donated one never here.
  std::vector<int64_t> donation(m, -1);
  std::vector<Buffer> owners;
  owners.reserve(m);
  for (size_t j = 0; j < m; ++j) {
    for (size_t k = 0; k < offered.size() && out[j].data != nullptr; ++k) {
      if (out[j].data == offered[k]) donation[j] = static_cast<int64_t>(k);
    }
    owners.emplace_back(donation[j] < 0 ? out[j].data : nullptr);
  }

  for (size_t j = 0; j < m; ++j) {
    const TensorType& t = sig_.results[j];
    const auto rank = static_cast<int64_t>(t.dims.size());
    std::string where = "kernel '" + path_ + "' broke the ABI: result " + std::to_string(j) + " ";
    if (out[j].rank != rank) {
      throw std::runtime_error(where + "has rank " + std::to_string(out[j].rank) + ", signature says " + t.str());
    }
    bool empty = false;
    for (int64_t d = 0; d < rank; ++d) {
      const int64_t size = out[j].shape[d];
      if (size < 0 || (t.dims[d] != TensorType::kDynamic && size != t.dims[d])) {
        throw std::runtime_error(where + "has shape " + shape_str(out[j].shape, rank) + ", signature says " +
                                 t.str());
      }
      empty = empty || size == 0;
    }
    if (out[j].data == nullptr && !empty) throw std::runtime_error(where + "has no data");
    for (size_t i = 0; i < j && donation[j] >= 0; ++i) {
      if (donation[i] == donation[j]) throw std::runtime_error(where + "is in the donated buffer of another result");
    }
  }

  py::tuple results(m);
  for (size_t j = 0; j < m; ++j) {
    std::vector<py::ssize_t> shape(out[j].shape, out[j].shape + out[j].rank);
    if (donation[j] >= 0) {  // the donated array's capsule owns this buffer too
      results[j] = py::array(result_dtypes_[j], std::move(shape), out[j].data,
                             py::reinterpret_borrow<py::object>(capsules[donation[j]]));
      continue;
    }
    if (!owners[j]) {  // an empty result without a buffer: numpy allocates its own
      results[j] = py::array(result_dtypes_[j], std::move(shape));
      continue;
    }
    PyObject* capsule = PyCapsule_New(owners[j].get(), kResultCapsule, free_result_capsule);
    if (capsule == nullptr) throw py::error_already_set();
    auto base = py::reinterpret_steal<py::object>(capsule);
    void* data = owners[j].release();  // the capsule frees it now
    results[j] = py::array(result_dtypes_[j], std::move(shape), data, base);
  }
  return results;
}

py::list Kernel::dtype_list(const std::vector<py::dtype>& dtypes) {
  py::list out;
  for (const py::dtype& dt : dtypes) out.append(dt);
  return out;
}

py::list Kernel::shape_list(const std::vector<TensorType>& types) {
  py::list out;
  for (const TensorType& t : types) out.append(shape_tuple(t));
  return out;
}

py::tuple shape_tuple(const TensorType& type) {
  py::tuple shape(type.dims.size());
  for (size_t d = 0; d < type.dims.size(); ++d) {
    const int64_t size = type.dims[d];
    shape[d] = size == TensorType::kDynamic ? py::object(py::none()) : py::object(py::int_(size));
  }
  return shape;
}

std::string Kernel::repr() const {
  if (!handle_) return "<Kernel " + signature_text_ + " compiled into '" + path_ + "'>";
  return "<irtk._native.Kernel " + signature_text_ + " from '" + path_ + "'>";
}

}  // namespace irtk
