// RUN: irtk-opt %s --split-input-file -p lower-to-structured | filecheck %s

// The arithmetic ops' bodies (lower-to-structured-elementwise.mlir has add/sub/mul/div/neg and the
// generic's shape): numpy's semantics per dtype. Integer `//` and `%` never divide by zero (a zero divisor
// is replaced by 1 and the result by 0, as numpy gives); `%` moves C's remainder to the divisor's sign;
// maximum and minimum propagate NaN (maximumf, not maxnumf); sgn keeps NaN; booleans add with `or` and
// multiply with `and`. Mixed dtypes: each operand is converted to the common dtype first, with the
// conversion its own dtype needs (sitofp, extf, extsi, extui for bool).

// CHECK-LABEL: func.func @int_div(
// CHECK:         %q = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
// CHECK-SAME:      ins(%x, %y : tensor<?xi32>, tensor<?xi32>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: i32, %[[Y:.*]]: i32, %{{.*}}: i32):
// CHECK-NEXT:      %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK-NEXT:      %[[BY_ZERO:.*]] = arith.cmpi eq, %[[Y]], %[[ZERO]] : i32
// CHECK-NEXT:      %[[ONE:.*]] = arith.constant 1 : i32
// CHECK-NEXT:      %[[SAFE:.*]] = arith.select %[[BY_ZERO]], %[[ONE]], %[[Y]] : i32
// CHECK-NEXT:      %[[Q:.*]] = arith.floordivsi %[[X]], %[[SAFE]] : i32
// CHECK-NEXT:      %[[R:.*]] = arith.select %[[BY_ZERO]], %[[ZERO]], %[[Q]] : i32
// CHECK-NEXT:      linalg.yield %[[R]] : i32
func.func @int_div(%x: tensor<?xi32>, %y: tensor<?xi32>) -> tensor<?xi32> {
  %q = irtk.int_div %x, %y : tensor<?xi32>, tensor<?xi32> -> tensor<?xi32>
  return %q : tensor<?xi32>
}

// -----

// r = x rem y (C's sign, the dividend's); where r != 0 and its sign differs from y's, r + y.
// CHECK-LABEL: func.func @int_mod(
// CHECK:         %m = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X:.*]]: i64, %[[Y:.*]]: i64, %{{.*}}: i64):
// CHECK-NEXT:      %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK-NEXT:      %[[BY_ZERO:.*]] = arith.cmpi eq, %[[Y]], %[[ZERO]] : i64
// CHECK-NEXT:      %[[ONE:.*]] = arith.constant 1 : i64
// CHECK-NEXT:      %[[SAFE:.*]] = arith.select %[[BY_ZERO]], %[[ONE]], %[[Y]] : i64
// CHECK-NEXT:      %[[REM:.*]] = arith.remsi %[[X]], %[[SAFE]] : i64
// CHECK-NEXT:      %[[NONZERO:.*]] = arith.cmpi ne, %[[REM]], %[[ZERO]] : i64
// CHECK-NEXT:      %[[REM_NEG:.*]] = arith.cmpi slt, %[[REM]], %[[ZERO]] : i64
// CHECK-NEXT:      %[[Y_NEG:.*]] = arith.cmpi slt, %[[SAFE]], %[[ZERO]] : i64
// CHECK-NEXT:      %[[SIGNS_DIFFER:.*]] = arith.cmpi ne, %[[REM_NEG]], %[[Y_NEG]] : i1
// CHECK-NEXT:      %[[ADJUST:.*]] = arith.andi %[[NONZERO]], %[[SIGNS_DIFFER]] : i1
// CHECK-NEXT:      %[[MOVED:.*]] = arith.addi %[[REM]], %[[SAFE]] : i64
// CHECK-NEXT:      %[[R:.*]] = arith.select %[[ADJUST]], %[[MOVED]], %[[REM]] : i64
// CHECK-NEXT:      %[[RESULT:.*]] = arith.select %[[BY_ZERO]], %[[ZERO]], %[[R]] : i64
// CHECK-NEXT:      linalg.yield %[[RESULT]] : i64
func.func @int_mod(%x: tensor<?xi64>, %y: tensor<?xi64>) -> tensor<?xi64> {
  %m = irtk.mod %x, %y : tensor<?xi64>, tensor<?xi64> -> tensor<?xi64>
  return %m : tensor<?xi64>
}

// -----

