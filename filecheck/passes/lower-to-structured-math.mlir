// RUN: irtk-opt %s --split-input-file -p lower-to-structured | filecheck %s

// The float-valued functions: one generic per op, whose body is the op's `math` dialect counterpart (the
// C library function the compiled code calls), applied to the operand converted to the compute dtype:
// a float operand as is, an integer or boolean one converted to float32 (up to 16 bits) or float64 (Theano's
// rule). Rounding an integer is the identity. The nnet activations are composed in the body, in forms that
// neither overflow nor lose NaN.

// Every unary function, by name: arcsin is math.asin, round_half_to_even math.roundeven (numpy's round),
// round_half_away_from_zero math.round (C's round). float32 stays float32: no conversion in any body.
// CHECK-LABEL: func.func @every_unary(
// CHECK-NOT:     arith.extf
// CHECK-NOT:     arith.truncf
// CHECK:         %exp = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
// CHECK-SAME:      ins(%x : tensor<?xf32>)
// CHECK-NEXT:    ^bb0(%[[X0:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[R0:.*]] = math.exp %[[X0]] : f32
// CHECK-NEXT:      linalg.yield %[[R0]] : f32
// CHECK:         %exp2 = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X1:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[R1:.*]] = math.exp2 %[[X1]] : f32
// CHECK-NEXT:      linalg.yield %[[R1]] : f32
// CHECK:         %expm1 = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X2:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[R2:.*]] = math.expm1 %[[X2]] : f32
// CHECK-NEXT:      linalg.yield %[[R2]] : f32
// CHECK:         %log = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X3:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[R3:.*]] = math.log %[[X3]] : f32
// CHECK-NEXT:      linalg.yield %[[R3]] : f32
// CHECK:         %log2 = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X4:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[R4:.*]] = math.log2 %[[X4]] : f32
// CHECK-NEXT:      linalg.yield %[[R4]] : f32
// CHECK:         %log10 = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X5:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[R5:.*]] = math.log10 %[[X5]] : f32
// CHECK-NEXT:      linalg.yield %[[R5]] : f32
// CHECK:         %log1p = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X6:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[R6:.*]] = math.log1p %[[X6]] : f32
// CHECK-NEXT:      linalg.yield %[[R6]] : f32
// CHECK:         %sqrt = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X7:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[R7:.*]] = math.sqrt %[[X7]] : f32
// CHECK-NEXT:      linalg.yield %[[R7]] : f32
// CHECK:         %sin = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X8:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[R8:.*]] = math.sin %[[X8]] : f32
// CHECK-NEXT:      linalg.yield %[[R8]] : f32
// CHECK:         %cos = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X9:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[R9:.*]] = math.cos %[[X9]] : f32
// CHECK-NEXT:      linalg.yield %[[R9]] : f32
// CHECK:         %tan = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X10:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[R10:.*]] = math.tan %[[X10]] : f32
// CHECK-NEXT:      linalg.yield %[[R10]] : f32
// CHECK:         %arcsin = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X11:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[R11:.*]] = math.asin %[[X11]] : f32
// CHECK-NEXT:      linalg.yield %[[R11]] : f32
// CHECK:         %arccos = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X12:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[R12:.*]] = math.acos %[[X12]] : f32
// CHECK-NEXT:      linalg.yield %[[R12]] : f32
// CHECK:         %arctan = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X13:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[R13:.*]] = math.atan %[[X13]] : f32
// CHECK-NEXT:      linalg.yield %[[R13]] : f32
// CHECK:         %sinh = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X14:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[R14:.*]] = math.sinh %[[X14]] : f32
// CHECK-NEXT:      linalg.yield %[[R14]] : f32
// CHECK:         %cosh = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X15:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[R15:.*]] = math.cosh %[[X15]] : f32
// CHECK-NEXT:      linalg.yield %[[R15]] : f32
// CHECK:         %tanh = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X16:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[R16:.*]] = math.tanh %[[X16]] : f32
// CHECK-NEXT:      linalg.yield %[[R16]] : f32
// CHECK:         %arcsinh = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X17:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[R17:.*]] = math.asinh %[[X17]] : f32
// CHECK-NEXT:      linalg.yield %[[R17]] : f32
// CHECK:         %arccosh = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X18:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[R18:.*]] = math.acosh %[[X18]] : f32
// CHECK-NEXT:      linalg.yield %[[R18]] : f32
// CHECK:         %arctanh = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X19:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[R19:.*]] = math.atanh %[[X19]] : f32
// CHECK-NEXT:      linalg.yield %[[R19]] : f32
// CHECK:         %erf = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X20:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[R20:.*]] = math.erf %[[X20]] : f32
// CHECK-NEXT:      linalg.yield %[[R20]] : f32
// CHECK:         %floor = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X21:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[R21:.*]] = math.floor %[[X21]] : f32
// CHECK-NEXT:      linalg.yield %[[R21]] : f32
// CHECK:         %ceil = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X22:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[R22:.*]] = math.ceil %[[X22]] : f32
// CHECK-NEXT:      linalg.yield %[[R22]] : f32
// CHECK:         %trunc = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X23:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[R23:.*]] = math.trunc %[[X23]] : f32
// CHECK-NEXT:      linalg.yield %[[R23]] : f32
// CHECK:         %round_half_to_even = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X24:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[R24:.*]] = math.roundeven %[[X24]] : f32
// CHECK-NEXT:      linalg.yield %[[R24]] : f32
// CHECK:         %round_half_away_from_zero = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X25:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      %[[R25:.*]] = math.round %[[X25]] : f32
// CHECK-NEXT:      linalg.yield %[[R25]] : f32
// CHECK-NOT:     arith.extf
// CHECK-NOT:     arith.truncf
func.func @every_unary(%x: tensor<?xf32>) -> (tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>) {
  %exp = irtk.exp %x : tensor<?xf32> -> tensor<?xf32>
  %exp2 = irtk.exp2 %x : tensor<?xf32> -> tensor<?xf32>
  %expm1 = irtk.expm1 %x : tensor<?xf32> -> tensor<?xf32>
  %log = irtk.log %x : tensor<?xf32> -> tensor<?xf32>
  %log2 = irtk.log2 %x : tensor<?xf32> -> tensor<?xf32>
  %log10 = irtk.log10 %x : tensor<?xf32> -> tensor<?xf32>
  %log1p = irtk.log1p %x : tensor<?xf32> -> tensor<?xf32>
  %sqrt = irtk.sqrt %x : tensor<?xf32> -> tensor<?xf32>
  %sin = irtk.sin %x : tensor<?xf32> -> tensor<?xf32>
  %cos = irtk.cos %x : tensor<?xf32> -> tensor<?xf32>
  %tan = irtk.tan %x : tensor<?xf32> -> tensor<?xf32>
  %arcsin = irtk.arcsin %x : tensor<?xf32> -> tensor<?xf32>
  %arccos = irtk.arccos %x : tensor<?xf32> -> tensor<?xf32>
  %arctan = irtk.arctan %x : tensor<?xf32> -> tensor<?xf32>
  %sinh = irtk.sinh %x : tensor<?xf32> -> tensor<?xf32>
  %cosh = irtk.cosh %x : tensor<?xf32> -> tensor<?xf32>
  %tanh = irtk.tanh %x : tensor<?xf32> -> tensor<?xf32>
  %arcsinh = irtk.arcsinh %x : tensor<?xf32> -> tensor<?xf32>
  %arccosh = irtk.arccosh %x : tensor<?xf32> -> tensor<?xf32>
  %arctanh = irtk.arctanh %x : tensor<?xf32> -> tensor<?xf32>
  %erf = irtk.erf %x : tensor<?xf32> -> tensor<?xf32>
  %floor = irtk.floor %x : tensor<?xf32> -> tensor<?xf32>
  %ceil = irtk.ceil %x : tensor<?xf32> -> tensor<?xf32>
  %trunc = irtk.trunc %x : tensor<?xf32> -> tensor<?xf32>
  %round_half_to_even = irtk.round_half_to_even %x : tensor<?xf32> -> tensor<?xf32>
  %round_half_away_from_zero = irtk.round_half_away_from_zero %x : tensor<?xf32> -> tensor<?xf32>
  return %exp, %exp2, %expm1, %log, %log2, %log10, %log1p, %sqrt, %sin, %cos, %tan, %arcsin, %arccos, %arctan, %sinh, %cosh, %tanh, %arcsinh, %arccosh, %arctanh, %erf, %floor, %ceil, %trunc, %round_half_to_even, %round_half_away_from_zero : tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>, tensor<?xf32>
}

