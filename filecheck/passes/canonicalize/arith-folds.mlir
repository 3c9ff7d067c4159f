// RUN: irtk-opt %s --split-input-file --allow-unregistered-dialect -p canonicalize | filecheck %s

// arith's folds that MLIR has and xDSL lacks (irtk/passes/upstream_folds/arith*.py, constant_uniquing.py),
// each as exact as MLIR's: integers wrap at their width and read signed or unsigned as the op says, what MLIR
// leaves alone stays (division by zero, overflowing divsi, over-wide shifts, x + 0.0, NaN to integer), floats
// round once to their type, NaN and signed zeros are kept.

// CHECK-LABEL: func.func @int_constants(
// CHECK-DAG:     %[[A:.*]] = arith.constant -56 : i8
// CHECK-DAG:     %[[B:.*]] = arith.constant -4 : i8
// CHECK-DAG:     %[[C:.*]] = arith.constant 124 : i8
// CHECK-DAG:     %[[D:.*]] = arith.constant -1 : i8
// CHECK-DAG:     %[[E:.*]] = arith.constant 62 : i8
// CHECK-DAG:     %[[F:.*]] = arith.constant -3 : i8
// CHECK-DAG:     %[[G:.*]] = arith.constant 100 : i8
// CHECK-DAG:     %[[H:.*]] = arith.constant -7 : i8
// CHECK:         "test.use"(%[[A]], %[[B]], %[[C]], %[[D]], %[[E]], %[[F]], %[[G]], %[[H]], %[[G]])
func.func @int_constants() {
  %c100 = arith.constant 100 : i8
  %cm7 = arith.constant -7 : i8
  %c2 = arith.constant 2 : i8
  %c1 = arith.constant 1 : i8
  %0 = arith.addi %c100, %c100 : i8
  %1 = arith.floordivsi %cm7, %c2 : i8
  %2 = arith.divui %cm7, %c2 : i8
  %3 = arith.remsi %cm7, %c2 : i8
  %4 = arith.shrui %cm7, %c2 : i8
  %5 = arith.ceildivsi %cm7, %c2 : i8
  %6 = arith.maxui %c100, %c1 : i8
  %7 = arith.minsi %c100, %cm7 : i8
  %8 = arith.minui %c100, %cm7 : i8
  "test.use"(%0, %1, %2, %3, %4, %5, %6, %7, %8) : (i8, i8, i8, i8, i8, i8, i8, i8, i8) -> ()
  return
}

// -----

// CHECK-LABEL: func.func @int_no_fold(
// CHECK:         arith.divsi
// CHECK:         arith.divsi
// CHECK:         arith.remui
// CHECK:         arith.shli
// CHECK:         arith.shrsi
func.func @int_no_fold() {
  %c0 = arith.constant 0 : i8
  %cm1 = arith.constant -1 : i8
  %cmin = arith.constant -128 : i8
  %c8 = arith.constant 8 : i8
  %0 = arith.divsi %c8, %c0 : i8
  %1 = arith.divsi %cmin, %cm1 : i8
  %2 = arith.remui %c8, %c0 : i8
  %3 = arith.shli %cm1, %c8 : i8
  %4 = arith.shrsi %cm1, %cm1 : i8
  "test.use"(%0, %1, %2, %3, %4) : (i8, i8, i8, i8, i8) -> ()
  return
}

// -----

// CHECK-LABEL: func.func @int_identities(
// CHECK-DAG:     %[[Z:.*]] = arith.constant 0 : i32
// CHECK-DAG:     %[[M:.*]] = arith.constant -1 : i32
// CHECK-DAG:     %[[MAX:.*]] = arith.constant 2147483647 : i32
// CHECK:         "test.use"(%x, %[[Z]], %[[Z]], %x, %[[Z]], %[[M]], %[[Z]], %x, %[[MAX]], %x, %x, %y)
func.func @int_identities(%x: i32, %y: i32) {
  %c0 = arith.constant 0 : i32
  %c1 = arith.constant 1 : i32
  %cm1 = arith.constant -1 : i32
  %cmax = arith.constant 2147483647 : i32
  %0 = arith.muli %x, %c1 : i32
  %1 = arith.subi %x, %x : i32
  %2 = arith.remsi %x, %c1 : i32
  %3 = arith.andi %x, %x : i32
  %not = arith.xori %x, %cm1 : i32
  %4 = arith.andi %x, %not : i32
  %5 = arith.ori %not, %x : i32
  %6 = arith.xori %x, %x : i32
  %7 = arith.minsi %x, %cmax : i32
  %8 = arith.maxsi %x, %cmax : i32
  %xy = arith.xori %x, %y : i32
  %9 = arith.xori %xy, %y : i32
  %s = arith.subi %x, %y : i32
  %10 = arith.addi %s, %y : i32
  %a = arith.addi %x, %y : i32
  %11 = arith.subi %a, %x : i32
  "test.use"(%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11) : (i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32) -> ()
  return
}

