// arith: what MLIR's canonicalize does to arith ops. Constant folding of integer and float binary ops, unary
// ops, casts and comparisons (with wrap-around, signedness, NaN and signed zeros as MLIR folds them, and the
// cases MLIR leaves alone: division by zero, signed overflow of divsi, over-wide shifts, inexact casts);
// identities (x+0, x*1, x-x, and/or/xor with 0, -1 or x, min/max with x or a bound, f+(-0.0), f*1.0);
// chains of casts (ext/trunc, index_cast, bitcast), negf(negf x), select with a constant or equal operands,
// cmpi/cmpf of constants or of one value, re-association of constants in addi/muli chains, and the unique-ing
// and hoisting of equal constants. Some cases have nothing to fold.

func.func @int_const_fold() {
  %c100 = arith.constant 100 : i8
  %c7 = arith.constant 7 : i8
  %0 = arith.addi %c100, %c100 : i8
  %1 = arith.subi %c7, %c100 : i8
  %2 = arith.muli %c100, %c7 : i8
  %3 = arith.andi %c100, %c7 : i8
  %4 = arith.ori %c100, %c7 : i8
  %5 = arith.xori %c100, %c7 : i8
  "test.use"(%0, %1, %2, %3, %4, %5) : (i8, i8, i8, i8, i8, i8) -> ()
  return
}

// -----

func.func @int_identities(%x: i32) {
  %c0 = arith.constant 0 : i32
  %c1 = arith.constant 1 : i32
  %cm1 = arith.constant -1 : i32
  %0 = arith.addi %x, %c0 : i32
  %1 = arith.muli %c1, %x : i32
  %2 = arith.subi %x, %c0 : i32
  %3 = arith.subi %x, %x : i32
  %4 = arith.muli %x, %c0 : i32
  %5 = arith.ori %x, %c0 : i32
  %6 = arith.xori %x, %c0 : i32
  %7 = arith.andi %x, %cm1 : i32
  %8 = arith.andi %x, %c0 : i32
  %9 = arith.ori %x, %cm1 : i32
  %10 = arith.xori %x, %x : i32
  %11 = arith.andi %x, %x : i32
  %12 = arith.ori %x, %x : i32
  "test.use"(%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12) : (i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32) -> ()
  return
}

// -----

func.func @int_division_fold(%x: i32) {
  %c7 = arith.constant 7 : i32
  %cm7 = arith.constant -7 : i32
  %c2 = arith.constant 2 : i32
  %c1 = arith.constant 1 : i32
  %0 = arith.divsi %cm7, %c2 : i32
  %1 = arith.divui %cm7, %c2 : i32
  %2 = arith.remsi %cm7, %c2 : i32
  %3 = arith.remui %c7, %c2 : i32
  %4 = arith.floordivsi %cm7, %c2 : i32
  %5 = arith.ceildivsi %cm7, %c2 : i32
  %6 = arith.ceildivui %c7, %c2 : i32
  %7 = arith.divsi %x, %c1 : i32
  %8 = arith.divui %x, %c1 : i32
  %9 = arith.remsi %x, %c1 : i32
  %10 = arith.remui %x, %c1 : i32
  %11 = arith.floordivsi %x, %c1 : i32
  "test.use"(%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11) : (i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32, i32) -> ()
  return
}

// -----

func.func @int_division_no_fold() {
  %c0 = arith.constant 0 : i8
  %cm1 = arith.constant -1 : i8
  %cmin = arith.constant -128 : i8
  %c5 = arith.constant 5 : i8
  %0 = arith.divsi %c5, %c0 : i8
  %1 = arith.divsi %cmin, %cm1 : i8
  %2 = arith.remui %c5, %c0 : i8
  %3 = arith.ceildivsi %cmin, %cm1 : i8
  %4 = arith.floordivsi %cmin, %cm1 : i8
  "test.use"(%0, %1, %2, %3, %4) : (i8, i8, i8, i8, i8) -> ()
  return
}

// -----

