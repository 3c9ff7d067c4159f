// RUN: irtk-opt %s --split-input-file --allow-unregistered-dialect -p canonicalize | filecheck %s

// MLIR's scf canonicalization patterns that irtk adds to xDSL's (irtk/passes/upstream_folds/scf.py).

// CHECK-LABEL: func.func @if_unused_results
// CHECK:         %[[R:.*]] = scf.if %{{.*}} -> (index) {
// CHECK-NEXT:      "test.first"
// CHECK-NEXT:      %[[B:.*]] = "test.second"
// CHECK-NEXT:      scf.yield %[[B]] : index
// CHECK:         func.return %[[R]]
func.func @if_unused_results(%c: i1) -> index {
  %r:2 = scf.if %c -> (index, index) {
    %a = "test.first"() : () -> index
    %b = "test.second"() : () -> index
    scf.yield %a, %b : index, index
  } else {
    %d = "test.other"() : () -> index
    scf.yield %d, %d : index, index
  }
  return %r#1 : index
}

// -----

// CHECK-LABEL: func.func @if_to_select
// CHECK-NOT:     scf.if
// CHECK:         %[[S:.*]] = arith.select %{{.*}}, %{{.*}}, %{{.*}} : f32
// CHECK-NEXT:    func.return %[[S]]
func.func @if_to_select(%c: i1, %a: f32, %b: f32) -> f32 {
  %r = scf.if %c -> f32 {
    scf.yield %a : f32
  } else {
    scf.yield %b : f32
  }
  return %r : f32
}

// -----

// CHECK-LABEL: func.func @if_same_value_and_condition
// CHECK-SAME:    (%[[C:.*]]: i1, %[[V:.*]]: f32)
// CHECK:         scf.if %[[C]] {
// CHECK-NEXT:      "test.effect"() : () -> ()
// CHECK-NEXT:    }
// CHECK:         %[[NOT:.*]] = arith.xori %[[C]], %{{.*}} : i1
// CHECK-NEXT:    func.return %[[V]], %[[C]], %[[NOT]]
func.func @if_same_value_and_condition(%c: i1, %v: f32) -> (f32, i1, i1) {
  %true = arith.constant true
  %false = arith.constant false
  %r:3 = scf.if %c -> (f32, i1, i1) {
    "test.effect"() : () -> ()
    scf.yield %v, %true, %false : f32, i1, i1
  } else {
    scf.yield %v, %false, %true : f32, i1, i1
  }
  return %r#0, %r#1, %r#2 : f32, i1, i1
}

// -----

// CHECK-LABEL: func.func @if_empty_else_and_empty_if
// CHECK:         scf.if %{{.*}} {
// CHECK-NEXT:      "test.effect"() : () -> ()
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return
func.func @if_empty_else_and_empty_if(%c: i1, %d: i1) {
  scf.if %c {
    "test.effect"() : () -> ()
  } else {
  }
  scf.if %d {
  } else {
  }
  return
}

// -----

// CHECK-LABEL: func.func @if_condition_known_inside
// CHECK-DAG:     %[[T:.*]] = arith.constant true
// CHECK-DAG:     %[[F:.*]] = arith.constant false
// CHECK:         scf.if %{{.*}} {
// CHECK-NEXT:      "test.then"(%[[T]]) : (i1) -> ()
// CHECK-NEXT:    } else {
// CHECK-NEXT:      "test.else"(%[[F]]) : (i1) -> ()
// CHECK-NEXT:    }
func.func @if_condition_known_inside(%c: i1) {
  scf.if %c {
    "test.then"(%c) : (i1) -> ()
  } else {
    "test.else"(%c) : (i1) -> ()
  }
  return
}

// -----