// Broadcast operands of two integer dtypes: the int8 divisor is sign-extended before the zero test, and each
// operand is read at index 0 along its stretched dimension.
// CHECK-LABEL: func.func @int_div_mixed(
// CHECK:         %[[N:.*]] = tensor.dim %l, %{{.*}} : tensor<1x?xi64>
// CHECK:         %[[M:.*]] = tensor.dim %s, %{{.*}} : tensor<?x1xi8>
// CHECK-NEXT:    %[[INIT:.*]] = tensor.empty(%[[M]], %[[N]]) : tensor<?x?xi64>
// CHECK-NEXT:    %e = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (0, d1)>, affine_map<(d0, d1) -> (d0, 0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%l, %s : tensor<1x?xi64>, tensor<?x1xi8>) outs(%[[INIT]] : tensor<?x?xi64>)
// CHECK-NEXT:    ^bb0(%[[L:.*]]: i64, %[[S:.*]]: i8, %{{.*}}: i64):
// CHECK-NEXT:      %[[SE:.*]] = arith.extsi %[[S]] : i8 to i64
// CHECK-NEXT:      %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK-NEXT:      arith.cmpi eq, %[[SE]], %[[ZERO]] : i64
// CHECK:           arith.floordivsi %[[L]], %{{.*}} : i64
// CHECK-NOT:     cf.assert
func.func @int_div_mixed(%l: tensor<1x?xi64>, %s: tensor<?x1xi8>) -> tensor<?x?xi64> {
  %e = irtk.int_div %l, %s : tensor<1x?xi64>, tensor<?x1xi8> -> tensor<?x?xi64>
  return %e : tensor<?x?xi64>
}

// -----

// Mixed dtypes: int32 + float32 is float64 (numpy's rule), so both are converted; int8 - int64 sign-extends;
// int8 * bool zero-extends the bool (True is 1, not -1).
// CHECK-LABEL: func.func @mixed(
// CHECK:         %a = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, 0)>, affine_map<(d0, d1) -> (0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%i, %f : tensor<?x1xi32>, tensor<1x?xf32>)
// CHECK-NEXT:    ^bb0(%[[I:.*]]: i32, %[[F:.*]]: f32, %{{.*}}: f64):
// CHECK-NEXT:      %[[IF:.*]] = arith.sitofp %[[I]] : i32 to f64
// CHECK-NEXT:      %[[FF:.*]] = arith.extf %[[F]] : f32 to f64
// CHECK-NEXT:      %[[SUM:.*]] = arith.addf %[[IF]], %[[FF]] : f64
// CHECK-NEXT:      linalg.yield %[[SUM]] : f64
// CHECK:         %c = linalg.generic
// CHECK-NEXT:    ^bb0(%[[S:.*]]: i8, %[[L:.*]]: i64, %{{.*}}: i64):
// CHECK-NEXT:      %[[SE:.*]] = arith.extsi %[[S]] : i8 to i64
// CHECK-NEXT:      %[[D:.*]] = arith.subi %[[SE]], %[[L]] : i64
// CHECK-NEXT:      linalg.yield %[[D]] : i64
// CHECK:         %d = linalg.generic
// CHECK-NEXT:    ^bb0(%[[S2:.*]]: i8, %[[B:.*]]: i1, %{{.*}}: i8):
// CHECK-NEXT:      %[[BE:.*]] = arith.extui %[[B]] : i1 to i8
// CHECK-NEXT:      %[[P:.*]] = arith.muli %[[S2]], %[[BE]] : i8
// CHECK-NEXT:      linalg.yield %[[P]] : i8
func.func @mixed(%i: tensor<?x1xi32>, %f: tensor<1x?xf32>, %s: tensor<?x1xi8>, %l: tensor<1x?xi64>, %b: tensor<1x?xi1>) -> (tensor<?x?xf64>, tensor<?x?xi64>, tensor<?x?xi8>) {
  %a = irtk.add %i, %f : tensor<?x1xi32>, tensor<1x?xf32> -> tensor<?x?xf64>
  %c = irtk.sub %s, %l : tensor<?x1xi8>, tensor<1x?xi64> -> tensor<?x?xi64>
  %d = irtk.mul %s, %b : tensor<?x1xi8>, tensor<1x?xi1> -> tensor<?x?xi8>
  return %a, %c, %d : tensor<?x?xf64>, tensor<?x?xi64>, tensor<?x?xi8>
}

// -----

