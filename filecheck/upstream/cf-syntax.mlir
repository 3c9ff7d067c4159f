// RUN: irtk-opt %s | filecheck %s
// RUN: irtk-opt %s | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | filecheck %s --check-prefix=GENERIC
// RUN: %if mlir-opt %{ irtk-opt %s | %mlir_opt --verify-each | filecheck %s --check-prefix=MLIR %}
// RUN: %if mlir-opt %{ irtk-opt %s --print-op-generic | %mlir_opt --verify-each | filecheck %s --check-prefix=MLIR %}
// RUN: %if mlir-opt %{ %mlir_opt %s | irtk-opt | filecheck %s %}

// cf.cond_br with MLIR's branch weights, which xDSL 0.74 rejects (irtk/dialects/upstream/cf.py): written
// `weights([t, f])` after the condition, held in the `branch_weights` property.

// CHECK-LABEL: func.func @weighted(
// CHECK:         cf.cond_br %{{.*}} weights([10, 90]), ^{{.*}}(%{{.*}} : i32), ^{{.*}}
// CHECK:         cf.cond_br %{{.*}}, ^{{.*}}, ^{{.*}}(%{{.*}}, %{{.*}} : i32, i64)
// GENERIC:       "cf.cond_br"(%{{.*}}, %{{.*}}) [^{{.*}}, ^{{.*}}] <{{{.*}}branch_weights = array<i32: 10, 90>{{.*}}}>
// MLIR-LABEL:  func.func @weighted(
// MLIR:          cf.cond_br %{{.*}} weights([10, 90]), ^{{.*}}(%{{.*}} : i32), ^{{.*}}
func.func @weighted(%c: i1, %a: i32, %b: i64) {
  cf.cond_br %c weights([10, 90]), ^bb1(%a : i32), ^bb2
^bb1(%x: i32):
  cf.cond_br %c, ^bb2, ^bb3(%x, %b : i32, i64)
^bb2:
  return
^bb3(%y: i32, %z: i64):
  return
}
