// RUN: irtk-opt %s --split-input-file -p canonicalize | filecheck %s

// irtk's canonicalization patterns do not reassociate, and most are exact: none changes a bit of any result.
// So x*1 goes, but only when the product has x's type; x-x stays (NaN). The identities of 0 (x+0, 0*x) are
// exact for real numbers only, as in Theano (filecheck/passes/canonicalize/identities.mlir).

// CHECK-LABEL: func.func @mul_by_one(
// CHECK-NEXT:    %one = irtk.constant dense<1.000000e+00> : tensor<1xf64>
// CHECK-NEXT:    %c = irtk.mul %i, %one : tensor<?xi32>, tensor<1xf64> -> tensor<?xf64>
// CHECK-NEXT:    %two = irtk.constant dense<2.000000e+00> : tensor<1xf64>
// CHECK-NEXT:    %d = irtk.mul %x, %two
// CHECK-NEXT:    func.return %x, %x, %c, %d
func.func @mul_by_one(%x: tensor<?xf64>, %i: tensor<?xi32>) -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %one = irtk.constant dense<1.0> : tensor<1xf64>
  %a = irtk.mul %x, %one : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %b = irtk.mul %one, %x : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
  %c = irtk.mul %i, %one : tensor<?xi32>, tensor<1xf64> -> tensor<?xf64>
  %two = irtk.constant dense<2.0> : tensor<1xf64>
  %d = irtk.mul %x, %two : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  return %a, %b, %c, %d : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}

// -----

// The ones stretch x here: the product does not have x's type, so it stays.
// CHECK-LABEL: func.func @mul_by_ones_that_stretch(
// CHECK:         %a = irtk.mul %x, %one : tensor<1xf64>, tensor<3xf64> -> tensor<3xf64>
// CHECK-NEXT:    func.return %a
func.func @mul_by_ones_that_stretch(%x: tensor<1xf64>) -> tensor<3xf64> {
  %one = irtk.constant dense<1.0> : tensor<3xf64>
  %a = irtk.mul %x, %one : tensor<1xf64>, tensor<3xf64> -> tensor<3xf64>
  return %a : tensor<3xf64>
}

// -----

// CHECK-LABEL: func.func @double_negation(
// CHECK-NEXT:    %c = irtk.neg %x : tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    func.return %x, %c
func.func @double_negation(%x: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>) {
  %a = irtk.neg %x : tensor<?xf64> -> tensor<?xf64>
  %b = irtk.neg %a : tensor<?xf64> -> tensor<?xf64>
  %c = irtk.neg %b : tensor<?xf64> -> tensor<?xf64>
  return %b, %c : tensor<?xf64>, tensor<?xf64>
}

// -----

// Ops on constants fold to constants, computed by each op's numpy reference (sums left to right).
// CHECK-LABEL: func.func @constant_folding(
// CHECK-NEXT:    %s = irtk.constant dense<[4.000000e+00, 6.000000e+00]> : tensor<2xf64>
// CHECK-NEXT:    %d = irtk.constant dense<1.100000e+01> : tensor<f64>
// CHECK-NEXT:    %o = irtk.constant dense<{{\[\[}}3.000000e+00, 4.000000e+00], [6.000000e+00, 8.000000e+00]]> : tensor<2x2xf64>
// CHECK-NEXT:    %t = irtk.constant dense<3.000000e+00> : tensor<f64>
// CHECK-NEXT:    func.return %s, %d, %o, %t
func.func @constant_folding() -> (tensor<2xf64>, tensor<f64>, tensor<2x2xf64>, tensor<f64>) {
  %a = irtk.constant dense<[1.0, 2.0]> : tensor<2xf64>
  %b = irtk.constant dense<[3.0, 4.0]> : tensor<2xf64>
  %s = irtk.add %a, %b : tensor<2xf64>, tensor<2xf64> -> tensor<2xf64>
  %d = irtk.dot %a, %b : tensor<2xf64>, tensor<2xf64> -> tensor<f64>
  %col = irtk.dimshuffle %a [0, x] : tensor<2xf64> -> tensor<2x1xf64>
  %row = irtk.dimshuffle %b [x, 0] : tensor<2xf64> -> tensor<1x2xf64>
  %o = irtk.mul %col, %row : tensor<2x1xf64>, tensor<1x2xf64> -> tensor<2x2xf64>
  %i = irtk.constant dense<[1, 2, 3]> : tensor<3xi32>
  %j = irtk.constant dense<2> : tensor<3xi32>
  %q = irtk.div %i, %j : tensor<3xi32>, tensor<3xi32> -> tensor<3xf64>
  %t = irtk.sum %q [0] : tensor<3xf64> -> tensor<f64>
  return %s, %d, %o, %t : tensor<2xf64>, tensor<f64>, tensor<2x2xf64>, tensor<f64>
}

// -----

