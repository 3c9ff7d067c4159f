// RUN: irtk-opt %s --split-input-file --verify-diagnostics --allow-unregistered-dialect
// RUN: not irtk-opt %s --split-input-file --allow-unregistered-dialect 2>&1 | filecheck %s
// RUN: not irtk-opt %s --split-input-file --allow-unregistered-dialect -p fast-run --emit=cpp 2>&1 | filecheck %s --check-prefix=PIPELINE

// A value must be defined before it is used: earlier in the same block, earlier in a block enclosing the
// use, or (with branches) in a block that dominates the use's block. xDSL parses and verifies forward
// references within a function, so irtk-opt checks SSA dominance itself, after parsing and after every
// pass, and reports the use (MLIR's "operand does not dominate this use") with a note pointing at the
// definition. Valid pieces are printed.

// CHECK:      dominance.mlir:[[# @LINE + 6]]:3: error: 'irtk.neg' op operand #0 (%e) does not dominate this use (it is used before it is defined)
// CHECK-NEXT:   %y = irtk.neg %e
// CHECK-NEXT: {{^  \^$}}
// CHECK-NEXT: irtk-opt: note: operand #0 (%e) is a result of 'irtk.exp' at {{.*}}dominance.mlir:[[# @LINE + 4]]:3
// PIPELINE:   dominance.mlir:[[# @LINE + 2]]:3: error: 'irtk.neg' op operand #0 (%e) does not dominate this use
func.func @use_before_def(%x: tensor<?xf64>) -> tensor<?xf64> {
  %y = irtk.neg %e : tensor<?xf64> -> tensor<?xf64>  // expected-error {{operand #0 (%e) does not dominate this use}}
  %e = irtk.exp %x : tensor<?xf64> -> tensor<?xf64>
  return %y : tensor<?xf64>
}

// -----

// A use inside a loop body of a value defined after the loop.
// CHECK: dominance.mlir:[[# @LINE + 5]]:5: error: 'arith.addi' op operand #1 (%late) does not dominate this use (it is used before it is defined)
func.func @outer_value_defined_later(%n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %n step %c1 {
    %s = arith.addi %i, %late : index  // expected-error {{operand #1 (%late) does not dominate this use}}
  }
  %late = arith.constant 5 : index
  return
}

// -----

// An op's results are not defined inside its own regions.
// CHECK: dominance.mlir:[[# @LINE + 5]]:5: error: 'arith.addi' op operand #1 (%r) does not dominate this use (a result of an op is not visible inside the op's own regions)
func.func @own_result_in_region(%n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %c0) -> (index) {
    %s = arith.addi %acc, %r : index  // expected-error {{operand #1 (%r) does not dominate this use}}
    scf.yield %s : index
  }
  return
}

// -----

// With branches: ^bb1 does not dominate ^bb3, which is also reached from ^bb2.
// CHECK: dominance.mlir:[[# @LINE + 10]]:3: error: 'func.return' op operand #0 (%y) does not dominate this use
// CHECK-NEXT: return %y
func.func @branch_not_dominating(%c: i1, %a: i32) -> i32 {
  cf.cond_br %c, ^bb1, ^bb2
^bb1:
  %y = arith.addi %a, %a : i32
  cf.br ^bb3
^bb2:
  cf.br ^bb3
^bb3:
  return %y : i32  // expected-error {{operand #0 (%y) does not dominate this use}}
}

// -----

// Valid: the entry block dominates everything, ^bb1 dominates ^bb2 (the loop exit), a block argument is
// visible in its block, and a block no branch reaches is not checked (as in MLIR).
// CHECK-LABEL: func.func @branches_ok
func.func @branches_ok(%c: i1, %a: i32) -> i32 {
  %x = arith.addi %a, %a : i32
  cf.br ^bb1(%x : i32)
^bb1(%v: i32):
  %n = arith.addi %v, %x : i32
  %done = arith.cmpi slt, %n, %a : i32
  cf.cond_br %done, ^bb1(%n : i32), ^bb2
^bb2:
  %r = arith.addi %n, %x : i32
  return %r : i32
^unreachable:
  %z = arith.addi %later, %a : i32
  %later = arith.addi %a, %a : i32
  cf.br ^bb2
}

// -----

// Valid: values of enclosing blocks, block arguments and iteration arguments inside nested regions.
// CHECK-LABEL: func.func @nested_ok
func.func @nested_ok(%n: index, %c: i1) -> index {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %c0) -> (index) {
    %t = scf.if %c -> (index) {
      %s = arith.addi %acc, %i : index
      scf.yield %s : index
    } else {
      scf.yield %c1 : index
    }
    scf.yield %t : index
  }
  return %r : index
}

// -----

// Valid: the regions of ops of unregistered dialects may be graph regions (no order), as in MLIR.
// CHECK-LABEL: func.func @graph_region
// CHECK:        "test.graph"() ({
// CHECK-NEXT:     %{{.*}} = "test.use"(%{{.*}}) : (i32) -> i32
func.func @graph_region() {
  "test.graph"() ({
    %a = "test.use"(%b) : (i32) -> i32
    %b = "test.def"() : () -> i32
  }) : () -> ()
  return
}