// Booleans: `+` is logical or, `*` logical and (numpy's rule), never an i1 add that would wrap True + True.
// CHECK-LABEL: func.func @bools(
// CHECK:         %a = linalg.generic
// CHECK-NEXT:    ^bb0(%[[P:.*]]: i1, %[[Q:.*]]: i1, %{{.*}}: i1):
// CHECK-NEXT:      %[[OR:.*]] = arith.ori %[[P]], %[[Q]] : i1
// CHECK-NEXT:      linalg.yield %[[OR]] : i1
// CHECK:         %m = linalg.generic
// CHECK-NEXT:    ^bb0(%[[P2:.*]]: i1, %[[Q2:.*]]: i1, %{{.*}}: i1):
// CHECK-NEXT:      %[[AND:.*]] = arith.andi %[[P2]], %[[Q2]] : i1
// CHECK-NEXT:      linalg.yield %[[AND]] : i1
func.func @bools(%p: tensor<?xi1>, %q: tensor<?xi1>) -> (tensor<?xi1>, tensor<?xi1>) {
  %a = irtk.add %p, %q : tensor<?xi1>, tensor<?xi1> -> tensor<?xi1>
  %m = irtk.mul %p, %q : tensor<?xi1>, tensor<?xi1> -> tensor<?xi1>
  return %a, %m : tensor<?xi1>, tensor<?xi1>
}

// -----

// pow: math.ipowi for integers; a float base with an integer exponent converts the exponent to the base's
// dtype (float32 ** int8 is float32); an integer base with a float exponent is converted to float64.
// CHECK-LABEL: func.func @pow(
// CHECK:         %p = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X:.*]]: i32, %[[Y:.*]]: i32, %{{.*}}: i32):
// CHECK-NEXT:      %[[R:.*]] = math.ipowi %[[X]], %[[Y]] : i32
// CHECK-NEXT:      linalg.yield %[[R]] : i32
// CHECK:         %a = linalg.generic
// CHECK-NEXT:    ^bb0(%[[F:.*]]: f32, %[[N:.*]]: i8, %{{.*}}: f32):
// CHECK-NEXT:      %[[NF:.*]] = arith.sitofp %[[N]] : i8 to f32
// CHECK-NEXT:      %[[R2:.*]] = math.powf %[[F]], %[[NF]] : f32
// CHECK-NEXT:      linalg.yield %[[R2]] : f32
// CHECK:         %b = linalg.generic
// CHECK-NEXT:    ^bb0(%[[K:.*]]: i64, %[[D:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[KF:.*]] = arith.sitofp %[[K]] : i64 to f64
// CHECK-NEXT:      %[[R3:.*]] = math.powf %[[KF]], %[[D]] : f64
// CHECK-NEXT:      linalg.yield %[[R3]] : f64
func.func @pow(%x: tensor<?xi32>, %y: tensor<?xi32>, %f: tensor<?xf32>, %n: tensor<?xi8>, %d: tensor<?xf64>, %k: tensor<?xi64>) -> (tensor<?xi32>, tensor<?xf32>, tensor<?xf64>) {
  %p = irtk.pow %x, %y : tensor<?xi32>, tensor<?xi32> -> tensor<?xi32>
  %a = irtk.pow %f, %n : tensor<?xf32>, tensor<?xi8> -> tensor<?xf32>
  %b = irtk.pow %k, %d : tensor<?xi64>, tensor<?xf64> -> tensor<?xf64>
  return %p, %a, %b : tensor<?xi32>, tensor<?xf32>, tensor<?xf64>
}

// -----

// maximum/minimum: NaN-propagating for floats (numpy's maximum), signed for signed integers.
// CHECK-LABEL: func.func @extrema(
// CHECK:         %hi = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f64, %[[Y:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[HI:.*]] = arith.maximumf %[[X]], %[[Y]] : f64
// CHECK-NEXT:      linalg.yield %[[HI]] : f64
// CHECK:         %lo = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X2:.*]]: f64, %[[Y2:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[LO:.*]] = arith.minimumf %[[X2]], %[[Y2]] : f64
// CHECK-NEXT:      linalg.yield %[[LO]] : f64
// CHECK:         %ihi = linalg.generic
// CHECK-NEXT:    ^bb0(%[[I:.*]]: i16, %[[J:.*]]: i16, %{{.*}}: i16):
// CHECK-NEXT:      %[[IHI:.*]] = arith.maxsi %[[I]], %[[J]] : i16
// CHECK:         %ilo = linalg.generic
// CHECK-NEXT:    ^bb0(%[[I2:.*]]: i16, %[[J2:.*]]: i16, %{{.*}}: i16):
// CHECK-NEXT:      %[[ILO:.*]] = arith.minsi %[[I2]], %[[J2]] : i16
func.func @extrema(%x: tensor<?x4xf64>, %y: tensor<?x4xf64>, %i: tensor<?xi16>, %j: tensor<?xi16>) -> (tensor<?x4xf64>, tensor<?x4xf64>, tensor<?xi16>, tensor<?xi16>) {
  %hi = irtk.maximum %x, %y : tensor<?x4xf64>, tensor<?x4xf64> -> tensor<?x4xf64>
  %lo = irtk.minimum %x, %y : tensor<?x4xf64>, tensor<?x4xf64> -> tensor<?x4xf64>
  %ihi = irtk.maximum %i, %j : tensor<?xi16>, tensor<?xi16> -> tensor<?xi16>
  %ilo = irtk.minimum %i, %j : tensor<?xi16>, tensor<?xi16> -> tensor<?xi16>
  return %hi, %lo, %ihi, %ilo : tensor<?x4xf64>, tensor<?x4xf64>, tensor<?xi16>, tensor<?xi16>
}