// -----

// Integer and boolean operands: int32 converts to float64, int16 to float32, bool (unsigned) with uitofp so
// that True is 1.0; floor of int32 is floor of its float64 value. Rounding an integer keeps it: the body just
// yields the element.
// CHECK-LABEL: func.func @integer_operands(
// CHECK:         %a = linalg.generic
// CHECK-SAME:      outs(%{{.*}} : tensor<?xf64>)
// CHECK-NEXT:    ^bb0(%[[I:.*]]: i32, %{{.*}}: f64):
// CHECK-NEXT:      %[[IF:.*]] = arith.sitofp %[[I]] : i32 to f64
// CHECK-NEXT:      %[[SIN:.*]] = math.sin %[[IF]] : f64
// CHECK-NEXT:      linalg.yield %[[SIN]] : f64
// CHECK:         %c = linalg.generic
// CHECK-NEXT:    ^bb0(%[[S:.*]]: i16, %{{.*}}: f32):
// CHECK-NEXT:      %[[SF:.*]] = arith.sitofp %[[S]] : i16 to f32
// CHECK-NEXT:      %[[SQRT:.*]] = math.sqrt %[[SF]] : f32
// CHECK-NEXT:      linalg.yield %[[SQRT]] : f32
// CHECK:         %d = linalg.generic
// CHECK-NEXT:    ^bb0(%[[B:.*]]: i1, %{{.*}}: f32):
// CHECK-NEXT:      %[[BF:.*]] = arith.uitofp %[[B]] : i1 to f32
// CHECK-NEXT:      %[[EXP2:.*]] = math.exp2 %[[BF]] : f32
// CHECK-NEXT:      linalg.yield %[[EXP2]] : f32
// CHECK:         %e = linalg.generic
// CHECK-NEXT:    ^bb0(%[[I2:.*]]: i32, %{{.*}}: f64):
// CHECK-NEXT:      %[[I2F:.*]] = arith.sitofp %[[I2]] : i32 to f64
// CHECK-NEXT:      %[[FL:.*]] = math.floor %[[I2F]] : f64
// CHECK-NEXT:      linalg.yield %[[FL]] : f64
// CHECK:         %f = linalg.generic
// CHECK-NEXT:    ^bb0(%[[I3:.*]]: i32, %{{.*}}: i32):
// CHECK-NEXT:      linalg.yield %[[I3]] : i32
func.func @integer_operands(%i: tensor<?xi32>, %s: tensor<?xi16>, %b: tensor<?xi1>) -> (tensor<?xf64>, tensor<?xf32>, tensor<?xf32>, tensor<?xf64>, tensor<?xi32>) {
  %a = irtk.sin %i : tensor<?xi32> -> tensor<?xf64>
  %c = irtk.sqrt %s : tensor<?xi16> -> tensor<?xf32>
  %d = irtk.exp2 %b : tensor<?xi1> -> tensor<?xf32>
  %e = irtk.floor %i : tensor<?xi32> -> tensor<?xf64>
  %f = irtk.round_half_to_even %i : tensor<?xi32> -> tensor<?xi32>
  return %a, %c, %d, %e, %f : tensor<?xf64>, tensor<?xf32>, tensor<?xf32>, tensor<?xf64>, tensor<?xi32>
}

