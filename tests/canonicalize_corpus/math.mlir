// math: constant folds of the math ops MLIR folds (through the host's libm at the op's own precision, f32 in
// f32), the inputs MLIR's folders refuse (sqrt and logs of negative numbers or -0.0, log1p below -1), the ops
// it never folds (cbrt, rsqrt, fma, fpowi; libm-based ops on f16), integer bit counts and ipowi, splat and
// dense vector/tensor operands, and non-constant operands that must stay.

func.func @sqrt_f32() {
  %c = arith.constant 2.0 : f32
  %r = math.sqrt %c : f32
  "test.use"(%r) : (f32) -> ()
  return
}

// -----

func.func @sqrt_negative_and_negative_zero_stay() {
  %a = arith.constant -4.0 : f64
  %b = arith.constant -0.0 : f64
  %ra = math.sqrt %a : f64
  %rb = math.sqrt %b : f64
  "test.use"(%ra, %rb) : (f64, f64) -> ()
  return
}

// -----

func.func @exp_log_f32_and_f64() {
  %a = arith.constant 1.5 : f32
  %b = arith.constant 0.3 : f64
  %ea = math.exp %a : f32
  %lb = math.log %b : f64
  %e2 = math.exp2 %a : f32
  %em = math.expm1 %b : f64
  "test.use"(%ea, %lb, %e2, %em) : (f32, f64, f32, f64) -> ()
  return
}

// -----

func.func @logs_of_zero_fold_of_negatives_stay() {
  %z = arith.constant 0.0 : f32
  %n = arith.constant -1.0 : f32
  %nz = arith.constant -0.0 : f32
  %l0 = math.log %z : f32
  %l1 = math.log2 %n : f32
  %l2 = math.log10 %nz : f32
  %l3 = math.log1p %n : f32
  %m2 = arith.constant -2.0 : f32
  %l4 = math.log1p %m2 : f32
  "test.use"(%l0, %l1, %l2, %l3, %l4) : (f32, f32, f32, f32, f32) -> ()
  return
}

// -----

func.func @trigonometric() {
  %a = arith.constant 0.7 : f32
  %s = math.sin %a : f32
  %c = math.cos %a : f32
  %t = math.tan %a : f32
  %as = math.asin %a : f32
  %ac = math.acos %a : f32
  %at = math.atan %a : f32
  "test.use"(%s, %c, %t, %as, %ac, %at) : (f32, f32, f32, f32, f32, f32) -> ()
  return
}

// -----

func.func @hyperbolic_and_erf() {
  %a = arith.constant 0.25 : f64
  %s = math.sinh %a : f64
  %c = math.cosh %a : f64
  %t = math.tanh %a : f64
  %as = math.asinh %a : f64
  %at = math.atanh %a : f64
  %e = math.erf %a : f64
  %ec = math.erfc %a : f64
  "test.use"(%s, %c, %t, %as, %at, %e, %ec) : (f64, f64, f64, f64, f64, f64, f64) -> ()
  return
}

// -----

func.func @acosh_and_domain_errors_fold_to_nan() {
  %a = arith.constant 2.0 : f32
  %h = math.acosh %a : f32
  %n = math.asin %a : f32
  "test.use"(%h, %n) : (f32, f32) -> ()
  return
}

// -----

func.func @rounding() {
  %a = arith.constant -2.5 : f32
  %c = math.ceil %a : f32
  %f = math.floor %a : f32
  %r = math.round %a : f32
  %e = math.roundeven %a : f32
  %t = math.trunc %a : f32
  %b = math.absf %a : f32
  "test.use"(%c, %f, %r, %e, %t, %b) : (f32, f32, f32, f32, f32, f32) -> ()
  return
}

// -----

func.func @rounding_f16_folds_only_without_libm() {
  %a = arith.constant 1.5 : f16
  %c = math.ceil %a : f16
  %f = math.floor %a : f16
  %e = math.roundeven %a : f16
  %b = math.absf %a : f16
  %r = math.round %a : f16
  %t = math.trunc %a : f16
  %s = math.sqrt %a : f16
  "test.use"(%c, %f, %e, %b, %r, %t, %s) : (f16, f16, f16, f16, f16, f16, f16) -> ()
  return
}

// -----

func.func @binary_float_folds() {
  %a = arith.constant 3.0 : f32
  %b = arith.constant -0.5 : f32
  %p = math.powf %a, %b : f32
  %t = math.atan2 %a, %b : f32
  %c = math.copysign %a, %b : f32
  "test.use"(%p, %t, %c) : (f32, f32, f32) -> ()
  return
}

// -----

func.func @atan2_of_zeros_and_powf_of_negative_base() {
  %z = arith.constant 0.0 : f64
  %nz = arith.constant -0.0 : f64
  %n = arith.constant -8.0 : f64
  %h = arith.constant 0.5 : f64
  %t = math.atan2 %nz, %z : f64
  %p = math.powf %n, %h : f64
  "test.use"(%t, %p) : (f64, f64) -> ()
  return
}