// -----

// Splat constants fold like scalars.
// CHECK-LABEL: func.func @splats(
// CHECK-DAG:     %[[Z:.*]] = arith.constant dense<0> : vector<4xi32>
// CHECK-DAG:     %[[S:.*]] = arith.constant dense<7> : vector<4xi32>
// CHECK:         "test.use"(%[[S]], %v, %[[Z]])
func.func @splats(%v: vector<4xi32>) {
  %a = arith.constant dense<3> : vector<4xi32>
  %b = arith.constant dense<4> : vector<4xi32>
  %z = arith.constant dense<0> : vector<4xi32>
  %0 = arith.addi %a, %b : vector<4xi32>
  %1 = arith.ori %z, %v : vector<4xi32>
  %2 = arith.subi %v, %v : vector<4xi32>
  "test.use"(%0, %1, %2) : (vector<4xi32>, vector<4xi32>, vector<4xi32>) -> ()
  return
}

// -----

// f32 results are rounded to f32 (1.5 * 0.1f is 0.15000000596..., which is not 0.15 in double).
// CHECK-LABEL: func.func @float_constants(
// CHECK-DAG:     %[[MUL:.*]] = arith.constant 1.500000e-01 : f32
// CHECK-DAG:     %[[INF:.*]] = arith.constant 0x7f800000 : f32
// CHECK-DAG:     %[[NAN:.*]] = arith.constant 0x7fc00000 : f32
// CHECK-DAG:     %[[NZ:.*]] = arith.constant -0.000000e+00 : f32
// CHECK-DAG:     %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-DAG:     %[[REM:.*]] = arith.constant 0.0999999791 : f32
// CHECK:         "test.use"(%[[MUL]], %[[INF]], %[[NAN]], %[[NZ]], %[[ONE]], %[[NZ]], %[[REM]])
func.func @float_constants() {
  %a = arith.constant 1.5 : f32
  %b = arith.constant 0.1 : f32
  %big = arith.constant 3.0e38 : f32
  %z = arith.constant 0.0 : f32
  %mz = arith.constant -0.0 : f32
  %one = arith.constant 1.0 : f32
  %nan = arith.constant 0x7FC00000 : f32
  %0 = arith.mulf %a, %b : f32
  %1 = arith.addf %big, %big : f32
  %2 = arith.maximumf %nan, %one : f32
  %3 = arith.minimumf %z, %mz : f32
  %4 = arith.maxnumf %nan, %one : f32
  %5 = arith.negf %z : f32
  %6 = arith.remf %a, %b : f32
  "test.use"(%0, %1, %2, %3, %4, %5, %6) : (f32, f32, f32, f32, f32, f32, f32) -> ()
  return
}

// -----

// CHECK-LABEL: func.func @float_identities(
// CHECK:         %[[ADD:.*]] = arith.addf %x, %{{.*}} : f64
// CHECK:         %[[MUL:.*]] = arith.mulf %x, %{{.*}} : f64
// CHECK:         "test.use"(%x, %x, %x, %x, %x, %x, %[[ADD]], %[[MUL]])
func.func @float_identities(%x: f64) {
  %mz = arith.constant -0.0 : f64
  %z = arith.constant 0.0 : f64
  %one = arith.constant 1.0 : f64
  %ninf = arith.constant 0xFFF0000000000000 : f64
  %0 = arith.addf %mz, %x : f64
  %1 = arith.subf %x, %z : f64
  %2 = arith.divf %x, %one : f64
  %n = arith.negf %x : f64
  %3 = arith.negf %n : f64
  %4 = arith.maximumf %x, %ninf : f64
  %5 = arith.minimumf %x, %x : f64
  %6 = arith.addf %x, %z : f64
  %7 = arith.mulf %x, %z : f64
  "test.use"(%0, %1, %2, %3, %4, %5, %6, %7) : (f64, f64, f64, f64, f64, f64, f64, f64) -> ()
  return
}