func.func @shifts(%x: i16) {
  %c3 = arith.constant 3 : i16
  %c0 = arith.constant 0 : i16
  %c16 = arith.constant 16 : i16
  %cm8 = arith.constant -8 : i16
  %0 = arith.shli %cm8, %c3 : i16
  %1 = arith.shrsi %cm8, %c3 : i16
  %2 = arith.shrui %cm8, %c3 : i16
  %3 = arith.shli %x, %c0 : i16
  %4 = arith.shrsi %x, %c0 : i16
  %5 = arith.shrui %x, %c0 : i16
  %6 = arith.shli %c3, %c16 : i16
  "test.use"(%0, %1, %2, %3, %4, %5, %6) : (i16, i16, i16, i16, i16, i16, i16) -> ()
  return
}

// -----

func.func @int_min_max(%x: i32) {
  %c5 = arith.constant 5 : i32
  %cm5 = arith.constant -5 : i32
  %cmax = arith.constant 2147483647 : i32
  %cmin = arith.constant -2147483648 : i32
  %0 = arith.maxsi %c5, %cm5 : i32
  %1 = arith.maxui %c5, %cm5 : i32
  %2 = arith.minsi %c5, %cm5 : i32
  %3 = arith.minui %c5, %cm5 : i32
  %4 = arith.maxsi %x, %x : i32
  %5 = arith.maxsi %x, %cmax : i32
  %6 = arith.minsi %x, %cmax : i32
  %7 = arith.maxsi %x, %cmin : i32
  %8 = arith.minui %x, %x : i32
  "test.use"(%0, %1, %2, %3, %4, %5, %6, %7, %8) : (i32, i32, i32, i32, i32, i32, i32, i32, i32) -> ()
  return
}

// -----

func.func @float_const_fold() {
  %a = arith.constant 1.5 : f32
  %b = arith.constant 0.1 : f32
  %z = arith.constant 0.0 : f32
  %0 = arith.addf %a, %b : f32
  %1 = arith.subf %b, %a : f32
  %2 = arith.mulf %a, %b : f32
  %3 = arith.divf %a, %b : f32
  %4 = arith.divf %a, %z : f32
  %5 = arith.divf %z, %z : f32
  %6 = arith.negf %a : f32
  %7 = arith.remf %a, %b : f32
  "test.use"(%0, %1, %2, %3, %4, %5, %6, %7) : (f32, f32, f32, f32, f32, f32, f32, f32) -> ()
  return
}

// -----

func.func @float_identities(%x: f64) {
  %mz = arith.constant -0.0 : f64
  %z = arith.constant 0.0 : f64
  %one = arith.constant 1.0 : f64
  %0 = arith.addf %x, %mz : f64
  %1 = arith.subf %x, %z : f64
  %2 = arith.mulf %x, %one : f64
  %3 = arith.divf %x, %one : f64
  %4 = arith.mulf %one, %x : f64
  "test.use"(%0, %1, %2, %3, %4) : (f64, f64, f64, f64, f64) -> ()
  return
}

// -----

func.func @float_no_fold(%x: f32) {
  %z = arith.constant 0.0 : f32
  %mz = arith.constant -0.0 : f32
  %0 = arith.addf %x, %z : f32
  %1 = arith.subf %x, %mz : f32
  %2 = arith.mulf %x, %z : f32
  %3 = arith.subf %x, %x : f32
  %4 = arith.divf %x, %x : f32
  "test.use"(%0, %1, %2, %3, %4) : (f32, f32, f32, f32, f32) -> ()
  return
}

// -----

func.func @negf_twice(%x: f32) {
  %0 = arith.negf %x : f32
  %1 = arith.negf %0 : f32
  %mz = arith.constant -0.0 : f32
  %2 = arith.negf %mz : f32
  "test.use"(%1, %2) : (f32, f32) -> ()
  return
}

// -----

