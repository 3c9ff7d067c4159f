// cf: branch folds as MLIR's canonicalize does them: cond_br on a constant, cond_br whose successors and
// operands are equal, pass-through blocks (also on cycles, which must terminate), merging a block into its
// only predecessor, cond_br truth propagation, branch weights, switch folds (constant flag, only a default,
// cases that match the default, switch on the flag of an enclosing switch), cf.assert of true, unreachable
// blocks, identical blocks and block arguments that always receive the same value; and branches that stay.

func.func @cond_br_true() {
  %t = arith.constant true
  %a = "test.source"() : () -> i32
  cf.cond_br %t, ^bb1(%a : i32), ^bb2
^bb1(%x: i32):
  "test.use"(%x) : (i32) -> ()
  return
^bb2:
  "test.other"() : () -> ()
  return
}

// -----

func.func @cond_br_false() {
  %f = arith.constant false
  cf.cond_br %f, ^bb1, ^bb2
^bb1:
  "test.use_a"() : () -> ()
  return
^bb2:
  "test.use_b"() : () -> ()
  return
}

// -----

func.func @cond_br_same_successor_same_operands(%c: i1) {
  %a = "test.source"() : () -> i32
  cf.cond_br %c, ^bb1(%a : i32), ^bb1(%a : i32)
^bb1(%x: i32):
  "test.use"(%x) : (i32) -> ()
  return
}

// -----

func.func @cond_br_same_successor_different_operands_becomes_select(%c: i1) {
  %a = "test.source"() : () -> i32
  %b = "test.source"() : () -> i32
  cf.cond_br %c, ^bb1(%a : i32), ^bb1(%b : i32)
^bb1(%x: i32):
  "test.use"(%x) : (i32) -> ()
  return
}

// -----

func.func @br_into_single_predecessor_block() {
  %a = "test.source"() : () -> i32
  cf.br ^bb1(%a : i32)
^bb1(%x: i32):
  "test.use"(%x) : (i32) -> ()
  cf.br ^bb2
^bb2:
  "test.use"(%x) : (i32) -> ()
  return
}

// -----

func.func @pass_through_block(%c: i1) {
  %a = "test.source"() : () -> i32
  cf.cond_br %c, ^bb1, ^bb3
^bb1:
  cf.br ^bb2(%a : i32)
^bb2(%x: i32):
  "test.use"(%x) : (i32) -> ()
  return
^bb3:
  cf.br ^bb2(%a : i32)
}

// -----

func.func @cycle_of_empty_blocks_terminates() {
  cf.br ^bb1
^bb1:
  cf.br ^bb2
^bb2:
  cf.br ^bb1
}

// -----

func.func @loop_stays(%n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  cf.br ^bb1(%c0 : index)
^bb1(%i: index):
  %lt = arith.cmpi slt, %i, %n : index
  cf.cond_br %lt, ^bb2, ^bb3
^bb2:
  "test.use"(%i) : (index) -> ()
  %next = arith.addi %i, %c1 : index
  cf.br ^bb1(%next : index)
^bb3:
  return
}

// -----

func.func @truth_propagation(%c: i1) {
  cf.cond_br %c, ^bb1, ^bb2
^bb1:
  "test.use"(%c) : (i1) -> ()
  return
^bb2:
  "test.use"(%c) : (i1) -> ()
  return
}

// -----

func.func @cond_br_weights_stay(%c: i1) {
  cf.cond_br %c weights([10, 90]), ^bb1, ^bb2
^bb1:
  "test.use_a"() : () -> ()
  return
^bb2:
  "test.use_b"() : () -> ()
  return
}

// -----

func.func @cond_br_weights_constant_condition() {
  %t = arith.constant true
  cf.cond_br %t weights([3, 1]), ^bb1, ^bb2
^bb1:
  "test.use_a"() : () -> ()
  return
^bb2:
  "test.use_b"() : () -> ()
  return
}

// -----

func.func @assert_true_is_erased() {
  %t = arith.constant true
  cf.assert %t, "always holds"
  return
}

// -----

func.func @assert_unknown_stays(%c: i1) {
  cf.assert %c, "may fail"
  return
}

// -----

func.func @assert_false_stays() {
  %f = arith.constant false
  cf.assert %f, "always fails"
  return
}

// -----

func.func @switch_constant_flag() {
  %flag = arith.constant 2 : i32
  %a = "test.source"() : () -> i32
  cf.switch %flag : i32, [
    default: ^bb1,
    1: ^bb2,
    2: ^bb3(%a : i32)
  ]
^bb1:
  "test.use_default"() : () -> ()
  return
^bb2:
  "test.use_one"() : () -> ()
  return
^bb3(%x: i32):
  "test.use"(%x) : (i32) -> ()
  return
}

// -----

func.func @switch_constant_flag_takes_default() {
  %flag = arith.constant 7 : i32
  cf.switch %flag : i32, [
    default: ^bb1,
    1: ^bb2
  ]
^bb1:
  "test.use_default"() : () -> ()
  return
^bb2:
  "test.use_one"() : () -> ()
  return
}

// -----

func.func @switch_only_default(%flag: i32) {
  cf.switch %flag : i32, [
    default: ^bb1
  ]
^bb1:
  "test.use_default"() : () -> ()
  return
}

// -----

func.func @switch_case_matching_default_is_dropped(%flag: i32) {
  %a = "test.source"() : () -> i32
  cf.switch %flag : i32, [
    default: ^bb1(%a : i32),
    3: ^bb1(%a : i32),
    4: ^bb2
  ]
^bb1(%x: i32):
  "test.use"(%x) : (i32) -> ()
  return
^bb2:
  "test.use_four"() : () -> ()
  return
}

