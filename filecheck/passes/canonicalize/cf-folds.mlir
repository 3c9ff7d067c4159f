// RUN: irtk-opt %s --split-input-file --allow-unregistered-dialect -p canonicalize | filecheck %s

// cf's folds beyond xDSL's as MLIR's canonicalize does them: branch weights survive a pass-through fold
// (irtk/passes/branch_folds.py), and region simplification erases dead block arguments with the operands
// passed for them, so the ops computing those die too (irtk/passes/dead_block_args.py).

// CHECK-LABEL: func.func @weights_survive_pass_through(
// CHECK:         cf.cond_br %{{.*}} weights([1, 99]), ^[[A:.*]], ^[[B:.*]]
// CHECK:       ^[[A]]:
// CHECK-NEXT:    "test.use_a"()
func.func @weights_survive_pass_through(%c: i1) {
  cf.cond_br %c weights([1, 99]), ^bb1, ^bb2
^bb1:
  cf.br ^bb3
^bb2:
  "test.use_b"() : () -> ()
  return
^bb3:
  "test.use_a"() : () -> ()
  return
}

// -----

// CHECK-LABEL: func.func @dead_arguments_take_their_operands_along(
// CHECK-NOT:     arith.
// CHECK:         cf.cond_br %{{.*}}, ^[[A:.*]], ^[[B:.*]]
// CHECK:       ^[[A]]:
// CHECK-NEXT:    "test.use_a"()
// CHECK-NEXT:    cf.br ^[[EXIT:[^ (]*]]{{$}}
// CHECK:       ^[[B]]:
// CHECK-NEXT:    "test.use_b"()
// CHECK-NEXT:    "test.use_c"()
// CHECK-NEXT:    cf.br ^[[EXIT]]{{$}}
// CHECK:       ^[[EXIT]]:
// CHECK-NEXT:    func.return
func.func @dead_arguments_take_their_operands_along(%c: i1, %n: i32) {
  cf.cond_br %c, ^bb1, ^bb2
^bb1:
  %a = arith.addi %n, %n : i32
  "test.use_a"() : () -> ()
  cf.br ^bb3(%a : i32)
^bb2:
  %b = arith.muli %n, %n : i32
  "test.use_b"() : () -> ()
  cf.br ^bb4(%b : i32)
^bb4(%x: i32):
  %y = arith.subi %x, %n : i32
  "test.use_c"() : () -> ()
  cf.br ^bb3(%y : i32)
^bb3(%z: i32):
  return
}

// -----

// CHECK-LABEL: func.func @live_arguments_stay(
// CHECK:         cf.switch %{{.*}} : i32, [
// CHECK-NEXT:      default: ^[[D:[^(]*]](%{{.*}} : i32),
// CHECK-NEXT:      4: ^[[F:[^,]*]]{{$}}
// CHECK:       ^[[D]](%[[X:.*]]: i32):
// CHECK-NEXT:    "test.use"(%[[X]])
// CHECK:       ^[[F]]:
// CHECK-NEXT:    "test.use_four"()
func.func @live_arguments_stay(%flag: i32, %u: i32, %v: i32) {
  cf.switch %flag : i32, [
    default: ^bb1(%u : i32),
    4: ^bb2(%v : i32)
  ]
^bb1(%x: i32):
  "test.use"(%x) : (i32) -> ()
  return
^bb2(%unused: i32):
  "test.use_four"() : () -> ()
  return
}

// -----

// CHECK-LABEL: func.func @entry_arguments_stay(%{{.*}}: i32)
func.func @entry_arguments_stay(%unused: i32) {
  return
}