func.func @float_min_max(%x: f32) {
  %nan = arith.constant 0x7FC00000 : f32
  %one = arith.constant 1.0 : f32
  %z = arith.constant 0.0 : f32
  %mz = arith.constant -0.0 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %pinf = arith.constant 0x7F800000 : f32
  %0 = arith.maximumf %nan, %one : f32
  %1 = arith.maxnumf %nan, %one : f32
  %2 = arith.minimumf %z, %mz : f32
  %3 = arith.maximumf %mz, %z : f32
  %4 = arith.minnumf %one, %z : f32
  %5 = arith.maximumf %x, %x : f32
  %6 = arith.maximumf %x, %ninf : f32
  %7 = arith.minimumf %x, %pinf : f32
  %8 = arith.maxnumf %x, %ninf : f32
  %9 = arith.minnumf %x, %pinf : f32
  "test.use"(%0, %1, %2, %3, %4, %5, %6, %7, %8, %9) : (f32, f32, f32, f32, f32, f32, f32, f32, f32, f32) -> ()
  return
}

// -----

func.func @cmpi_consts() {
  %cm1 = arith.constant -1 : i8
  %c1 = arith.constant 1 : i8
  %0 = arith.cmpi eq, %cm1, %c1 : i8
  %1 = arith.cmpi ne, %cm1, %c1 : i8
  %2 = arith.cmpi slt, %cm1, %c1 : i8
  %3 = arith.cmpi sle, %cm1, %c1 : i8
  %4 = arith.cmpi sgt, %cm1, %c1 : i8
  %5 = arith.cmpi sge, %cm1, %c1 : i8
  %6 = arith.cmpi ult, %cm1, %c1 : i8
  %7 = arith.cmpi ule, %cm1, %c1 : i8
  %8 = arith.cmpi ugt, %cm1, %c1 : i8
  %9 = arith.cmpi uge, %cm1, %c1 : i8
  "test.use"(%0, %1, %2, %3, %4, %5, %6, %7, %8, %9) : (i1, i1, i1, i1, i1, i1, i1, i1, i1, i1) -> ()
  return
}

// -----

func.func @cmpi_one_value_and_ext(%x: index, %b: i1) {
  %0 = arith.cmpi slt, %x, %x : index
  %1 = arith.cmpi uge, %x, %x : index
  %c0 = arith.constant 0 : i32
  %e = arith.extui %b : i1 to i32
  %2 = arith.cmpi ne, %e, %c0 : i32
  "test.use"(%0, %1, %2) : (i1, i1, i1) -> ()
  return
}

// -----

func.func @cmpf_consts(%x: f32) {
  %nan = arith.constant 0x7FC00000 : f32
  %one = arith.constant 1.0 : f32
  %two = arith.constant 2.0 : f32
  %0 = arith.cmpf olt, %one, %two : f32
  %1 = arith.cmpf oeq, %one, %one : f32
  %2 = arith.cmpf ueq, %nan, %one : f32
  %3 = arith.cmpf ord, %nan, %one : f32
  %4 = arith.cmpf une, %one, %two : f32
  %5 = arith.cmpf olt, %x, %nan : f32
  %6 = arith.cmpf uno, %x, %nan : f32
  %7 = arith.cmpf true, %x, %one : f32
  %8 = arith.cmpf false, %x, %one : f32
  "test.use"(%0, %1, %2, %3, %4, %5, %6, %7, %8) : (i1, i1, i1, i1, i1, i1, i1, i1, i1) -> ()
  return
}

// -----

func.func @select_folds(%c: i1, %x: i32, %y: i32) {
  %t = arith.constant true
  %f = arith.constant false
  %0 = arith.select %t, %x, %y : i32
  %1 = arith.select %f, %x, %y : i32
  %2 = arith.select %c, %x, %x : i32
  %3 = arith.select %c, %t, %f : i1
  %4 = arith.select %c, %f, %t : i1
  %c1 = arith.constant 1 : i32
  %c0 = arith.constant 0 : i32
  %5 = arith.select %c, %c1, %c0 : i32
  "test.use"(%0, %1, %2, %3, %4, %5) : (i32, i32, i32, i1, i1, i32) -> ()
  return
}

