// RUN: irtk-opt %s --split-input-file -p canonicalize | filecheck %s

// A constructor of static shape on constant operands folds to a constant (computed from its structured form).
// A dynamic size that a constant fixes becomes static first (a cast keeps the type the users had), so sizes
// computed from constants fold too. A negative constant size (or one the value does not fit, or an arange without
// a length) stays dynamic: the call reports it.

// CHECK-LABEL: func.func @static(
// CHECK-NEXT:    %[[Z:.*]] = irtk.constant dense<0.000000e+00> : tensor<2x3xf64>
// CHECK-NEXT:    %[[E:.*]] = irtk.constant dense<{{\[}}[0.000000e+00, 1.000000e+00], [0.000000e+00, 0.000000e+00]]> : tensor<2x2xf32>
// CHECK-NEXT:    %[[R:.*]] = irtk.constant dense<[2, 4, 6]> : tensor<3xi64>
// CHECK-NEXT:    func.return %[[Z]], %[[E]], %[[R]]
func.func @static() -> (tensor<2x3xf64>, tensor<2x2xf32>, tensor<3xi64>) {
  %zero = irtk.constant dense<0.0> : tensor<f64>
  %z = irtk.alloc %zero : tensor<f64> -> tensor<2x3xf64>
  %one = irtk.constant dense<1> : tensor<i64>
  %e = irtk.eye %one : tensor<i64> -> tensor<2x2xf32>
  %a = irtk.constant dense<2> : tensor<i64>
  %b = irtk.constant dense<7> : tensor<i64>
  %r = irtk.arange %a, %b, %a : tensor<i64>, tensor<i64>, tensor<i64> -> tensor<3xi64>
  return %z, %e, %r : tensor<2x3xf64>, tensor<2x2xf32>, tensor<3xi64>
}

// -----

// CHECK-LABEL: func.func @sizes_from_constants(
// CHECK-NEXT:    %[[Z:.*]] = irtk.constant dense<1.000000e+00> : tensor<3x2xf64>
// CHECK-NEXT:    %[[ZC:.*]] = irtk.cast %[[Z]] : tensor<3x2xf64> -> tensor<?x2xf64>
// CHECK-NEXT:    %[[R:.*]] = irtk.constant dense<[0.000000e+00, 5.000000e-01, 1.000000e+00]> : tensor<3xf64>
// CHECK-NEXT:    %[[RC:.*]] = irtk.cast %[[R]] : tensor<3xf64> -> tensor<?xf64>
// CHECK-NEXT:    func.return %[[ZC]], %[[RC]]
func.func @sizes_from_constants() -> (tensor<?x2xf64>, tensor<?xf64>) {
  %one = irtk.constant dense<1.0> : tensor<f64>
  %two = irtk.constant dense<2> : tensor<i64>
  %c1 = irtk.constant dense<1> : tensor<i64>
  %three = irtk.add %two, %c1 : tensor<i64>, tensor<i64> -> tensor<i64>
  %z = irtk.alloc %one, %three : tensor<f64>, tensor<i64> -> tensor<?x2xf64>
  %start = irtk.constant dense<0.0> : tensor<f64>
  %stop = irtk.constant dense<1.5> : tensor<f64>
  %step = irtk.constant dense<0.5> : tensor<f64>
  %r = irtk.arange %start, %stop, %step : tensor<f64>, tensor<f64>, tensor<f64> -> tensor<?xf64>
  return %z, %r : tensor<?x2xf64>, tensor<?xf64>
}

// -----

// Only the size that became known turns static; the operand of the other stays.
// CHECK-LABEL: func.func @one_of_two(
// CHECK-NEXT:    %[[V:.*]] = irtk.constant dense<0.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[Z:.*]] = irtk.alloc %[[V]], %n : tensor<f32>, tensor<i32> -> tensor<4x?xf32>
// CHECK-NEXT:    %[[ZC:.*]] = irtk.cast %[[Z]] : tensor<4x?xf32> -> tensor<?x?xf32>
// CHECK-NEXT:    func.return %[[ZC]]
func.func @one_of_two(%n: tensor<i32>) -> tensor<?x?xf32> {
  %v = irtk.constant dense<0.0> : tensor<f32>
  %four = irtk.constant dense<4> : tensor<i8>
  %z = irtk.alloc %v, %four, %n : tensor<f32>, tensor<i8>, tensor<i32> -> tensor<?x?xf32>
  return %z : tensor<?x?xf32>
}

// -----

// CHECK-LABEL: func.func @errors_stay(
// CHECK:         %z = irtk.alloc %v, %minus : tensor<f32>, tensor<i64> -> tensor<?xf32>
// CHECK:         %r = irtk.arange %a, %a, %zero : tensor<i64>, tensor<i64>, tensor<i64> -> tensor<?xi64>
// CHECK:         %w = irtk.alloc %three, %a : tensor<3xf32>, tensor<i64> -> tensor<?xf32>
func.func @errors_stay() -> (tensor<?xf32>, tensor<?xi64>, tensor<?xf32>) {
  %v = irtk.constant dense<0.0> : tensor<f32>
  %minus = irtk.constant dense<-1> : tensor<i64>
  %z = irtk.alloc %v, %minus : tensor<f32>, tensor<i64> -> tensor<?xf32>
  %a = irtk.constant dense<1> : tensor<i64>
  %zero = irtk.constant dense<0> : tensor<i64>
  %r = irtk.arange %a, %a, %zero : tensor<i64>, tensor<i64>, tensor<i64> -> tensor<?xi64>
  %three = irtk.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %w = irtk.alloc %three, %a : tensor<3xf32>, tensor<i64> -> tensor<?xf32>
  return %z, %r, %w : tensor<?xf32>, tensor<?xi64>, tensor<?xf32>
}
