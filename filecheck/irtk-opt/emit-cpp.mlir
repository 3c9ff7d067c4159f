// RUN: not irtk-opt %s --split-input-file --emit=cpp 2>/dev/null | filecheck %s
// RUN: not irtk-opt %s --split-input-file --emit=cpp 2>&1 >/dev/null | filecheck %s --check-prefix=ERR

// --emit=cpp prints the C++ source of a loop-level module (irtk.codegen.cpp.emit_cpp) instead of IR.
// IR the emitter does not support is a diagnostic located in the input, like any other error.

// CHECK: irtk_entry
func.func @scale(%m: memref<4xf64>, %s: memref<f64>) -> memref<4xf64> {
  %k = memref.load %s[] : memref<f64>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %out = memref.alloc() : memref<4xf64>
  scf.for %i = %c0 to %c4 step %c1 {
    %x = memref.load %m[%i] : memref<4xf64>
    %y = arith.mulf %x, %k : f64
    memref.store %y, %out[%i] : memref<4xf64>
  }
  return %out : memref<4xf64>
}

// -----

// Tensors are not loop-level IR.
// ERR:     emit-cpp.mlir:[[# @LINE + 2]]:1: error: cannot emit C++: {{.*}}tensor<4xf64>
// ERR-NOT: Traceback
func.func @on_tensors(%t: tensor<4xf64>) -> tensor<4xf64> {
  return %t : tensor<4xf64>
}
