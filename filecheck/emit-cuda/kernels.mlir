// RUN: irtk-opt %s --split-input-file -p gpu-map --emit=cuda | filecheck %s

// emit-cuda prints each loop gpu-map marked as a __global__ kernel, put before the host function that launches it,
// and the launch in its place; everything else is the C++ target's host code.

// The kernel: the flattened iteration count, each dimension's trip count, then what the body uses from outside
// (a buffer as its device pointer and dynamic sizes, a scalar by value); constants are printed again inside. Each
// thread runs a grid-stride loop over units and decodes the induction variables from its unit, row-major.
// CHECK-LABEL: __global__ void __launch_bounds__(IRTK_CUDA_THREADS) irtk_kernel_0(int64_t units, int64_t n0, int64_t n1, double* m, int64_t m_d0, double k, double* out, int64_t out_d0) {
// CHECK-NEXT:    const int64_t c0 = 0;
// CHECK-NEXT:    const int64_t c1 = 1;
// CHECK-NEXT:    for (int64_t unit = blockIdx.x * static_cast<int64_t>(blockDim.x) + threadIdx.x; unit < units; unit += static_cast<int64_t>(blockDim.x) * gridDim.x) {
// CHECK-NEXT:      irtk_kernel_unit(unit);
// CHECK-NEXT:      const int64_t u1 = unit % n1;
// CHECK-NEXT:      const int64_t j = u1;
// CHECK-NEXT:      const int64_t q1 = unit / n1;
// CHECK-NEXT:      const int64_t i = q1;
// CHECK-NEXT:      const double x = m[i * 4 + j];
// CHECK-NEXT:      const double y = x * k;
// CHECK-NEXT:      out[i * 4 + j] = y;
// CHECK-NEXT:    }
// CHECK-NEXT:  }

// The launch: the trip counts, the span of each buffer (copied in; `out`, stored into, also copied back), then
// the kernel in blocks of 256 threads, and `finish`: CUDA's errors, the kernel's failed checks, the copies back.
// CHECK-LABEL: static void irtk_fn_scale(
// CHECK:         double* out = arena.alloc_result<double>(irtk_element_count({n, 4}));
// CHECK-NEXT:    {
// CHECK-NEXT:      const int64_t n0 = (n > 0 ? n : 0);
// CHECK-NEXT:      const int64_t n1 = (c4 > 0 ? c4 : 0);
// CHECK-NEXT:      const int64_t units = irtk_element_count({n0, n1});
// CHECK-NEXT:      if (units > 0) {
// CHECK-NEXT:        irtk_cuda_launch<2> launch;
// CHECK-NEXT:        launch.add(0, m, irtk_cuda_span({m_d0, 4}, {4, 1}), sizeof(double), false);
// CHECK-NEXT:        launch.add(1, out, irtk_cuda_span({n, 4}, {4, 1}), sizeof(double), true);
// CHECK-NEXT:        launch.upload();
// CHECK-NEXT:        irtk_kernel_0<<<launch.blocks(units), IRTK_CUDA_THREADS>>>(units, n0, n1, launch.device(0, m), m_d0, k, launch.device(1, out), n);
// CHECK-NEXT:        launch.finish();
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK:       extern "C" IRTK_EXPORT const char* irtk_signature(void) { return "f64[?x4],f64[]->f64[?x4]"; }
// CHECK:       extern "C" IRTK_EXPORT int irtk_entry(
func.func @scale(%m: memref<?x4xf64>, %s: memref<f64>) -> memref<?x4xf64> {
  %k = memref.load %s[] : memref<f64>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %n = memref.dim %m, %c0 : memref<?x4xf64>
  %out = memref.alloc(%n) : memref<?x4xf64>
  "scf.parallel"(%c0, %c0, %n, %c4, %c1, %c1) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
  ^bb0(%i: index, %j: index):
    %x = memref.load %m[%i, %j] : memref<?x4xf64>
    %y = arith.mulf %x, %k : f64
    memref.store %y, %out[%i, %j] : memref<?x4xf64>
    scf.reduce
  }) : (index, index, index, index, index, index) -> ()
  func.return %out : memref<?x4xf64>
}

// -----