// Integer folding keeps the dtypes of the type rules (sum of int8 in int64, cast wraps like numpy).
// CHECK-LABEL: func.func @integer_folding(
// CHECK-NEXT:    %s = irtk.constant dense<300> : tensor<i64>
// CHECK-NEXT:    %w = irtk.constant dense<[44, -56]> : tensor<2xi8>
// CHECK-NEXT:    func.return %s, %w
func.func @integer_folding() -> (tensor<i64>, tensor<2xi8>) {
  %a = irtk.constant dense<100> : tensor<3xi8>
  %s = irtk.sum %a [0] : tensor<3xi8> -> tensor<i64>
  %b = irtk.constant dense<[300, 200]> : tensor<2xi32>
  %w = irtk.cast %b : tensor<2xi32> -> tensor<2xi8>
  return %s, %w : tensor<i64>, tensor<2xi8>
}

// -----

// Folding stops at 1024 elements, and never folds an op whose result has a dynamic size.
// CHECK-LABEL: func.func @no_big_folds(
// CHECK-NEXT:    %a = irtk.constant dense<1.500000e+00> : tensor<2000xf64>
// CHECK-NEXT:    %b = irtk.exp %a : tensor<2000xf64> -> tensor<2000xf64>
// CHECK-NEXT:    func.return %b
func.func @no_big_folds() -> tensor<2000xf64> {
  %a = irtk.constant dense<1.5> : tensor<2000xf64>
  %b = irtk.exp %a : tensor<2000xf64> -> tensor<2000xf64>
  return %b : tensor<2000xf64>
}

// -----

// Dimshuffles compose, and an identity dimshuffle (also one composed to it) disappears.
// CHECK-LABEL: func.func @dimshuffle_composition(
// CHECK-NEXT:    %d = irtk.dimshuffle %v [x, 0, x] : tensor<?xf64> -> tensor<1x?x1xf64>
// CHECK-NEXT:    %m = irtk.dimshuffle %x [1, x, 0] : tensor<?x?xf64> -> tensor<?x1x?xf64>
// CHECK-NEXT:    func.return %x, %x, %v, %d, %m
func.func @dimshuffle_composition(%x: tensor<?x?xf64>, %v: tensor<?xf64>) -> (tensor<?x?xf64>, tensor<?x?xf64>, tensor<?xf64>, tensor<1x?x1xf64>, tensor<?x1x?xf64>) {
  %t = irtk.dimshuffle %x [1, 0] : tensor<?x?xf64> -> tensor<?x?xf64>
  %tt = irtk.dimshuffle %t [1, 0] : tensor<?x?xf64> -> tensor<?x?xf64>
  %id = irtk.dimshuffle %x [0, 1] : tensor<?x?xf64> -> tensor<?x?xf64>
  %r = irtk.dimshuffle %v [x, 0] : tensor<?xf64> -> tensor<1x?xf64>
  %back = irtk.dimshuffle %r [1] : tensor<1x?xf64> -> tensor<?xf64>
  %c = irtk.dimshuffle %r [1, 0] : tensor<1x?xf64> -> tensor<?x1xf64>
  %d = irtk.dimshuffle %c [x, 0, 1] : tensor<?x1xf64> -> tensor<1x?x1xf64>
  %e = irtk.dimshuffle %t [x, 0, 1] : tensor<?x?xf64> -> tensor<1x?x?xf64>
  %m = irtk.dimshuffle %e [1, 0, 2] : tensor<1x?x?xf64> -> tensor<?x1x?xf64>
  return %tt, %id, %back, %d, %m : tensor<?x?xf64>, tensor<?x?xf64>, tensor<?xf64>, tensor<1x?x1xf64>, tensor<?x1x?xf64>
}

// -----

// CHECK-LABEL: func.func @cast_to_same_type(
// CHECK-NEXT:    %b = irtk.cast %x : tensor<?xf64> -> tensor<?xf32>
// CHECK-NEXT:    func.return %x, %b
func.func @cast_to_same_type(%x: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf32>) {
  %a = irtk.cast %x : tensor<?xf64> -> tensor<?xf64>
  %b = irtk.cast %a : tensor<?xf64> -> tensor<?xf32>
  return %a, %b : tensor<?xf64>, tensor<?xf32>
}

// -----

// Not rewritten: x - x (NaN - NaN is NaN), x / x. (x + 0 is: it goes.)
// CHECK-LABEL: func.func @inexact_rewrites_are_not_done(
// CHECK-NEXT:    %b = irtk.sub %x, %x
// CHECK-NEXT:    %c = irtk.div %x, %x
// CHECK-NEXT:    func.return %x, %b, %c
func.func @inexact_rewrites_are_not_done(%x: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %z = irtk.constant dense<0.0> : tensor<1xf64>
  %a = irtk.add %x, %z : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %b = irtk.sub %x, %x : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %c = irtk.div %x, %x : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  return %a, %b, %c : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}

// -----

// Dead irtk ops (all are pure) are removed.
// CHECK-LABEL: func.func @dead_code(
// CHECK-NEXT:    func.return %x
func.func @dead_code(%x: tensor<?xf64>) -> tensor<?xf64> {
  %a = irtk.exp %x : tensor<?xf64> -> tensor<?xf64>
  %s = irtk.sum %a [0] : tensor<?xf64> -> tensor<f64>
  return %x : tensor<?xf64>
}
