// RUN: irtk-opt %s | filecheck %s
// RUN: irtk-opt %s | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | irtk-opt | filecheck %s
// RUN: %if mlir-opt %{ irtk-opt %s | %mlir_opt --verify-each | filecheck %s --check-prefix=MLIR %}

// Upstream cf IR: run-time assertions, and multi-block functions with block arguments.

// CHECK-LABEL: func.func @checked(%a: memref<?xf64>, %b: memref<?xf64>)
// CHECK:         %{{.*}} = arith.cmpi eq, %{{.*}}, %{{.*}} : index
// CHECK-NEXT:    cf.assert %{{.*}}, "shapes must agree"
// MLIR:          cf.assert %{{.*}}, "shapes must agree"
func.func @checked(%a: memref<?xf64>, %b: memref<?xf64>) {
  %c0 = arith.constant 0 : index
  %n = memref.dim %a, %c0 : memref<?xf64>
  %m = memref.dim %b, %c0 : memref<?xf64>
  %same = arith.cmpi eq, %n, %m : index
  cf.assert %same, "shapes must agree"
  return
}

// CHECK-LABEL: func.func @loop_by_branches(%n: i64) -> i64
// CHECK:         cf.br ^[[HEAD:.*]](%{{.*}}, %{{.*}} : i64, i64)
// CHECK:       ^[[HEAD]](%{{.*}}: i64, %{{.*}}: i64):
// CHECK:         cf.cond_br %{{.*}}, ^[[BODY:.*]], ^[[EXIT:.*]](%{{.*}} : i64)
// CHECK:       ^[[BODY]]:
// CHECK:         cf.br ^[[HEAD]](%{{.*}}, %{{.*}} : i64, i64)
// CHECK:       ^[[EXIT]](%{{.*}}: i64):
// CHECK-NEXT:    func.return %{{.*}} : i64
// MLIR-LABEL:  func.func @loop_by_branches
// MLIR:          cf.cond_br
func.func @loop_by_branches(%n: i64) -> i64 {
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : i64
  cf.br ^head(%c0, %c0 : i64, i64)
^head(%i: i64, %acc: i64):
  %more = arith.cmpi slt, %i, %n : i64
  cf.cond_br %more, ^body, ^exit(%acc : i64)
^body:
  %acc2 = arith.addi %acc, %i : i64
  %i2 = arith.addi %i, %c1 : i64
  cf.br ^head(%i2, %acc2 : i64, i64)
^exit(%r: i64):
  return %r : i64
}
