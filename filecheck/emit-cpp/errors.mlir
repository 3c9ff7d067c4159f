// RUN: not irtk-opt %s --split-input-file --emit=cpp 2>&1 | filecheck %s

// The emitter checks the whole module before printing anything; IR outside the loop level is an error
// that names the op and points at it.

// CHECK: errors.mlir:[[# @LINE + 3]]:3: error: cannot emit C++: 'memref.rank' in @rank at {{.*}}errors.mlir:[[# @LINE + 3]]:3: the C++ emitter does not support this op
// CHECK-NOT: irtk_entry
func.func @rank(%x: memref<8xf64>) -> memref<8xf64> {
  %n = "memref.rank"(%x) : (memref<8xf64>) -> index
  %r = memref.alloc() : memref<8xf64>
  func.return %r : memref<8xf64>
}

// -----

// CHECK: error: cannot emit C++: 'scf.parallel' in @reduce at {{.*}}: reductions in scf.parallel are unsupported
func.func @reduce(%x: memref<8xf64>) -> memref<f64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %zero = arith.constant 0.0 : f64
  %s = "scf.parallel"(%c0, %c8, %c1, %zero) <{operandSegmentSizes = array<i32: 1, 1, 1, 1>}> ({
  ^bb0(%i: index):
    %v = memref.load %x[%i] : memref<8xf64>
    "scf.reduce"(%v) ({
    ^bb1(%a: f64, %b: f64):
      %sum = arith.addf %a, %b : f64
      "scf.reduce.return"(%sum) : (f64) -> ()
    }) : (f64) -> ()
  }) : (index, index, index, f64) -> f64
  %r = memref.alloc() : memref<f64>
  memref.store %s, %r[] : memref<f64>
  func.return %r : memref<f64>
}

// -----

// CHECK: error: cannot emit C++: the module needs exactly one public func.func (the entry point); it has @one, @two
func.func @one() {
  func.return
}
func.func @two() {
  func.return
}

// -----

// CHECK: error: cannot emit C++: 2 problems:
// CHECK-SAME: 'memref.store' in @f at {{.*}}: stores into a constant global
// CHECK-SAME: 'memref.alloca' in @f at {{.*}}: a memref.alloca result may not leave its block
"memref.global"() <{sym_name = "k", type = memref<2xf64>, sym_visibility = "private", constant,
  initial_value = dense<1.0> : tensor<2xf64>}> : () -> ()
func.func @f() -> memref<2xf64> {
  %c0 = arith.constant 0 : index
  %one = arith.constant 1.0 : f64
  %k = memref.get_global @k : memref<2xf64>
  memref.store %one, %k[%c0] : memref<2xf64>
  %a = memref.alloca() : memref<2xf64>
  func.return %a : memref<2xf64>
}

// -----

// An irtk.dtype attribute that names no dtype, or one its memref's element type cannot hold, is the input's error.
// CHECK: error: cannot emit C++: 'func.func' in @bad_dtype at {{.*}}: the entry point's irtk.dtype attributes: irtk does not support dtype 'float99'
func.func @bad_dtype(%x: memref<?xi8> {irtk.dtype = "float99"}) -> memref<?xi8> {
  func.return %x : memref<?xi8>
}

// -----

// CHECK: error: cannot emit C++: 'func.func' in @wrong_width at {{.*}}: the entry point's irtk.dtype attributes: irtk.dtype = "int32" does not name a dtype whose signless type is i8
func.func @wrong_width(%x: memref<?xi8> {irtk.dtype = "int32"}) -> memref<?xi8> {
  func.return %x : memref<?xi8>
}