// CHECK-LABEL: func.func @for_iter_args
// CHECK-SAME:    (%{{.*}}: index, %[[A:.*]]: f32, %[[B:.*]]: f32, %[[C:.*]]: f32)
// CHECK:         %[[R:.*]] = scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[ACC:.*]] = %[[C]]) -> (f32) {
// CHECK-NEXT:      %[[X:.*]] = "test.step"(%[[A]], %[[B]], %[[ACC]])
// CHECK-NEXT:      scf.yield %[[X]] : f32
// CHECK-NEXT:    }
// CHECK-NEXT:    func.return %[[A]], %[[B]], %[[R]]
func.func @for_iter_args(%n: index, %a: f32, %b: f32, %c: f32) -> (f32, f32, f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r:4 = scf.for %i = %c0 to %n step %c1 iter_args(%same = %a, %init = %b, %acc = %c, %dead = %c) -> (f32, f32, f32, f32) {
    %x = "test.step"(%same, %init, %acc) : (f32, f32, f32) -> f32
    scf.yield %same, %b, %x, %x : f32, f32, f32, f32
  }
  return %r#0, %r#1, %r#2 : f32, f32, f32
}

// -----

// CHECK-LABEL: func.func @for_empty_and_hoisting
// CHECK-NOT:     scf.for %{{.*}} = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK:         scf.for
// CHECK-NEXT:      "test.effect"(%{{.*}}) : (index) -> ()
// CHECK-NEXT:      "test.keep"() : () -> index
func.func @for_empty_and_hoisting(%n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %n step %c1 {
  }
  scf.for %i = %c0 to %n step %c1 {
    %k = arith.constant 7 : index
    "test.effect"(%k) : (index) -> ()
    %u = "test.keep"() : () -> index
  }
  return
}

// -----

// CHECK-LABEL: func.func @parallel_dims
// CHECK:         "scf.parallel"(%{{.*}}, %{{.*}}, %{{.*}}) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
// CHECK-NEXT:    ^{{.*}}(%[[J:.*]]: index):
// CHECK-NEXT:      "test.use"(%c2, %[[J]]) : (index, index) -> ()
// CHECK:         %[[S:.*]] = arith.addf %{{.*}}, %{{.*}} : f32
// CHECK-NEXT:    func.return %[[S]], %{{.*}} : f32, f32
func.func @parallel_dims(%n: index, %v: f32, %init: f32) -> (f32, f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  scf.parallel (%i, %j) = (%c2, %c0) to (%c3, %n) step (%c1, %c1) {
    "test.use"(%i, %j) : (index, index) -> ()
    scf.reduce
  }
  %r = scf.parallel (%i) = (%c2) to (%c3) step (%c1) init (%init) -> f32 {
    scf.reduce(%v : f32) {
    ^bb0(%a: f32, %b: f32):
      %s = arith.addf %a, %b : f32
      scf.reduce.return %s : f32
    }
  }
  %z = scf.parallel (%i) = (%c3) to (%c2) step (%c1) init (%init) -> f32 {
    scf.reduce(%v : f32) {
    ^bb0(%a: f32, %b: f32):
      %s = arith.mulf %a, %b : f32
      scf.reduce.return %s : f32
    }
  }
  return %r, %z : f32, f32
}

// -----

// CHECK-LABEL: func.func @index_switch_and_while
// CHECK-NOT:     scf.index_switch
// CHECK-DAG:     %[[T:.*]] = arith.constant true
// CHECK-DAG:     %[[TWO:.*]] = "test.two"() : () -> index
// CHECK:         scf.while
// CHECK:         "test.step"(%{{.*}}, %[[T]]) : (i32, i1) -> i32
func.func @index_switch_and_while(%init: i32) -> (index, i32) {
  %c2 = arith.constant 2 : index
  %s = scf.index_switch %c2 -> index
  case 2 {
    %b = "test.two"() : () -> index
    scf.yield %b : index
  }
  default {
    %d = "test.default"() : () -> index
    scf.yield %d : index
  }
  %r:2 = scf.while (%x = %init) : (i32) -> (i32, i1) {
    %c = "test.cond"(%x) : (i32) -> i1
    scf.condition(%c) %x, %c : i32, i1
  } do {
  ^bb0(%y: i32, %known: i1):
    %n = "test.step"(%y, %known) : (i32, i1) -> i32
    scf.yield %n : i32
  }
  return %s, %r#0 : index, i32
}