// -----

func.func @select_of_cmp(%x: i32, %y: i32) {
  %eq = arith.cmpi eq, %x, %y : i32
  %0 = arith.select %eq, %x, %y : i32
  %ne = arith.cmpi ne, %x, %y : i32
  %1 = arith.select %ne, %x, %y : i32
  "test.use"(%0, %1) : (i32, i32) -> ()
  return
}

// -----

func.func @ext_trunc_chains(%a: i8, %b: i16) {
  %0 = arith.extui %a : i8 to i16
  %1 = arith.extui %0 : i16 to i32
  %2 = arith.extsi %a : i8 to i16
  %3 = arith.extsi %2 : i16 to i64
  %4 = arith.extui %a : i8 to i16
  %5 = arith.extsi %4 : i16 to i32
  %6 = arith.extsi %a : i8 to i32
  %7 = arith.trunci %6 : i32 to i8
  %8 = arith.extui %a : i8 to i64
  %9 = arith.trunci %8 : i64 to i16
  %10 = arith.extsi %b : i16 to i64
  %11 = arith.trunci %10 : i64 to i32
  %12 = arith.trunci %11 : i32 to i8
  "test.use"(%1, %3, %5, %7, %9, %12) : (i32, i64, i32, i8, i16, i8) -> ()
  return
}

// -----

func.func @cast_consts() {
  %cm1 = arith.constant -1 : i8
  %c257 = arith.constant 257 : i32
  %f = arith.constant 2.5 : f32
  %fn = arith.constant -2.5 : f64
  %nan = arith.constant 0x7FC00000 : f32
  %big = arith.constant 1.0e10 : f32
  %0 = arith.extsi %cm1 : i8 to i32
  %1 = arith.extui %cm1 : i8 to i32
  %2 = arith.trunci %c257 : i32 to i8
  %3 = arith.sitofp %cm1 : i8 to f32
  %4 = arith.uitofp %cm1 : i8 to f32
  %5 = arith.fptosi %f : f32 to i32
  %6 = arith.fptosi %fn : f64 to i16
  %7 = arith.fptoui %f : f32 to i8
  %8 = arith.fptosi %nan : f32 to i32
  %9 = arith.fptosi %big : f32 to i32
  %10 = arith.extf %f : f32 to f64
  %11 = arith.truncf %fn : f64 to f32
  "test.use"(%0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11) : (i32, i32, i8, f32, f32, i32, i16, i8, i32, i32, f64, f32) -> ()
  return
}

// -----

func.func @float_cast_chains(%x: f16, %y: f32) {
  %0 = arith.extf %x : f16 to f32
  %1 = arith.extf %0 : f32 to f64
  %2 = arith.extf %x : f16 to f32
  %3 = arith.truncf %2 : f32 to f16
  %4 = arith.truncf %y : f32 to f16
  %5 = arith.extf %4 : f16 to f32
  "test.use"(%1, %3, %5) : (f64, f16, f32) -> ()
  return
}

// -----

func.func @index_casts(%i: index, %n: i32) {
  %0 = arith.index_cast %i : index to i64
  %1 = arith.index_cast %0 : i64 to index
  %2 = arith.index_cast %n : i32 to index
  %3 = arith.index_cast %2 : index to i32
  %c = arith.constant -3 : i16
  %4 = arith.index_cast %c : i16 to index
  %ci = arith.constant 300 : index
  %5 = arith.index_cast %ci : index to i8
  "test.use"(%1, %3, %4, %5) : (index, i32, index, i8) -> ()
  return
}

// -----

func.func @bitcasts(%x: f32) {
  %0 = arith.bitcast %x : f32 to i32
  %1 = arith.bitcast %0 : i32 to f32
  %one = arith.constant 1.0 : f32
  %2 = arith.bitcast %one : f32 to i32
  %m = arith.constant 15360 : i16
  %3 = arith.bitcast %m : i16 to f16
  "test.use"(%1, %2, %3) : (f32, i32, f16) -> ()
  return
}

