// scf canonicalization corpus: scf.if with a constant condition, empty or trivial regions, results the same in
// both branches, results that are the condition, unused results; scf.for with zero or one iteration, iter_args
// yielded unchanged or dead, empty loops; scf.parallel with single- or zero-iteration dimensions;
// scf.execute_region inlining; scf.while and scf.index_switch; and loops and branches where nothing folds.

func.func @if_true_inlines_then() -> index {
  %true = arith.constant true
  %r = scf.if %true -> index {
    %a = "test.source"() : () -> index
    scf.yield %a : index
  } else {
    %b = "test.other"() : () -> index
    scf.yield %b : index
  }
  return %r : index
}

// -----

func.func @if_false_inlines_else() -> (f32, f32) {
  %false = arith.constant false
  %r:2 = scf.if %false -> (f32, f32) {
    %a = "test.source"() : () -> f32
    scf.yield %a, %a : f32, f32
  } else {
    %b = "test.other"() : () -> f32
    %c = "test.other"() : () -> f32
    scf.yield %b, %c : f32, f32
  }
  return %r#0, %r#1 : f32, f32
}

// -----

func.func @if_false_without_else_is_erased() {
  %false = arith.constant false
  scf.if %false {
    "test.effect"() : () -> ()
  }
  return
}

// -----

func.func @if_empty_regions_is_erased(%c: i1) {
  scf.if %c {
  } else {
  }
  return
}

// -----

func.func @if_same_value_in_both_branches(%c: i1) -> index {
  %v = "test.source"() : () -> index
  %r = scf.if %c -> index {
    "test.effect"() : () -> ()
    scf.yield %v : index
  } else {
    scf.yield %v : index
  }
  return %r : index
}

// -----

func.func @if_trivial_to_select(%c: i1) -> f32 {
  %a = "test.source"() : () -> f32
  %b = "test.source"() : () -> f32
  %r = scf.if %c -> f32 {
    scf.yield %a : f32
  } else {
    scf.yield %b : f32
  }
  return %r : f32
}

// -----

func.func @if_yields_the_condition(%c: i1) -> (i1, i1) {
  %true = arith.constant true
  %false = arith.constant false
  %r:2 = scf.if %c -> (i1, i1) {
    "test.effect"() : () -> ()
    scf.yield %true, %false : i1, i1
  } else {
    scf.yield %false, %true : i1, i1
  }
  return %r#0, %r#1 : i1, i1
}

// -----

func.func @if_unused_results_dropped(%c: i1) -> index {
  %r:2 = scf.if %c -> (index, index) {
    %a = "test.source"() : () -> index
    %b = "test.source"() : () -> index
    scf.yield %a, %b : index, index
  } else {
    %d = "test.other"() : () -> index
    scf.yield %d, %d : index, index
  }
  return %r#1 : index
}

// -----

func.func @if_empty_else_removed(%c: i1) {
  scf.if %c {
    "test.effect"() : () -> ()
  } else {
  }
  return
}

// -----

func.func @if_nothing_folds(%c: i1) -> f32 {
  %r = scf.if %c -> f32 {
    %a = "test.source"() : () -> f32
    scf.yield %a : f32
  } else {
    %b = "test.other"() : () -> f32
    scf.yield %b : f32
  }
  return %r : f32
}

// -----

func.func @for_zero_iterations(%init: f32) -> f32 {
  %c0 = arith.constant 0 : index
  %c4 = arith.constant 4 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c4 to %c0 step %c1 iter_args(%acc = %init) -> (f32) {
    %x = "test.step"(%acc) : (f32) -> f32
    scf.yield %x : f32
  }
  return %r : f32
}

// -----

func.func @for_one_iteration(%init: f32) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %r = scf.for %i = %c0 to %c1 step %c8 iter_args(%acc = %init) -> (f32) {
    %x = "test.step"(%i, %acc) : (index, f32) -> f32
    scf.yield %x : f32
  }
  return %r : f32
}

// -----

func.func @for_iter_arg_yielded_unchanged(%n: index, %init: f32, %other: f32) -> (f32, f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r:2 = scf.for %i = %c0 to %n step %c1 iter_args(%same = %init, %acc = %other) -> (f32, f32) {
    %x = "test.step"(%same, %acc) : (f32, f32) -> f32
    scf.yield %same, %x : f32, f32
  }
  return %r#0, %r#1 : f32, f32
}

// -----