// -----

// CHECK-LABEL: func.func @compares(
// CHECK-DAG:     %[[T:.*]] = arith.constant true
// CHECK-DAG:     %[[F:.*]] = arith.constant false
// CHECK-DAG:     %[[NOT:.*]] = arith.cmpi sge, %x, %y : i32
// CHECK:         "test.use"(%[[T]], %[[F]], %[[F]], %[[T]], %[[F]], %[[T]], %b, %[[NOT]])
func.func @compares(%x: i32, %y: i32, %f: f32, %b: i1) {
  %cm1 = arith.constant -1 : i32
  %c1 = arith.constant 1 : i32
  %c0 = arith.constant 0 : i32
  %one = arith.constant 1.0 : f32
  %nan = arith.constant 0x7FC00000 : f32
  %true = arith.constant true
  %0 = arith.cmpi slt, %cm1, %c1 : i32
  %1 = arith.cmpi ult, %cm1, %c1 : i32
  %2 = arith.cmpf olt, %f, %nan : f32
  %3 = arith.cmpf ult, %f, %nan : f32
  %4 = arith.cmpf ogt, %one, %one : f32
  %5 = arith.cmpf uge, %one, %one : f32
  %e = arith.extui %b : i1 to i32
  %6 = arith.cmpi ne, %e, %c0 : i32
  %lt = arith.cmpi slt, %x, %y : i32
  %7 = arith.xori %lt, %true : i1
  "test.use"(%0, %1, %2, %3, %4, %5, %6, %7) : (i1, i1, i1, i1, i1, i1, i1, i1) -> ()
  return
}

// -----

// CHECK-LABEL: func.func @selects(
// CHECK:         %[[EXT:.*]] = arith.extui %c : i1 to i32
// CHECK:         %[[SEL:.*]] = arith.select %c, %y, %x : i32
// CHECK:         %[[NEST:.*]] = arith.select %c, %x, %z : i32
// CHECK:         "test.use"(%y, %x, %[[EXT]], %[[SEL]], %[[NEST]])
func.func @selects(%c: i1, %x: i32, %y: i32, %z: i32) {
  %eq = arith.cmpi eq, %x, %y : i32
  %0 = arith.select %eq, %x, %y : i32
  %ne = arith.cmpi ne, %y, %x : i32
  %1 = arith.select %ne, %x, %y : i32
  %c1 = arith.constant 1 : i32
  %c0 = arith.constant 0 : i32
  %2 = arith.select %c, %c1, %c0 : i32
  %true = arith.constant true
  %not = arith.xori %c, %true : i1
  %3 = arith.select %not, %x, %y : i32
  %inner = arith.select %c, %x, %y : i32
  %4 = arith.select %c, %inner, %z : i32
  "test.use"(%0, %1, %2, %3, %4) : (i32, i32, i32, i32, i32) -> ()
  return
}

// -----

// CHECK-LABEL: func.func @casts(
// CHECK-DAG:     %[[NAN:.*]] = arith.constant 0x7fc00000 : f32
// CHECK-DAG:     %[[A:.*]] = arith.constant 255 : i32
// CHECK-DAG:     %[[B:.*]] = arith.constant 1 : i8
// CHECK-DAG:     %[[C:.*]] = arith.constant -2 : i16
// CHECK-DAG:     %[[D:.*]] = arith.constant 2.550000e+02 : f32
// CHECK-DAG:     %[[E:.*]] = arith.constant 1065353216 : i32
// CHECK-DAG:     %[[F:.*]] = arith.constant -3 : index
// CHECK:         %[[KEPT:.*]] = arith.fptosi %[[NAN]] : f32 to i32
// CHECK:         "test.use"(%[[A]], %[[B]], %[[C]], %[[D]], %[[E]], %[[F]], %[[KEPT]])
func.func @casts() {
  %cm1 = arith.constant -1 : i8
  %c257 = arith.constant 257 : i32
  %f = arith.constant -2.5 : f64
  %one = arith.constant 1.0 : f32
  %nan = arith.constant 0x7FC00000 : f32
  %cm3 = arith.constant -3 : i16
  %0 = arith.extui %cm1 : i8 to i32
  %1 = arith.trunci %c257 : i32 to i8
  %2 = arith.fptosi %f : f64 to i16
  %3 = arith.uitofp %cm1 : i8 to f32
  %4 = arith.bitcast %one : f32 to i32
  %5 = arith.index_cast %cm3 : i16 to index
  %6 = arith.fptosi %nan : f32 to i32
  "test.use"(%0, %1, %2, %3, %4, %5, %6) : (i32, i8, i16, f32, i32, index, i32) -> ()
  return
}