// -----

// abs: math.absf / math.absi. sgn: 1 where x > 0, -1 where x < 0, else 0; a float NaN is returned as is.
// The integer sgn has no NaN test, and the sgn of a bool is the bool itself.
// CHECK-LABEL: func.func @abs_and_sgn(
// CHECK:         %af = linalg.generic
// CHECK:           math.absf %{{.*}} : f32
// CHECK:         %ai = linalg.generic
// CHECK:           math.absi %{{.*}} : i16
// CHECK:         %sf = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT:      %[[ONE:.*]] = arith.constant 1.000000e+00 : f32
// CHECK-NEXT:      %[[GT:.*]] = arith.cmpf ogt, %[[X]], %[[ZERO]] : f32
// CHECK-NEXT:      %[[POS:.*]] = arith.select %[[GT]], %[[ONE]], %[[ZERO]] : f32
// CHECK-NEXT:      %[[LT:.*]] = arith.cmpf olt, %[[X]], %[[ZERO]] : f32
// CHECK-NEXT:      %[[MINUS:.*]] = arith.negf %[[ONE]] : f32
// CHECK-NEXT:      %[[SIGNED:.*]] = arith.select %[[LT]], %[[MINUS]], %[[POS]] : f32
// CHECK-NEXT:      %[[NAN:.*]] = arith.cmpf uno, %[[X]], %[[X]] : f32
// CHECK-NEXT:      %[[R:.*]] = arith.select %[[NAN]], %[[X]], %[[SIGNED]] : f32
// CHECK-NEXT:      linalg.yield %[[R]] : f32
// CHECK:         %si = linalg.generic
// CHECK-NEXT:    ^bb0(%[[I:.*]]: i16, %{{.*}}: i16):
// CHECK-NEXT:      %[[IZERO:.*]] = arith.constant 0 : i16
// CHECK-NEXT:      %[[IONE:.*]] = arith.constant 1 : i16
// CHECK-NEXT:      %[[IGT:.*]] = arith.cmpi sgt, %[[I]], %[[IZERO]] : i16
// CHECK-NEXT:      %[[IPOS:.*]] = arith.select %[[IGT]], %[[IONE]], %[[IZERO]] : i16
// CHECK-NEXT:      %[[ILT:.*]] = arith.cmpi slt, %[[I]], %[[IZERO]] : i16
// CHECK-NEXT:      %[[IZERO2:.*]] = arith.constant 0 : i16
// CHECK-NEXT:      %[[IMINUS:.*]] = arith.subi %[[IZERO2]], %[[IONE]] : i16
// CHECK-NEXT:      %[[ISIGNED:.*]] = arith.select %[[ILT]], %[[IMINUS]], %[[IPOS]] : i16
// CHECK-NEXT:      linalg.yield %[[ISIGNED]] : i16
// CHECK:         %sb = linalg.generic
// CHECK-NEXT:    ^bb0(%[[B:.*]]: i1, %{{.*}}: i1):
// CHECK-NEXT:      linalg.yield %[[B]] : i1
func.func @abs_and_sgn(%f: tensor<?xf32>, %i: tensor<?xi16>, %b: tensor<?xi1>) -> (tensor<?xf32>, tensor<?xi16>, tensor<?xf32>, tensor<?xi16>, tensor<?xi1>) {
  %af = irtk.abs %f : tensor<?xf32> -> tensor<?xf32>
  %ai = irtk.abs %i : tensor<?xi16> -> tensor<?xi16>
  %sf = irtk.sgn %f : tensor<?xf32> -> tensor<?xf32>
  %si = irtk.sgn %i : tensor<?xi16> -> tensor<?xi16>
  %sb = irtk.sgn %b : tensor<?xi1> -> tensor<?xi1>
  return %af, %ai, %sf, %si, %sb : tensor<?xf32>, tensor<?xi16>, tensor<?xf32>, tensor<?xi16>, tensor<?xi1>
}