func.func @for_dead_iter_arg(%n: index, %init: f32) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r:2 = scf.for %i = %c0 to %n step %c1 iter_args(%dead = %init, %acc = %init) -> (f32, f32) {
    %d = arith.addf %dead, %dead : f32
    %x = "test.step"(%acc) : (f32) -> f32
    scf.yield %d, %x : f32, f32
  }
  return %r#1 : f32
}

// -----

func.func @for_yields_its_init(%n: index, %init: f32) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %init) -> (f32) {
    "test.effect"(%acc) : (f32) -> ()
    scf.yield %init : f32
  }
  return %r : f32
}

// -----

func.func @for_empty_body_is_erased(%n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %n step %c1 {
  }
  return
}

// -----

func.func @for_nothing_folds(%m: memref<?xf32>, %n: index) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  %s = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %zero) -> (f32) {
    %x = memref.load %m[%i] : memref<?xf32>
    %t = arith.addf %acc, %x : f32
    scf.yield %t : f32
  }
  return %s : f32
}

// -----

func.func @parallel_single_iteration_dimension(%m: memref<?x?xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.parallel (%i, %j) = (%c0, %c0) to (%c1, %n) step (%c1, %c1) {
    %x = "test.source"(%i, %j) : (index, index) -> f32
    memref.store %x, %m[%i, %j] : memref<?x?xf32>
    scf.reduce
  }
  return
}

// -----

func.func @parallel_all_single_iteration(%m: memref<?xf32>) {
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %c1 = arith.constant 1 : index
  scf.parallel (%i) = (%c3) to (%c4) step (%c1) {
    %x = "test.source"(%i) : (index) -> f32
    memref.store %x, %m[%i] : memref<?xf32>
    scf.reduce
  }
  return
}

// -----

func.func @parallel_zero_iterations(%m: memref<?xf32>, %init: f32) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.parallel (%i) = (%c0) to (%c0) step (%c1) init (%init) -> f32 {
    %x = memref.load %m[%i] : memref<?xf32>
    scf.reduce(%x : f32) {
    ^bb0(%a: f32, %b: f32):
      %s = arith.addf %a, %b : f32
      scf.reduce.return %s : f32
    }
  }
  return %r : f32
}

// -----

func.func @parallel_reduction_nothing_folds(%m: memref<?xf32>, %n: index) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  %r = scf.parallel (%i) = (%c0) to (%n) step (%c1) init (%zero) -> f32 {
    %x = memref.load %m[%i] : memref<?xf32>
    scf.reduce(%x : f32) {
    ^bb0(%a: f32, %b: f32):
      %s = arith.addf %a, %b : f32
      scf.reduce.return %s : f32
    }
  }
  return %r : f32
}

// -----

func.func @execute_region_inlined() -> index {
  %r = scf.execute_region -> index {
    %a = "test.source"() : () -> index
    scf.yield %a : index
  }
  return %r : index
}

// -----

func.func @while_nothing_folds(%init: i32) -> i32 {
  %r = scf.while (%x = %init) : (i32) -> i32 {
    %c = "test.cond"(%x) : (i32) -> i1
    scf.condition(%c) %x : i32
  } do {
  ^bb0(%y: i32):
    %n = "test.step"(%y) : (i32) -> i32
    scf.yield %n : i32
  }
  return %r : i32
}

// -----

func.func @while_condition_is_true_in_body(%init: i32) -> i32 {
  %r:2 = scf.while (%x = %init) : (i32) -> (i32, i1) {
    %c = "test.cond"(%x) : (i32) -> i1
    scf.condition(%c) %x, %c : i32, i1
  } do {
  ^bb0(%y: i32, %known: i1):
    %n = "test.step"(%y, %known) : (i32, i1) -> i32
    scf.yield %n : i32
  }
  return %r#0 : i32
}

// -----

func.func @index_switch_constant_case() -> index {
  %c2 = arith.constant 2 : index
  %r = scf.index_switch %c2 -> index
  case 1 {
    %a = "test.one"() : () -> index
    scf.yield %a : index
  }
  case 2 {
    %b = "test.two"() : () -> index
    scf.yield %b : index
  }
  default {
    %d = "test.default"() : () -> index
    scf.yield %d : index
  }
  return %r : index
}

// -----

func.func @nested_if_same_condition(%c: i1) {
  scf.if %c {
    scf.if %c {
      "test.effect"() : () -> ()
    }
  }
  return
}
