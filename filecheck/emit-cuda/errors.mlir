// RUN: not irtk-opt %s --split-input-file --emit=cuda 2>&1 >/dev/null | filecheck %s

// emit-cuda refuses what it cannot print faithfully, located at the op, like the C++ emitter.

// A loop marked by hand whose body cannot run on a GPU (it allocates from the host call's arena) is refused.
// CHECK: errors.mlir:[[# @LINE + 5]]:3: error: cannot emit CUDA: irtk.gpu_map marks a loop whose body cannot run on a GPU thread
func.func @marked() {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  "scf.parallel"(%c0, %c4, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    %row = memref.alloc() : memref<4xf64>
    scf.reduce
  }) {irtk.gpu_map = {threads_per_block = 256 : i64}} : (index, index, index) -> ()
  func.return
}

// -----

// No BLAS on the GPU path (fast-run-cuda leaves out use-blas): an irtk_blas.gemm is refused.
// CHECK: errors.mlir:[[# @LINE + 2]]:3: error: cannot emit CUDA: 'irtk_blas.gemm' in @gemm {{.*}}the CUDA emitter does not support this op
func.func @gemm(%a: memref<4x4xf64>, %b: memref<4x4xf64>, %c: memref<4x4xf64>) {
  irtk_blas.gemm ins(%a, %b : memref<4x4xf64>, memref<4x4xf64>) outs(%c : memref<4x4xf64>)
  func.return
}
