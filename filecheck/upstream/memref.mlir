// RUN: irtk-opt %s | filecheck %s
// RUN: irtk-opt %s | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | irtk-opt | filecheck %s
// RUN: %if mlir-opt %{ irtk-opt %s | %mlir_opt --verify-each | filecheck %s --check-prefix=MLIR %}

// Upstream memref IR: allocation (static, dynamic, on the stack), load/store, dim, copy, and constant
// globals. memref.global has no custom syntax in xDSL 0.74; irtk-opt reads and prints it in the generic
// form, which MLIR reads too (memref.copy takes MLIR's custom syntax, irtk/dialects/upstream/memref.py).

// CHECK:      "memref.global"() <{sym_name = "weights", sym_visibility = "private", type = memref<2xf64>, initial_value = dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf64>, constant}> : () -> ()
// MLIR:       memref.global "private" constant @weights : memref<2xf64> = dense<[1.000000e+00, 2.000000e+00]>
"memref.global"() <{sym_name = "weights", sym_visibility = "private", type = memref<2xf64>, initial_value = dense<[1.0, 2.0]> : tensor<2xf64>, constant}> : () -> ()

// CHECK-LABEL: func.func @buffers(%n: index) -> memref<?x4xf64>
// CHECK:         %{{.*}} = memref.alloc(%n) : memref<?x4xf64>
// CHECK:         %{{.*}} = memref.alloca() : memref<4xf64>
// CHECK:         %{{.*}} = memref.get_global @weights : memref<2xf64>
// CHECK:         %{{.*}} = memref.load %{{.*}}[%c1] : memref<2xf64>
// CHECK:         memref.store %{{.*}}, %{{.*}}[%c0, %c1] : memref<?x4xf64>
// CHECK:         %{{.*}} = memref.dim %{{.*}}, %c0 : memref<?x4xf64>
// CHECK:         memref.copy %{{.*}}, %{{.*}} : memref<4xf64> to memref<4xf64>
// CHECK:         memref.dealloc %{{.*}} : memref<4xf64>
// MLIR-LABEL:  func.func @buffers
// MLIR:          memref.alloc
// MLIR:          memref.copy
func.func @buffers(%n: index) -> memref<?x4xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %out = memref.alloc(%n) : memref<?x4xf64>
  %tmp = memref.alloca() : memref<4xf64>
  %w = memref.get_global @weights : memref<2xf64>
  %x = memref.load %w[%c1] : memref<2xf64>
  memref.store %x, %out[%c0, %c1] : memref<?x4xf64>
  %d = memref.dim %out, %c0 : memref<?x4xf64>
  %copy = memref.alloc() : memref<4xf64>
  "memref.copy"(%tmp, %copy) : (memref<4xf64>, memref<4xf64>) -> ()
  memref.dealloc %copy : memref<4xf64>
  return %out : memref<?x4xf64>
}

// CHECK-LABEL: func.func @scalar(%s: memref<f32>) -> f32
// CHECK-NEXT:    %{{.*}} = memref.load %s[] : memref<f32>
func.func @scalar(%s: memref<f32>) -> f32 {
  %v = memref.load %s[] : memref<f32>
  return %v : f32
}
