"""The support code of a CUDA kernel source: the device failure record and the host side of a launch.

Everything the C++ target's runtime (`cpp_runtime.py`) does stays as it is: a CUDA source is a C++ source whose
host code is the C++ target's (the arena, `irtk_entry`, failures thrown as `irtk_failure`), compiled by nvcc, plus
the `__global__` kernels of the loops `gpu-map` marked. This file holds what only the device target needs.

Memory, for now: the host's buffers are the truth. Each launch copies in the elements the kernel may touch of
every buffer it uses (`cudaMalloc` + `cudaMemcpy`), runs, and copies back the buffers it stores into; the device
buffers are freed when the launch ends, on success or failure. Overlapping views of one buffer (a slice and the
whole) are merged into one device buffer, so the kernel sees one memory, as the host code does. This is simple
and always right; keeping buffers on the device between kernels is the next step.

Failures: the failure model of the C++ target's threads (`threads.py`) without exceptions. A failed check in a
kernel records `(unit << 16) | message id` into `irtk_device_failure` with `atomicMin` and ends that thread's
work: the lowest failing unit (the iteration a sequential run meets first) wins, whatever the schedule, and its
first failed check (a unit stops at its first failure). After the kernel, the host reads the record and throws
the message as the C++ target does. Message ids 0 and 1 are the failures of the scalar helpers (integer
division by zero, anything else); the module's checks come after them (`irtk_cuda_message`).
"""

#: After the C++ target's prologue: the helpers are host and device functions.
CUDA_PROLOGUE = r"""
#include <cuda_runtime.h>
#include <climits>
#include <cstdio>
/* Generated code names every value and defines every helper, used or not (as the C++ target's pragmas say). */
#pragma nv_diag_suppress 177
#pragma nv_diag_suppress 550
#undef IRTK_HELPER
#define IRTK_HELPER __host__ __device__ inline
/* The threads of one block; the loop attribute irtk.gpu_map says the same (gpu-map). */
#define IRTK_CUDA_THREADS 256
/* The most blocks a launch asks for; a grid-stride loop covers the rest. */
#define IRTK_CUDA_MAX_BLOCKS (1 << 20)
"""

#: The failure record, before the runtime (whose `irtk_fail` records into it on the device).
DEVICE_FAILURES = r"""
/* (unit << 16) | message id of the first failed check of the kernel running; ULLONG_MAX: none. */
__device__ unsigned long long irtk_device_failure;
/* The unit each thread of the block works on; -1 once it has failed (its first failure stands). */
__shared__ long long irtk_device_unit[IRTK_CUDA_THREADS];

__device__ inline void irtk_kernel_unit(long long unit) { irtk_device_unit[threadIdx.x] = unit; }

__device__ inline void irtk_kernel_fail(unsigned id) {
  const long long unit = irtk_device_unit[threadIdx.x];
  if (unit < 0) return;
  irtk_device_unit[threadIdx.x] = -1;
  atomicMin(&irtk_device_failure, (static_cast<unsigned long long>(unit) << 16) | id);
}

__device__ inline bool irtk_same_text(const char* a, const char* b) {
  while (*a != '\0' && *a == *b) {
    ++a;
    ++b;
  }
  return *a == *b;
}
"""

#: The C++ runtime's failure function, and what replaces it: on the device a failure is recorded (the caller
#: goes on; a kernel's own checks then end the thread), on the host it throws as before.
HOST_FAIL = '[[noreturn]] inline void irtk_fail(const char* message) { throw irtk_failure{message}; }'
HOST_AND_DEVICE_FAIL = r"""__host__ __device__ inline void irtk_fail(const char* message) {
#ifdef __CUDA_ARCH__
  irtk_kernel_fail(irtk_same_text(message, "integer division by zero") ? 0u : 1u);
#else
  throw irtk_failure{message};
#endif
}"""

