// RUN: not irtk-opt %s -p 'tile{sizes=4,-1}' 2>&1 | filecheck %s --check-prefix=NEGATIVE
// RUN: not irtk-opt %s -p 'tile{sizes=18446744073709551611}' 2>&1 | filecheck %s --check-prefix=HUGE
// RUN: not irtk-opt %s -p 'tile{sizes=9223372036854775808}' 2>&1 | filecheck %s --check-prefix=TWO63
// RUN: not irtk-opt %s -p 'tile{sizes=4,true}' 2>&1 | filecheck %s --check-prefix=BOOL
// RUN: irtk-opt %s -p 'tile{sizes=4}' --split-input-file --verify-diagnostics | filecheck %s

// A negative size is a bad option: the command line is refused before any input is read.
// NEGATIVE: <pass-pipeline>:1:6: error: invalid value for option 'sizes' of pass 'tile' (sizes=4,-1): tile: sizes must not be negative, got 4,-1

// A size of 2**63 or more would wrap in index arithmetic (a loop that never ends); a boolean is no size.
// HUGE: error: invalid value for option 'sizes' of pass 'tile' ({{.*}}): tile: sizes must be below 2**63 (the range of index), got 18446744073709551611
// TWO63: error: invalid value for option 'sizes' of pass 'tile' ({{.*}}): tile: sizes must be below 2**63 (the range of index), got 9223372036854775808
// BOOL: error: invalid value for option 'sizes' of pass 'tile' ({{.*}}): tile: sizes must be integers, got 4,true

// An scf.parallel with reductions is not loop-level IR; the pass refuses to tile it.
func.func @with_reduction(%a: memref<8xf64>) -> f64 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %zero = arith.constant 0.0 : f64
  // expected-error @+1 {{tile: cannot tile an scf.parallel with reductions (the loop level has none)}}
  %sum = "scf.parallel"(%c0, %c8, %c1, %zero) <{operandSegmentSizes = array<i32: 1, 1, 1, 1>}> ({
  ^bb0(%i: index):
    %x = memref.load %a[%i] : memref<8xf64>
    "scf.reduce"(%x) ({
    ^bb1(%l: f64, %r: f64):
      %s = arith.addf %l, %r : f64
      "scf.reduce.return"(%s) : (f64) -> ()
    }) : (f64) -> ()
  }) : (index, index, index, f64) -> f64
  func.return %sum : f64
}

// -----

// Without scf.parallel (a rank-0 kernel, a pure reduction), there is nothing to tile.
// CHECK:       func.func @no_parallel(%a: memref<8xf64>, %out: memref<f64>) {
// CHECK-NEXT:    %c0 = arith.constant 0 : index
// CHECK-NEXT:    %c1 = arith.constant 1 : index
// CHECK-NEXT:    %c8 = arith.constant 8 : index
// CHECK-NEXT:    %init = memref.load %out[] : memref<f64>
// CHECK-NEXT:    %sum = scf.for %i = %c0 to %c8 step %c1 iter_args(%acc = %init) -> (f64) {
func.func @no_parallel(%a: memref<8xf64>, %out: memref<f64>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %init = memref.load %out[] : memref<f64>
  %sum = scf.for %i = %c0 to %c8 step %c1 iter_args(%acc = %init) -> (f64) {
    %x = memref.load %a[%i] : memref<8xf64>
    %s = arith.addf %acc, %x : f64
    scf.yield %s : f64
  }
  memref.store %sum, %out[] : memref<f64>
  func.return
}