// -----

// arctan2(y, x) keeps its operand order in math.atan2; a broadcast float32 column meets a float64 row, so the
// column is extended and both are read at index 0 along their stretched dimension. Two int8 operands compute in
// float32.
// CHECK-LABEL: func.func @arctan2(
// CHECK:         %[[N:.*]] = tensor.dim %y, %{{.*}} : tensor<?x1xf32>
// CHECK-NEXT:    %[[INIT:.*]] = tensor.empty(%[[N]]) : tensor<?x3xf64>
// CHECK-NEXT:    %a = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, 0)>, affine_map<(d0, d1) -> (0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%y, %x : tensor<?x1xf32>, tensor<1x3xf64>) outs(%[[INIT]] : tensor<?x3xf64>)
// CHECK-NEXT:    ^bb0(%[[Y:.*]]: f32, %[[X:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[YE:.*]] = arith.extf %[[Y]] : f32 to f64
// CHECK-NEXT:      %[[A:.*]] = math.atan2 %[[YE]], %[[X]] : f64
// CHECK-NEXT:      linalg.yield %[[A]] : f64
// CHECK:         %b = linalg.generic
// CHECK-NEXT:    ^bb0(%[[P:.*]]: i8, %[[Q:.*]]: i8, %{{.*}}: f32):
// CHECK-NEXT:      %[[PF:.*]] = arith.sitofp %[[P]] : i8 to f32
// CHECK-NEXT:      %[[QF:.*]] = arith.sitofp %[[Q]] : i8 to f32
// CHECK-NEXT:      %[[B:.*]] = math.atan2 %[[PF]], %[[QF]] : f32
// CHECK-NEXT:      linalg.yield %[[B]] : f32
func.func @arctan2(%y: tensor<?x1xf32>, %x: tensor<1x3xf64>, %p: tensor<?x3xi8>, %q: tensor<?x3xi8>) -> (tensor<?x3xf64>, tensor<?x3xf32>) {
  %a = irtk.arctan2 %y, %x : tensor<?x1xf32>, tensor<1x3xf64> -> tensor<?x3xf64>
  %b = irtk.arctan2 %p, %q : tensor<?x3xi8>, tensor<?x3xi8> -> tensor<?x3xf32>
  return %a, %b : tensor<?x3xf64>, tensor<?x3xf32>
}

