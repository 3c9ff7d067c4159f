// RUN: irtk-opt %s --split-input-file --allow-unregistered-dialect -p canonicalize | filecheck %s

// math's constant folds (irtk/passes/upstream_folds/math.py), as MLIR's: libm at the op's precision for f32
// and f64 only, exact roundings at every precision, the inputs MLIR refuses left alone (sqrt and logs of a
// negative number or -0.0, log1p below -1, 0 to a negative power), atan2 of two zeros is NaN, no folder for
// cbrt, rsqrt and fma, integers wrap at their width, vectors and tensors fold element by element or not at all.

// CHECK-LABEL: func.func @sqrt_f32_rounds_once()
// CHECK-DAG:     %[[R:.*]] = arith.constant 1.41421354 : f32
// CHECK-DAG:     %[[S:.*]] = arith.constant 1.4142135623730951 : f64
// CHECK-NOT:     math.sqrt
// CHECK:         "test.use"(%[[R]], %[[S]])
func.func @sqrt_f32_rounds_once() {
  %c = arith.constant 2.0 : f32
  %r = math.sqrt %c : f32
  %d = arith.constant 2.0 : f64
  %s = math.sqrt %d : f64
  "test.use"(%r, %s) : (f32, f64) -> ()
  return
}


// -----

// CHECK-LABEL: func.func @refused_inputs_stay()
// CHECK:         math.sqrt
// CHECK:         math.log
// CHECK:         math.log1p
func.func @refused_inputs_stay() {
  %m = arith.constant -4.0 : f32
  %nz = arith.constant -0.0 : f32
  %m2 = arith.constant -2.0 : f32
  %a = math.sqrt %m : f32
  %b = math.log %nz : f32
  %c = math.log1p %m2 : f32
  "test.use"(%a, %b, %c) : (f32, f32, f32) -> ()
  return
}


// -----

// CHECK-LABEL: func.func @log_of_zero_and_log1p_of_minus_one()
// CHECK:         %[[INF:.*]] = arith.constant 0xfff0000000000000 : f64
// CHECK-NOT:     math.
// CHECK:         "test.use"(%[[INF]], %[[INF]])
func.func @log_of_zero_and_log1p_of_minus_one() {
  %z = arith.constant 0.0 : f64
  %m1 = arith.constant -1.0 : f64
  %a = math.log %z : f64
  %b = math.log1p %m1 : f64
  "test.use"(%a, %b) : (f64, f64) -> ()
  return
}


// -----

// CHECK-LABEL: func.func @atan2_of_two_zeros_is_nan()
// CHECK:         %[[NAN:.*]] = arith.constant 0x7fc00000 : f32
// CHECK-NOT:     math.atan2
// CHECK:         "test.use"(%[[NAN]])
func.func @atan2_of_two_zeros_is_nan() {
  %z = arith.constant 0.0 : f32
  %nz = arith.constant -0.0 : f32
  %a = math.atan2 %nz, %z : f32
  "test.use"(%a) : (f32) -> ()
  return
}


// -----

// CHECK-LABEL: func.func @f16_roundings_fold_libm_functions_stay()
// CHECK-DAG:     %[[H:.*]] = arith.constant -1.500000e+00 : f16
// CHECK-DAG:     %[[CEIL:.*]] = arith.constant -1.000000e+00 : f16
// CHECK-DAG:     %[[EVEN:.*]] = arith.constant -2.000000e+00 : f16
// CHECK-DAG:     %[[SIN:.*]] = math.sin %[[H]] : f16
// CHECK:         "test.use"(%[[CEIL]], %[[EVEN]], %[[SIN]], %[[H]])
func.func @f16_roundings_fold_libm_functions_stay() {
  %h = arith.constant -1.5 : f16
  %a = math.ceil %h : f16
  %b = math.roundeven %h : f16
  %c = math.sin %h : f16
  %d = math.copysign %h, %h : f16
  "test.use"(%a, %b, %c, %d) : (f16, f16, f16, f16) -> ()
  return
}


// -----

// CHECK-LABEL: func.func @no_folder_in_mlir()
// CHECK:         math.cbrt
// CHECK:         math.rsqrt
// CHECK:         math.fma
func.func @no_folder_in_mlir() {
  %a = arith.constant 8.0 : f64
  %b = math.cbrt %a : f64
  %c = math.rsqrt %a : f64
  %d = math.fma %a, %a, %a : f64
  "test.use"(%b, %c, %d) : (f64, f64, f64) -> ()
  return
}


// -----

// CHECK-LABEL: func.func @integers_wrap()
// CHECK-DAG:     %[[MIN:.*]] = arith.constant -128 : i8
// CHECK-DAG:     %[[ZERO:.*]] = arith.constant 0 : i8
// CHECK-DAG:     %[[W:.*]] = arith.constant 16 : i16
// CHECK-DAG:     %[[ONE:.*]] = arith.constant 1 : i8
// CHECK-DAG:     %[[POW:.*]] = arith.constant -13 : i8
// CHECK-DAG:     %[[STAY:.*]] = math.ipowi %[[ZERO]], %{{.*}} : i8
// CHECK:         "test.use"(%[[MIN]], %[[W]], %[[ZERO]], %[[ONE]], %[[POW]], %[[STAY]])
func.func @integers_wrap() {
  %min = arith.constant -128 : i8
  %z = arith.constant 0 : i16
  %three = arith.constant 3 : i8
  %five = arith.constant 5 : i8
  %zero = arith.constant 0 : i8
  %neg = arith.constant -1 : i8
  %a = math.absi %min : i8
  %b = math.ctlz %z : i16
  %c = math.cttz %three : i8
  %d = math.ctpop %min : i8
  %e = math.ipowi %three, %five : i8
  %f = math.ipowi %zero, %neg : i8
  "test.use"(%a, %b, %c, %d, %e, %f) : (i8, i16, i8, i8, i8, i8) -> ()
  return
}


// -----

// CHECK-LABEL: func.func @elementwise()
// CHECK-DAG:     %[[T:.*]] = arith.constant dense<[4.000000e+00, -1.000000e+00]> : tensor<2xf32>
// CHECK-DAG:     %[[A:.*]] = arith.constant dense<3.000000e+00> : vector<4xf32>
// CHECK-DAG:     %[[C:.*]] = arith.constant dense<[true, false]> : tensor<2xi1>
// CHECK-DAG:     %[[B:.*]] = math.sqrt %[[T]] : tensor<2xf32>
// CHECK:         "test.use"(%[[A]], %[[B]], %[[C]])
func.func @elementwise() {
  %v = arith.constant dense<9.0> : vector<4xf32>
  %t = arith.constant dense<[4.0, -1.0]> : tensor<2xf32>
  %u = arith.constant dense<[0x7FC00000, 1.0]> : tensor<2xf32>
  %a = math.sqrt %v : vector<4xf32>
  %b = math.sqrt %t : tensor<2xf32>
  %c = math.isnan %u : tensor<2xf32>
  "test.use"(%a, %b, %c) : (vector<4xf32>, tensor<2xf32>, tensor<2xi1>) -> ()
  return
}