// -----

func.func @never_folded() {
  %a = arith.constant 8.0 : f32
  %i = arith.constant 3 : i32
  %c = math.cbrt %a : f32
  %r = math.rsqrt %a : f32
  %f = math.fma %a, %a, %a : f32
  %p = math.fpowi %a, %i : f32, i32
  "test.use"(%c, %r, %f, %p) : (f32, f32, f32, f32) -> ()
  return
}

// -----

func.func @classification() {
  %nan = arith.constant 0x7FC00000 : f32
  %inf = arith.constant 0xFF800000 : f64
  %one = arith.constant 1.0 : f32
  %a = math.isnan %nan : f32
  %b = math.isinf %inf : f64
  %c = math.isfinite %one : f32
  %d = math.isnormal %one : f32
  "test.use"(%a, %b, %c, %d) : (i1, i1, i1, i1) -> ()
  return
}

// -----

func.func @bit_counts() {
  %a = arith.constant 40 : i32
  %z = arith.constant 0 : i16
  %l = math.ctlz %a : i32
  %t = math.cttz %a : i32
  %p = math.ctpop %a : i32
  %lz = math.ctlz %z : i16
  %tz = math.cttz %z : i16
  "test.use"(%l, %t, %p, %lz, %tz) : (i32, i32, i32, i16, i16) -> ()
  return
}

// -----

func.func @absi_of_minimum_wraps() {
  %a = arith.constant -128 : i8
  %b = arith.constant -5 : i64
  %ra = math.absi %a : i8
  %rb = math.absi %b : i64
  "test.use"(%ra, %rb) : (i8, i64) -> ()
  return
}

// -----

func.func @ipowi() {
  %b = arith.constant 3 : i32
  %e = arith.constant 5 : i32
  %r = math.ipowi %b, %e : i32
  %big = arith.constant 40 : i32
  %w = math.ipowi %b, %big : i32
  "test.use"(%r, %w) : (i32, i32) -> ()
  return
}

// -----

func.func @ipowi_negative_exponents() {
  %m1 = arith.constant -1 : i32
  %zero = arith.constant 0 : i32
  %two = arith.constant 2 : i32
  %neg = arith.constant -3 : i32
  %a = math.ipowi %m1, %neg : i32
  %b = math.ipowi %two, %neg : i32
  %c = math.ipowi %zero, %neg : i32
  %d = math.ipowi %zero, %zero : i32
  "test.use"(%a, %b, %c, %d) : (i32, i32, i32, i32) -> ()
  return
}

// -----

func.func @splat_vector() {
  %a = arith.constant dense<4.0> : vector<4xf32>
  %s = math.sqrt %a : vector<4xf32>
  %f = math.floor %a : vector<4xf32>
  "test.use"(%s, %f) : (vector<4xf32>, vector<4xf32>) -> ()
  return
}

// -----

func.func @dense_tensor() {
  %a = arith.constant dense<[0.5, 1.0, 2.0]> : tensor<3xf64>
  %e = math.exp %a : tensor<3xf64>
  %i = arith.constant dense<[1, 8, 255]> : tensor<3xi32>
  %p = math.ctpop %i : tensor<3xi32>
  "test.use"(%e, %p) : (tensor<3xf64>, tensor<3xi32>) -> ()
  return
}

// -----

func.func @dense_with_one_negative_stays() {
  %a = arith.constant dense<[4.0, -1.0]> : tensor<2xf32>
  %s = math.sqrt %a : tensor<2xf32>
  "test.use"(%s) : (tensor<2xf32>) -> ()
  return
}

// -----

func.func @fastmath_does_not_block_folding() {
  %a = arith.constant 0.5 : f32
  %r = math.tanh %a fastmath<fast> : f32
  "test.use"(%r) : (f32) -> ()
  return
}

// -----

func.func @non_constant_operands_stay(%x: f32, %n: i32) {
  %a = math.exp %x : f32
  %b = math.sqrt %a : f32
  %c = math.ctlz %n : i32
  %d = math.powf %x, %b : f32
  "test.use"(%b, %c, %d) : (f32, i32, f32) -> ()
  return
}

// -----

func.func @dead_math_ops_are_erased(%x: f64) {
  %a = math.sin %x : f64
  %b = math.exp %a : f64
  return
}

// -----

func.func @nan_and_infinity_inputs() {
  %nan = arith.constant 0x7FF8000000000000 : f64
  %inf = arith.constant 0x7FF0000000000000 : f64
  %a = math.exp %nan : f64
  %b = math.tanh %inf : f64
  %c = math.log %inf : f64
  "test.use"(%a, %b, %c) : (f64, f64, f64) -> ()
  return
}
