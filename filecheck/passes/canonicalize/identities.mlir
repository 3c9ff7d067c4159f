// RUN: irtk-opt %s --split-input-file -p canonicalize | filecheck %s

// The identities of 0 and 1 (irtk/dialects/irtk/canonicalization.py). Each applies only when the result has
// the kept operand's type. They are exact for real numbers; `x + 0 => x` keeps a -0.0 that the addition would
// have made +0.0, and `0 * x => 0` drops the NaN an infinite x would have given (as Theano's canonicalizer does).

// CHECK-LABEL: func.func @add_sub_zero(
// CHECK-NEXT:    %d = irtk.neg %x : tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    func.return %x, %x, %x, %d
func.func @add_sub_zero(%x: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %z = irtk.constant dense<0.0> : tensor<1xf64>
  %a = irtk.add %x, %z : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %b = irtk.add %z, %x : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
  %c = irtk.sub %x, %z : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %d = irtk.sub %z, %x : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
  return %a, %b, %c, %d : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}

// -----

// 0 * x is the zeros of the product's type: the constant itself, a new constant for a static shape, or
// zeros broadcast to the operand that has the product's (dynamic) shape.
// CHECK-LABEL: func.func @mul_by_zero(
// CHECK-NEXT:    %z = irtk.constant dense<0.000000e+00> : tensor<3xf64>
// CHECK-NEXT:    %b = irtk.constant dense<0.000000e+00> : tensor<3xf64>
// CHECK-NEXT:    %[[Z1:.*]] = irtk.constant dense<0.000000e+00> : tensor<1xf64>
// CHECK-NEXT:    %[[C:.*]] = irtk.broadcast %[[Z1]] to %y : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %i = irtk.constant dense<0> : tensor<3xi32>
// CHECK-NEXT:    func.return %z, %b, %[[C]], %i
func.func @mul_by_zero(%x: tensor<3xf64>, %y: tensor<?xf64>, %n: tensor<3xi32>) -> (tensor<3xf64>, tensor<3xf64>, tensor<?xf64>, tensor<3xi32>) {
  %z = irtk.constant dense<0.0> : tensor<3xf64>
  %a = irtk.mul %x, %z : tensor<3xf64>, tensor<3xf64> -> tensor<3xf64>
  %z1 = irtk.constant dense<0.0> : tensor<1xf64>
  %b = irtk.mul %z1, %x : tensor<1xf64>, tensor<3xf64> -> tensor<3xf64>
  %c = irtk.mul %y, %z1 : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %zi = irtk.constant dense<0> : tensor<1xi32>
  %i = irtk.mul %n, %zi : tensor<3xi32>, tensor<1xi32> -> tensor<3xi32>
  return %a, %b, %c, %i : tensor<3xf64>, tensor<3xf64>, tensor<?xf64>, tensor<3xi32>
}

// -----

// x / 1 => x and x * -1 => -x; an integer divided by 1 is a float, so that division stays.
// CHECK-LABEL: func.func @div_by_one_mul_by_minus_one(
// CHECK-NEXT:    %b = irtk.neg %x : tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %ione = irtk.constant dense<1> : tensor<1xi32>
// CHECK-NEXT:    %c = irtk.div %n, %ione : tensor<?xi32>, tensor<1xi32> -> tensor<?xf64>
// CHECK-NEXT:    func.return %x, %b, %c
func.func @div_by_one_mul_by_minus_one(%x: tensor<?xf64>, %n: tensor<?xi32>) -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %one = irtk.constant dense<1.0> : tensor<1xf64>
  %a = irtk.div %x, %one : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %m = irtk.constant dense<-1.0> : tensor<1xf64>
  %b = irtk.mul %m, %x : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
  %ione = irtk.constant dense<1> : tensor<1xi32>
  %c = irtk.div %n, %ione : tensor<?xi32>, tensor<1xi32> -> tensor<?xf64>
  return %a, %b, %c : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}

// -----

