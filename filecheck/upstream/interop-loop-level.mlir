// REQUIRES: mlir-opt
// RUN: irtk-opt %s | %mlir_opt --verify-each | filecheck %s
// RUN: irtk-opt %s --print-op-generic | %mlir_opt --verify-each | filecheck %s
// RUN: irtk-opt %s --mlir-print-debuginfo | %mlir_opt --verify-each --mlir-print-debuginfo --mlir-print-local-scope | filecheck %s --check-prefix=LOC
// RUN: %mlir_opt %s --mlir-print-op-generic | irtk-opt | filecheck %s --check-prefix=BACK

// A kernel at irtk's loop level (see docs/architecture.md): one public function over identity-layout
// memrefs that allocates its result, scf.parallel/scf.for loops, a run-time shape check. What irtk-opt
// prints, in either form, MLIR 22 accepts and verifies; source locations survive the trip; and irtk-opt
// reads back what mlir-opt prints in generic form.

// CHECK-LABEL: func.func @add_rows
// CHECK:         cf.assert
// CHECK:         memref.alloc
// CHECK:         scf.parallel
// CHECK:           scf.for
// CHECK:         return

// LOC: memref.alloc{{.*}} loc({{.*}}interop-loop-level.mlir":[[# @LINE + 14]]:3)

// BACK-LABEL: func.func @add_rows(%{{.*}}: memref<?x?xf64>, %{{.*}}: memref<?xf64>) -> memref<?xf64>
// BACK:         "scf.parallel"
// BACK:           scf.for
func.func @add_rows(%a: memref<?x?xf64>, %bias: memref<?xf64>) -> memref<?xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %rows = memref.dim %a, %c0 : memref<?x?xf64>
  %cols = memref.dim %a, %c1 : memref<?x?xf64>
  %nbias = memref.dim %bias, %c0 : memref<?xf64>
  %ok = arith.cmpi eq, %rows, %nbias : index
  cf.assert %ok, "add_rows: bias length must equal the number of rows"
  %out = memref.alloc(%rows) : memref<?xf64>
  "scf.parallel"(%c0, %rows, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    %b = memref.load %bias[%i] : memref<?xf64>
    %s = scf.for %j = %c0 to %cols step %c1 iter_args(%acc = %b) -> (f64) {
      %x = memref.load %a[%i, %j] : memref<?x?xf64>
      %t = arith.addf %acc, %x : f64
      scf.yield %t : f64
    }
    memref.store %s, %out[%i] : memref<?xf64>
    scf.reduce
  }) : (index, index, index) -> ()
  return %out : memref<?xf64>
}
