// RUN: irtk-opt %s -p canonicalize | filecheck %s
// Folds MLIR has for upstream ops and xDSL lacks (irtk/passes/upstream_folds.py): a comparison of a value with
// itself is a constant, and a run-time check of a true constant disappears.

// CHECK-LABEL: func.func @same_size
// CHECK-NOT:   arith.cmpi
// CHECK-NOT:   cf.assert
// CHECK:       func.return
func.func @same_size(%n: index) {
  %eq = arith.cmpi eq, %n, %n : index
  cf.assert %eq, "sizes differ"
  func.return
}

// CHECK-LABEL: func.func @predicates
// (Equal constants become one, as in MLIR.)
// CHECK-DAG:   %[[T:.*]] = arith.constant true
// CHECK-DAG:   %[[F:.*]] = arith.constant false
// CHECK-NOT:   arith.constant
// CHECK:       func.return %[[T]], %[[F]], %[[T]], %[[F]] : i1, i1, i1, i1
func.func @predicates(%a: i32) -> (i1, i1, i1, i1) {
  %sle = arith.cmpi sle, %a, %a : i32
  %slt = arith.cmpi slt, %a, %a : i32
  %uge = arith.cmpi uge, %a, %a : i32
  %ne = arith.cmpi ne, %a, %a : i32
  func.return %sle, %slt, %uge, %ne : i1, i1, i1, i1
}

// CHECK-LABEL: func.func @different_values_stay
// CHECK:       arith.cmpi eq
// CHECK:       cf.assert
func.func @different_values_stay(%a: index, %b: index) {
  %eq = arith.cmpi eq, %a, %b : index
  cf.assert %eq, "sizes differ"
  func.return
}
