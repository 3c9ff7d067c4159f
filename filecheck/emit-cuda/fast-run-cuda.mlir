// RUN: irtk-opt %s -p fast-run-cuda --emit=cuda | filecheck %s

// `fast-run-cuda` is fast-run without BLAS calls and with gpu-map at the end; --emit=cuda prints the CUDA source
// nvcc compiles (tests/test_cuda_compile.py compiles such sources). A float sum keeps the CPU's blocked order: each
// chunk of 4096 elements is one GPU thread (its 8 lanes a local array), and the chunk results are folded on the
// host, left to right, after the launch.

// CHECK-LABEL: __global__ void __launch_bounds__(IRTK_CUDA_THREADS) irtk_kernel_0(
// CHECK-SAME:      double* x, int64_t x_d0, double* w, int64_t w_d0, double* chunk_results, int64_t chunk_results_d0) {
// CHECK:           const int64_t [[CHUNK:[a-z0-9_]+]] = unit;
// CHECK:             alignas(64) double {{[a-z0-9_]+}}[8];
// CHECK:           chunk_results[[[CHUNK]]] = {{.*}};
// CHECK-NEXT:    }
// CHECK-NEXT:  }
// CHECK:       static void irtk_fn_dot({{.*}}) {
// CHECK:             irtk_kernel_0<<<launch.blocks(units), IRTK_CUDA_THREADS>>>(
// CHECK-NEXT:        launch.finish();
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:    double [[ACC:[a-z0-9_]+]] = {{.*}};
// CHECK-NEXT:    for (int64_t [[K:[a-z0-9_]+]] = c0; [[K]] < chunks; [[K]] += c1) {
// CHECK-NEXT:      const double [[R:[a-z0-9_]+]] = chunk_results[[[K]]];
// CHECK-NEXT:      const double [[NEXT:[a-z0-9_]+]] = [[ACC]] + [[R]];
// CHECK-NEXT:      [[ACC]] = [[NEXT]];
// CHECK-NEXT:    }
// CHECK:       extern "C" IRTK_EXPORT const char* irtk_signature(void) { return "f64[?],f64[?]->f64[]"; }
func.func @dot(%x: tensor<?xf64>, %w: tensor<?xf64>) -> tensor<f64> {
  %p = irtk.mul %x, %w : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %s = irtk.sum %p [0] : tensor<?xf64> -> tensor<f64>
  return %s : tensor<f64>
}