#: The host side of a launch, after the C++ runtime.
LAUNCH_RUNTIME = r"""
/* A failed CUDA call fails the irtk call, naming the call and CUDA's reason. */
inline void irtk_cuda_check(cudaError_t status, const char* what) {
  if (status == cudaSuccess) return;
  static thread_local char message[IRTK_ERROR_SIZE];
  std::snprintf(message, sizeof message, "CUDA: %s failed: %s (%s)", what, cudaGetErrorString(status),
                cudaGetErrorName(status));
  throw irtk_failure{message};
}

/* The element offsets [lo, hi) a buffer of these sizes and strides touches. */
struct irtk_span {
  int64_t lo;
  int64_t hi;
};
inline irtk_span irtk_cuda_span(std::initializer_list<int64_t> sizes, std::initializer_list<int64_t> strides) {
  int64_t lo = 0, hi = 0;
  const int64_t* stride = strides.begin();
  for (int64_t size : sizes) {
    if (size <= 0) return irtk_span{0, 0};
    const int64_t reach = (size - 1) * *stride++;
    if (reach < 0) lo += reach;
    else hi += reach;
  }
  return irtk_span{lo, hi + 1};
}

/* One launch's device memory (see the module notes of cuda_runtime.py): `add` each buffer the kernel uses,
   `upload`, launch, `finish`. The destructor frees the device buffers, also when a failure is thrown. */
template <int N> class irtk_cuda_launch {
 public:
  irtk_cuda_launch() = default;
  irtk_cuda_launch(const irtk_cuda_launch&) = delete;
  irtk_cuda_launch& operator=(const irtk_cuda_launch&) = delete;
  ~irtk_cuda_launch() {
    for (int g = 0; g < groups_; ++g) cudaFree(group_[g].device);
  }

  /* Buffer `slot`: its elements [span.lo, span.hi) from `data`, stored into by the kernel if `writes`. */
  void add(int slot, const void* data, irtk_span span, size_t element_size, bool writes) {
    const uintptr_t base = reinterpret_cast<uintptr_t>(data);
    slot_[slot] = piece{base + span.lo * static_cast<intptr_t>(element_size),
                        base + span.hi * static_cast<intptr_t>(element_size), writes, -1};
  }

  /* Merges overlapping pieces, allocates one device buffer per group and copies the host's elements in. */
  void upload() {
    int order[N];
    for (int k = 0; k < N; ++k) order[k] = k;
    for (int k = 1; k < N; ++k) {  // by start address (N is small)
      for (int j = k; j > 0 && slot_[order[j]].lo < slot_[order[j - 1]].lo; --j) {
        const int t = order[j];
        order[j] = order[j - 1];
        order[j - 1] = t;
      }
    }
    for (int k = 0; k < N; ++k) {
      piece& p = slot_[order[k]];
      if (p.hi <= p.lo) continue;
      if (groups_ > 0 && p.lo < group_[groups_ - 1].hi) {
        group& g = group_[groups_ - 1];
        g.hi = p.hi > g.hi ? p.hi : g.hi;
        g.writes = g.writes || p.writes;
      } else {
        group_[groups_++] = group{p.lo, p.hi, p.writes, nullptr};
      }
      p.group = groups_ - 1;
    }
    for (int g = 0; g < groups_; ++g) {
      irtk_cuda_check(cudaMalloc(&group_[g].device, group_[g].hi - group_[g].lo), "cudaMalloc");
      irtk_cuda_check(cudaMemcpy(group_[g].device, reinterpret_cast<const void*>(group_[g].lo),
                                 group_[g].hi - group_[g].lo, cudaMemcpyHostToDevice), "cudaMemcpy to the device");
    }
    const unsigned long long none = ULLONG_MAX;
    irtk_cuda_check(cudaMemcpyToSymbol(irtk_device_failure, &none, sizeof none), "cudaMemcpyToSymbol");
  }

  /* The device address of buffer `slot`'s first element (its host pointer, moved into its group). */
  template <class T> T* device(int slot, const T* host) const {
    const piece& p = slot_[slot];
    if (p.group < 0) return nullptr;  // no elements: never read
    const group& g = group_[p.group];
    return reinterpret_cast<T*>(static_cast<char*>(g.device) + (reinterpret_cast<uintptr_t>(host) - g.lo));
  }

  static unsigned blocks(int64_t units) {
    const int64_t wanted = (units + IRTK_CUDA_THREADS - 1) / IRTK_CUDA_THREADS;
    return static_cast<unsigned>(wanted < IRTK_CUDA_MAX_BLOCKS ? wanted : IRTK_CUDA_MAX_BLOCKS);
  }

  /* After the launch: the launch's and the kernel's errors, then the kernel's failed check (thrown as on the
     host), else the stored buffers copied back. */
  void finish() {
    irtk_cuda_check(cudaGetLastError(), "the kernel launch");
    irtk_cuda_check(cudaDeviceSynchronize(), "the kernel");
    unsigned long long failure = ULLONG_MAX;
    irtk_cuda_check(cudaMemcpyFromSymbol(&failure, irtk_device_failure, sizeof failure), "cudaMemcpyFromSymbol");
    if (failure != ULLONG_MAX) throw irtk_failure{irtk_cuda_message(static_cast<unsigned>(failure & 0xFFFFu))};
    for (int g = 0; g < groups_; ++g) {
      if (!group_[g].writes) continue;
      irtk_cuda_check(cudaMemcpy(reinterpret_cast<void*>(group_[g].lo), group_[g].device, group_[g].hi - group_[g].lo,
                                 cudaMemcpyDeviceToHost), "cudaMemcpy to the host");
    }
  }

 private:
  struct piece {
    uintptr_t lo, hi;
    bool writes;
    int group;
  };
  struct group {
    uintptr_t lo, hi;
    bool writes;
    void* device;
  };
  piece slot_[N] = {};
  group group_[N] = {};
  int groups_ = 0;
};
"""