// -----

// sigmoid is 1 / (1 + exp(-x)); softplus is max(x, 0) + log1p(exp(-|x|)), which never overflows (exp of a
// non-positive number) and keeps NaN (maximumf propagates it).
// CHECK-LABEL: func.func @nnet(
// CHECK:         %s = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[ONE:.*]] = arith.constant 1.000000e+00 : f64
// CHECK-NEXT:      %[[NEG:.*]] = arith.negf %[[X]] : f64
// CHECK-NEXT:      %[[E:.*]] = math.exp %[[NEG]] : f64
// CHECK-NEXT:      %[[D:.*]] = arith.addf %[[ONE]], %[[E]] : f64
// CHECK-NEXT:      %[[S:.*]] = arith.divf %[[ONE]], %[[D]] : f64
// CHECK-NEXT:      linalg.yield %[[S]] : f64
// CHECK:         %p = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X2:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[ZERO:.*]] = arith.constant 0.000000e+00 : f64
// CHECK-NEXT:      %[[POS:.*]] = arith.maximumf %[[X2]], %[[ZERO]] : f64
// CHECK-NEXT:      %[[ABS:.*]] = math.absf %[[X2]] : f64
// CHECK-NEXT:      %[[NABS:.*]] = arith.negf %[[ABS]] : f64
// CHECK-NEXT:      %[[E2:.*]] = math.exp %[[NABS]] : f64
// CHECK-NEXT:      %[[L:.*]] = math.log1p %[[E2]] : f64
// CHECK-NEXT:      %[[SP:.*]] = arith.addf %[[POS]], %[[L]] : f64
// CHECK-NEXT:      linalg.yield %[[SP]] : f64
func.func @nnet(%x: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>) {
  %s = irtk.sigmoid %x : tensor<?xf64> -> tensor<?xf64>
  %p = irtk.softplus %x : tensor<?xf64> -> tensor<?xf64>
  return %s, %p : tensor<?xf64>, tensor<?xf64>
}

// -----

// ultra_fast_sigmoid is piecewise (comparisons and selects, no math call but |x|); every comparison is false
// for NaN, so the last select returns x itself where x is NaN.
// CHECK-LABEL: func.func @ultra_fast_sigmoid(
// CHECK:         %u = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NOT:       math.exp
// CHECK:           %[[NAN:.*]] = arith.cmpf uno, %[[X]], %[[X]] : f32
// CHECK:           %[[R:.*]] = arith.select %[[NAN]], %[[X]], %{{.*}} : f32
// CHECK-NEXT:      linalg.yield %[[R]] : f32
func.func @ultra_fast_sigmoid(%x: tensor<?xf32>) -> tensor<?xf32> {
  %u = irtk.ultra_fast_sigmoid %x : tensor<?xf32> -> tensor<?xf32>
  return %u : tensor<?xf32>
}