// A failed check in a kernel records its message id for the thread's unit and ends the thread; the host throws
// the message of the lowest failing unit (`irtk_cuda_messages`: the helpers' two failures come first). A check
// on the host is the C++ target's.
// CHECK:       static const char* const irtk_cuda_messages[3] = {
// CHECK-NEXT:      "integer division by zero",
// CHECK-NEXT:      "a check of an irtk scalar helper failed on the GPU",
// CHECK-NEXT:      "irtk.advanced_subtensor: index out of bounds"
// CHECK-NEXT:  };
// CHECK-LABEL: __global__ void __launch_bounds__(IRTK_CUDA_THREADS) irtk_kernel_0(
// CHECK:           const bool inside = irtk_s(p) < irtk_s(c4);
// CHECK-NEXT:      if (!inside) { irtk_kernel_fail(2u); return; }
// CHECK-LABEL: static void irtk_fn_gather(
// CHECK:         if (!ok) irtk_fail("irtk.advanced_subtensor: size mismatch");
func.func @gather(%x: memref<4xf64>, %idx: memref<?xi64>) -> memref<?xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %n0 = memref.dim %idx, %c0 : memref<?xi64>
  %ok = arith.cmpi sle, %n0, %c4 : index
  cf.assert %ok, "irtk.advanced_subtensor: size mismatch"
  %n = memref.dim %idx, %c0 : memref<?xi64>
  %out = memref.alloc(%n) : memref<?xf64>
  "scf.parallel"(%c0, %n, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    %raw = memref.load %idx[%i] : memref<?xi64>
    %p = arith.index_cast %raw : i64 to index
    %inside = arith.cmpi slt, %p, %c4 : index
    cf.assert %inside, "irtk.advanced_subtensor: index out of bounds"
    %v = memref.load %x[%p] : memref<4xf64>
    memref.store %v, %out[%i] : memref<?xf64>
    scf.reduce
  }) : (index, index, index) -> ()
  func.return %out : memref<?xf64>
}

// -----

// A loop that is not a kernel (here: one that allocates) prints sequentially on the host, without OpenMP.
// CHECK-NOT:   __global__
// CHECK-LABEL: static void irtk_fn_host(
// CHECK:         for (int64_t i = c0; i < c4; i += c1) {
// CHECK-NEXT:      double* row = arena.alloc<double>(4);
func.func @host(%x: memref<4xf64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  "scf.parallel"(%c0, %c4, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    %row = memref.alloc() : memref<4xf64>
    scf.reduce
  }) : (index, index, index) -> ()
  func.return
}

// -----

// A copy in a kernel is element by element (no memmove on the device). A buffer stored into through a view made
// in the kernel is copied back.
// CHECK-LABEL: __global__ void __launch_bounds__(IRTK_CUDA_THREADS) irtk_kernel_0(
// CHECK:           double* row = x + (i * 4);
// CHECK-NEXT:      double* out = y + (i * 4);
// CHECK-NEXT:      for (int64_t c0_1 = 0; c0_1 < 4; ++c0_1) {
// CHECK-NEXT:        out[c0_1] = row[c0_1];
// CHECK-NEXT:      }
// CHECK:         launch.add(0, x, irtk_cuda_span({x_d0, 4}, {4, 1}), sizeof(double), false);
// CHECK-NEXT:    launch.add(1, y, irtk_cuda_span({y_d0, 4}, {4, 1}), sizeof(double), true);
func.func @rows(%x: memref<?x4xf64>, %y: memref<?x4xf64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %x, %c0 : memref<?x4xf64>
  "scf.parallel"(%c0, %n, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    %row = memref.subview %x[%i, 0] [1, 4] [1, 1] : memref<?x4xf64> to memref<4xf64, strided<[1], offset: ?>>
    %out = memref.subview %y[%i, 0] [1, 4] [1, 1] : memref<?x4xf64> to memref<4xf64, strided<[1], offset: ?>>
    "memref.copy"(%row, %out) : (memref<4xf64, strided<[1], offset: ?>>, memref<4xf64, strided<[1], offset: ?>>) -> ()
    scf.reduce
  }) : (index, index, index) -> ()
  func.return
}