// -----

// CHECK-LABEL: func.func @cast_chains(
// CHECK-DAG:     %[[A:.*]] = arith.extui %a : i8 to i32
// CHECK-DAG:     %[[B:.*]] = arith.extui %a : i8 to i16
// CHECK-DAG:     %[[C:.*]] = arith.trunci %b : i32 to i8
// CHECK:         "test.use"(%[[A]], %a, %[[B]], %[[C]], %i, %h, %f)
func.func @cast_chains(%a: i8, %b: i32, %i: index, %h: f16, %f: f32) {
  %0 = arith.extui %a : i8 to i16
  %1 = arith.extsi %0 : i16 to i32
  %2 = arith.extsi %a : i8 to i64
  %3 = arith.trunci %2 : i64 to i8
  %4 = arith.extui %a : i8 to i64
  %5 = arith.trunci %4 : i64 to i16
  %6 = arith.trunci %b : i32 to i16
  %7 = arith.trunci %6 : i16 to i8
  %8 = arith.index_cast %i : index to i64
  %9 = arith.index_cast %8 : i64 to index
  %10 = arith.extf %h : f16 to f32
  %11 = arith.truncf %10 : f32 to f16
  %12 = arith.bitcast %f : f32 to i32
  %13 = arith.bitcast %12 : i32 to f32
  "test.use"(%1, %3, %5, %7, %9, %11, %13) : (i32, i8, i16, i8, index, f16, f32) -> ()
  return
}

// -----

// CHECK-LABEL: func.func @reassociation(
// CHECK-DAG:     %[[C7:.*]] = arith.constant 7 : index
// CHECK-DAG:     %[[C12:.*]] = arith.constant 12 : index
// CHECK-DAG:     %[[C1:.*]] = arith.constant 1 : index
// CHECK-DAG:     %[[A:.*]] = arith.addi %x, %[[C7]] : index
// CHECK-DAG:     %[[M:.*]] = arith.muli %x, %[[C12]] : index
// CHECK-DAG:     %[[S:.*]] = arith.subi %[[C1]], %x : index
// CHECK:         "test.use"(%[[A]], %[[M]], %[[S]])
func.func @reassociation(%x: index) {
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %0 = arith.addi %x, %c3 : index
  %1 = arith.addi %0, %c4 : index
  %2 = arith.muli %c3, %x : index
  %3 = arith.muli %2, %c4 : index
  %4 = arith.addi %x, %c3 : index
  %5 = arith.subi %c4, %4 : index
  "test.use"(%1, %3, %5) : (index, index, index) -> ()
  return
}

// -----

// Equal constants become one, hoisted to the entry block of the function (out of loops); 0.0 and -0.0 stay
// apart, and a region that is isolated from above (an unregistered op might be) keeps its own.
// CHECK-LABEL: func.func @unique_constants(
// CHECK-DAG:     %[[ONE:.*]] = arith.constant 1 : i32
// CHECK-DAG:     %[[Z:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-DAG:     %[[NZ:.*]] = arith.constant -0.000000e+00 : f32
// CHECK-NOT:     arith.constant 1 : i32
// CHECK:         "test.use"(%[[ONE]], %[[ONE]], %[[Z]], %[[NZ]])
// CHECK:         scf.for
// CHECK-NEXT:      "test.use"(%[[ONE]])
// CHECK:         "test.isolated"() ({
// CHECK-NEXT:      arith.constant 1 : i32
func.func @unique_constants(%n: index) {
  %a = arith.constant 1 : i32
  %b = arith.constant 1 : i32
  %z = arith.constant 0.0 : f32
  %nz = arith.constant -0.0 : f32
  "test.use"(%a, %b, %z, %nz) : (i32, i32, f32, f32) -> ()
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %n step %c1 {
    %c = arith.constant 1 : i32
    "test.use"(%c) : (i32) -> ()
  }
  "test.isolated"() ({
    %d = arith.constant 1 : i32
    "test.use"(%d) : (i32) -> ()
  }) : () -> ()
  return
}