// -----

func.func @switch_on_the_flag_of_the_switch_before(%flag: i32) {
  cf.switch %flag : i32, [
    default: ^bb1,
    5: ^bb2
  ]
^bb1:
  "test.use_default"() : () -> ()
  return
^bb2:
  cf.switch %flag : i32, [
    default: ^bb3,
    5: ^bb4,
    6: ^bb5
  ]
^bb3:
  "test.use_a"() : () -> ()
  return
^bb4:
  "test.use_b"() : () -> ()
  return
^bb5:
  "test.use_c"() : () -> ()
  return
}

// -----

func.func @switch_stays(%flag: i32) {
  cf.switch %flag : i32, [
    default: ^bb1,
    0: ^bb2,
    1: ^bb3
  ]
^bb1:
  "test.use_a"() : () -> ()
  return
^bb2:
  "test.use_b"() : () -> ()
  return
^bb3:
  "test.use_c"() : () -> ()
  return
}

// -----

func.func @unreachable_blocks_are_erased() {
  "test.use"() : () -> ()
  return
^bb1:
  "test.dead"() : () -> ()
  cf.br ^bb2
^bb2:
  "test.dead"() : () -> ()
  cf.br ^bb1
}

// -----

func.func @identical_blocks_merge(%c: i1) {
  %a = "test.source"() : () -> i32
  cf.cond_br %c, ^bb1, ^bb2
^bb1:
  "test.use"(%a) : (i32) -> ()
  return
^bb2:
  "test.use"(%a) : (i32) -> ()
  return
}

// -----

func.func @block_argument_with_one_incoming_value(%c: i1) {
  %a = "test.source"() : () -> i32
  cf.cond_br %c, ^bb1(%a : i32), ^bb2
^bb1(%x: i32):
  "test.use_a"(%x) : (i32) -> ()
  cf.br ^bb3(%x : i32)
^bb2:
  "test.use_b"() : () -> ()
  cf.br ^bb3(%a : i32)
^bb3(%y: i32):
  "test.use"(%y) : (i32) -> ()
  return
}

// -----

func.func @dead_block_argument(%c: i1) {
  %a = "test.source"() : () -> i32
  %b = "test.source"() : () -> i32
  cf.cond_br %c, ^bb1(%a : i32), ^bb2
^bb1(%x: i32):
  "test.use_a"() : () -> ()
  cf.br ^bb3(%x : i32)
^bb2:
  "test.use_b"() : () -> ()
  cf.br ^bb3(%b : i32)
^bb3(%y: i32):
  return
}

// -----

func.func @identical_blocks_different_values(%c: i1) {
  %a = "test.source"() : () -> i32
  %b = "test.source"() : () -> i32
  cf.cond_br %c, ^bb1, ^bb2
^bb1:
  "test.use"(%a) : (i32) -> ()
  return
^bb2:
  "test.use"(%b) : (i32) -> ()
  return
}

// -----

func.func @cond_br_in_successor_on_same_condition(%c: i1) {
  cf.cond_br %c, ^bb1, ^bb2
^bb1:
  "test.use_a"() : () -> ()
  cf.cond_br %c, ^bb3, ^bb4
^bb2:
  return
^bb3:
  "test.use_b"() : () -> ()
  return
^bb4:
  "test.use_c"() : () -> ()
  return
}

// -----

func.func @pass_through_to_same_block(%c: i1) {
  %a = "test.source"() : () -> i32
  %b = "test.source"() : () -> i32
  cf.cond_br %c, ^bb1, ^bb2
^bb1:
  cf.br ^bb3(%a : i32)
^bb2:
  cf.br ^bb3(%b : i32)
^bb3(%x: i32):
  "test.use"(%x) : (i32) -> ()
  return
}

// -----

func.func @switch_negative_i8() {
  %flag = arith.constant -3 : i8
  cf.switch %flag : i8, [
    default: ^bb1,
    -3: ^bb2
  ]
^bb1:
  "test.use_default"() : () -> ()
  return
^bb2:
  "test.use_one"() : () -> ()
  return
}

// -----

func.func @not_condition(%c: i1) {
  %t = arith.constant true
  %n = arith.xori %c, %t : i1
  cf.cond_br %n, ^bb1, ^bb2
^bb1:
  "test.use_a"() : () -> ()
  return
^bb2:
  "test.use_b"() : () -> ()
  return
}

// -----

func.func @loop_with_invariant_block_argument(%n: index) {
  %a = "test.source"() : () -> i32
  cf.br ^bb1(%a : i32)
^bb1(%x: i32):
  %c = "test.cond"() : () -> i1
  "test.use"(%x) : (i32) -> ()
  cf.cond_br %c, ^bb1(%x : i32), ^bb2
^bb2:
  return
}

// -----

func.func @cond_br_weights_pass_through(%c: i1) {
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

func.func @switch_same_successor_everywhere(%flag: i32) {
  cf.switch %flag : i32, [
    default: ^bb1,
    1: ^bb1,
    2: ^bb1
  ]
^bb1:
  "test.use"() : () -> ()
  return
}

// -----

func.func @cond_br_same_successor_weights(%c: i1) {
  %a = "test.source"() : () -> i32
  cf.cond_br %c weights([5, 5]), ^bb1(%a : i32), ^bb1(%a : i32)
^bb1(%x: i32):
  "test.use"(%x) : (i32) -> ()
  return
}

// -----

func.func @dead_block_argument_takes_its_operands_along(%c: i1, %n: i32) {
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