// -----

func.func @add_sub_cancel(%a: i64, %b: i64) {
  %0 = arith.subi %a, %b : i64
  %1 = arith.addi %0, %b : i64
  %2 = arith.addi %a, %b : i64
  %3 = arith.subi %2, %b : i64
  %4 = arith.subi %2, %a : i64
  "test.use"(%1, %3, %4) : (i64, i64, i64) -> ()
  return
}

// -----

func.func @reassociate_constants(%x: index) {
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %0 = arith.addi %x, %c3 : index
  %1 = arith.addi %0, %c4 : index
  %2 = arith.muli %x, %c3 : index
  %3 = arith.muli %2, %c4 : index
  %4 = arith.subi %x, %c3 : index
  %5 = arith.addi %4, %c4 : index
  "test.use"(%1, %3, %5) : (index, index, index) -> ()
  return
}

// -----

func.func @xor_folds(%x: i32, %y: i32, %p: i1) {
  %0 = arith.xori %x, %y : i32
  %1 = arith.xori %0, %y : i32
  %t = arith.constant true
  %c = arith.cmpi slt, %x, %y : i32
  %2 = arith.xori %c, %t : i1
  "test.use"(%1, %2) : (i32, i1) -> ()
  return
}

// -----

func.func @duplicate_constants(%n: index) -> i32 {
  %c1 = arith.constant 1 : i32
  %c1_0 = arith.constant 1 : i32
  %c2 = arith.constant 2 : i64
  %c2_i32 = arith.constant 2 : i32
  "test.use"(%c1, %c1_0, %c2, %c2_i32) : (i32, i32, i64, i32) -> ()
  %c0 = arith.constant 0 : index
  %cs = arith.constant 1 : index
  scf.for %i = %c0 to %n step %cs {
    %c1_1 = arith.constant 1 : i32
    %f = arith.constant 1.0 : f32
    "test.use"(%c1_1, %f) : (i32, f32) -> ()
  }
  %f2 = arith.constant 1.0 : f32
  "test.use"(%f2) : (f32) -> ()
  return %c1 : i32
}

// -----

func.func @splat_folds(%v: vector<4xi32>) {
  %a = arith.constant dense<3> : vector<4xi32>
  %b = arith.constant dense<4> : vector<4xi32>
  %z = arith.constant dense<0> : vector<4xi32>
  %0 = arith.addi %a, %b : vector<4xi32>
  %1 = arith.addi %v, %z : vector<4xi32>
  %2 = arith.muli %v, %z : vector<4xi32>
  "test.use"(%0, %1, %2) : (vector<4xi32>, vector<4xi32>, vector<4xi32>) -> ()
  return
}

// -----

func.func @nothing_to_fold(%x: i32, %y: i32, %f: f32, %g: f32, %c: i1) {
  %0 = arith.addi %x, %y : i32
  %1 = arith.divsi %0, %y : i32
  %2 = arith.mulf %f, %g : f32
  %3 = arith.cmpf ogt, %2, %g : f32
  %4 = arith.select %c, %1, %x : i32
  %5 = arith.sitofp %4 : i32 to f32
  %6 = arith.addf %5, %f fastmath<fast> : f32
  "test.use"(%3, %6) : (i1, f32) -> ()
  return
}

// -----

func.func @exact_edges() {
  %cmin = arith.constant -9223372036854775808 : index
  %cm1 = arith.constant -1 : index
  %0 = arith.muli %cmin, %cm1 : index
  %h = arith.constant 65504.0 : f16
  %1 = arith.addf %h, %h : f16
  %big = arith.constant 9007199254740993 : i64
  %2 = arith.sitofp %big : i64 to f32
  %d = arith.constant 0.1 : f64
  %3 = arith.truncf %d : f64 to f16
  %t = arith.constant true
  %4 = arith.sitofp %t : i1 to f32
  "test.use"(%0, %1, %2, %3, %4) : (index, f16, f32, f16, f32) -> ()
  return
}