// A 0 or 1 broadcast to a shape (zeros_like, ones_like) counts as a 0 or 1. (`%e` has x's run-time shape: the
// elementwise op that made it checked so.)
// CHECK-LABEL: func.func @broadcast_constants(
// CHECK-NEXT:    %e = irtk.exp %x
// CHECK-NEXT:    func.return %x, %e
func.func @broadcast_constants(%x: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>) {
  %e = irtk.exp %x : tensor<?xf64> -> tensor<?xf64>
  %one = irtk.constant dense<1.0> : tensor<1xf64>
  %ones = irtk.broadcast %one to %e : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
  %a = irtk.mul %ones, %x : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %zero = irtk.constant dense<0.0> : tensor<1xf64>
  %zeros = irtk.broadcast %zero to %x : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
  %b = irtk.add %e, %zeros : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  return %a, %b : tensor<?xf64>, tensor<?xf64>
}

// -----

// A broadcast to its own type goes, and a broadcast operand sinks into an elementwise op that does not need it
// for its result type, when the sizes provably agree (here `%d` and `%x`: the sub checked them); an op on
// broadcasts and scalars moves inside the broadcast (so constant operands fold).
// CHECK-LABEL: func.func @broadcasts(
// CHECK-NEXT:    %d = irtk.sub %x, %y
// CHECK-NEXT:    %two = irtk.constant dense<2.000000e+00> : tensor<1xf64>
// CHECK-NEXT:    %b = irtk.mul %two, %x : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[NC:.*]] = irtk.constant dense<-2.000000e+00> : tensor<1xf64>
// CHECK-NEXT:    %[[N:.*]] = irtk.broadcast %[[NC]] to %d : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[FOUR:.*]] = irtk.constant dense<4.000000e+00> : tensor<1xf64>
// CHECK-NEXT:    %[[S:.*]] = irtk.broadcast %[[FOUR]] to %d : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    func.return %x, %b, %[[N]], %[[S]]
func.func @broadcasts(%x: tensor<?xf64>, %y: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %d = irtk.sub %x, %y : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %a = irtk.broadcast %x to %d : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %two = irtk.constant dense<2.0> : tensor<1xf64>
  %twos = irtk.broadcast %two to %d : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
  %b = irtk.mul %twos, %x : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %n = irtk.neg %twos : tensor<?xf64> -> tensor<?xf64>
  // the broadcast alone gives the result its shape: 2 + 2 is computed once, then broadcast
  %s = irtk.add %twos, %two : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  return %a, %b, %n, %s : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}

// -----

// Between unrelated dynamic sizes a broadcast stays: it checks at run time that they agree. So
// `ones_like(x) * y` is `broadcast y to x`, not y.
// CHECK-LABEL: func.func @unrelated_sizes(
// CHECK-NEXT:    %a = irtk.broadcast %x to %y
// CHECK-NEXT:    %b = irtk.broadcast %y to %x
// CHECK-NEXT:    func.return %a, %b
func.func @unrelated_sizes(%x: tensor<?xf64>, %y: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>) {
  %a = irtk.broadcast %x to %y : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %one = irtk.constant dense<1.0> : tensor<1xf64>
  %ones = irtk.broadcast %one to %x : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
  %b = irtk.mul %ones, %y : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  return %a, %b : tensor<?xf64>, tensor<?xf64>
}

// -----

// Not rewritten: complex x + 0 and x * 1 (NaN parts), and zeros that would stretch x's shape.
// CHECK-LABEL: func.func @not_rewritten(
// CHECK:         irtk.add %z, %zc
// CHECK:         irtk.add %x, %zs
// CHECK:         func.return
func.func @not_rewritten(%z: tensor<?xcomplex<f64>>, %x: tensor<1xf64>) -> (tensor<?xcomplex<f64>>, tensor<3xf64>) {
  %zc = irtk.constant dense<(0.0, 0.0)> : tensor<1xcomplex<f64>>
  %a = irtk.add %z, %zc : tensor<?xcomplex<f64>>, tensor<1xcomplex<f64>> -> tensor<?xcomplex<f64>>
  %zs = irtk.constant dense<0.0> : tensor<3xf64>
  %b = irtk.add %x, %zs : tensor<1xf64>, tensor<3xf64> -> tensor<3xf64>
  return %a, %b : tensor<?xcomplex<f64>>, tensor<3xf64>
}
