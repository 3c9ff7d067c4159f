// RUN: irtk-opt %s --split-input-file -p autodiff | filecheck %s

// `autodiff` replaces each `irtk.grad` by adjoint code built from each op's gradient rule: the cost's
// adjoint is seeded with a constant 1, and every rule is plain irtk ops (no canonicalization here, so the
// seed's multiplications by 1 are still visible). The request itself is gone.

// add/sub: the adjoint passes through (negated for the subtrahend).
// CHECK-LABEL: func.func @add_sub(
// CHECK:         %[[ONE:.*]] = irtk.constant dense<1.000000e+00> : tensor<f64>
// CHECK-NEXT:    %[[GA:.*]] = irtk.neg %[[ONE]] : tensor<f64> -> tensor<f64>
// CHECK-NEXT:    %gx = irtk.add %[[ONE]], %[[ONE]] : tensor<f64>, tensor<f64> -> tensor<f64>
// CHECK-NEXT:    %gy = irtk.add %[[GA]], %[[ONE]] : tensor<f64>, tensor<f64> -> tensor<f64>
// CHECK-NEXT:    func.return %gx, %gy
// CHECK-NOT:   irtk.grad
func.func @add_sub(%x: tensor<f64>, %y: tensor<f64>) -> (tensor<f64>, tensor<f64>) {
  %a = irtk.add %x, %y : tensor<f64>, tensor<f64> -> tensor<f64>
  %b = irtk.sub %x, %y : tensor<f64>, tensor<f64> -> tensor<f64>
  %cost = irtk.add %b, %a : tensor<f64>, tensor<f64> -> tensor<f64>
  %gx, %gy = irtk.grad %cost wrt %x, %y : tensor<f64>, tensor<f64>, tensor<f64>
  return %gx, %gy : tensor<f64>, tensor<f64>
}

// -----

// mul: each factor's adjoint is the result's adjoint times the other factor.
// CHECK-LABEL: func.func @mul(
// CHECK:         %[[ONE:.*]] = irtk.constant dense<1.000000e+00> : tensor<f64>
// CHECK-NEXT:    %gx = irtk.mul %[[ONE]], %y : tensor<f64>, tensor<f64> -> tensor<f64>
// CHECK-NEXT:    %gy = irtk.mul %[[ONE]], %x : tensor<f64>, tensor<f64> -> tensor<f64>
// CHECK-NEXT:    func.return %gx, %gy
func.func @mul(%x: tensor<f64>, %y: tensor<f64>) -> (tensor<f64>, tensor<f64>) {
  %p = irtk.mul %x, %y : tensor<f64>, tensor<f64> -> tensor<f64>
  %gx, %gy = irtk.grad %p wrt %x, %y : tensor<f64>, tensor<f64>, tensor<f64>
  return %gx, %gy : tensor<f64>, tensor<f64>
}

// -----

// div: d(x/y)/dx = g/y and d(x/y)/dy = -((g*x) / (y*y)).
// CHECK-LABEL: func.func @div(
// CHECK:         %[[ONE:.*]] = irtk.constant dense<1.000000e+00> : tensor<f64>
// CHECK-NEXT:    %gx = irtk.div %[[ONE]], %y
// CHECK-NEXT:    %[[GX:.*]] = irtk.mul %[[ONE]], %x
// CHECK-NEXT:    %[[YY:.*]] = irtk.mul %y, %y
// CHECK-NEXT:    %[[Q:.*]] = irtk.div %[[GX]], %[[YY]]
// CHECK-NEXT:    %gy = irtk.neg %[[Q]]
// CHECK-NEXT:    func.return %gx, %gy
func.func @div(%x: tensor<f64>, %y: tensor<f64>) -> (tensor<f64>, tensor<f64>) {
  %q = irtk.div %x, %y : tensor<f64>, tensor<f64> -> tensor<f64>
  %gx, %gy = irtk.grad %q wrt %x, %y : tensor<f64>, tensor<f64>, tensor<f64>
  return %gx, %gy : tensor<f64>, tensor<f64>
}

// -----

// The unary family, chained; the rules run from the cost backwards:
// sqrt: g / (2 * sqrt(x)), log: g / x, exp: g * exp(x), sqr: (g * x) * 2, neg: -g.
// CHECK-LABEL: func.func @unary(
// CHECK:         %e = irtk.sqrt %d
// CHECK-NEXT:    %[[ONE:.*]] = irtk.constant dense<1.000000e+00> : tensor<f64>
// CHECK-NEXT:    %[[TWO:.*]] = irtk.constant dense<2.000000e+00> : tensor<f64>
// CHECK-NEXT:    %[[TWO_SQRT:.*]] = irtk.mul %[[TWO]], %e
// CHECK-NEXT:    %[[GD:.*]] = irtk.div %[[ONE]], %[[TWO_SQRT]]
// CHECK-NEXT:    %[[GC:.*]] = irtk.div %[[GD]], %c
// CHECK-NEXT:    %[[GB:.*]] = irtk.mul %[[GC]], %c
// CHECK-NEXT:    %[[GBA:.*]] = irtk.mul %[[GB]], %a
// CHECK-NEXT:    %[[TWO2:.*]] = irtk.constant dense<2.000000e+00> : tensor<f64>
// CHECK-NEXT:    %[[GA:.*]] = irtk.mul %[[GBA]], %[[TWO2]]
// CHECK-NEXT:    %g = irtk.neg %[[GA]]
// CHECK-NEXT:    func.return %g
func.func @unary(%x: tensor<f64>) -> tensor<f64> {
  %a = irtk.neg %x : tensor<f64> -> tensor<f64>
  %b = irtk.sqr %a : tensor<f64> -> tensor<f64>
  %c = irtk.exp %b : tensor<f64> -> tensor<f64>
  %d = irtk.log %c : tensor<f64> -> tensor<f64>
  %e = irtk.sqrt %d : tensor<f64> -> tensor<f64>
  %g = irtk.grad %e wrt %x : tensor<f64>, tensor<f64>
  return %g : tensor<f64>
}

// -----

// cast: the adjoint is cast back to the operand's dtype.
// CHECK-LABEL: func.func @cast(
// CHECK:         %[[ONE:.*]] = irtk.constant dense<1.000000e+00> : tensor<f64>
// CHECK-NEXT:    %g = irtk.cast %[[ONE]] : tensor<f64> -> tensor<f32>
// CHECK-NEXT:    func.return %g : tensor<f32>
func.func @cast(%x: tensor<f32>) -> tensor<f32> {
  %c = irtk.cast %x : tensor<f32> -> tensor<f64>
  %g = irtk.grad %c wrt %x : tensor<f64>, tensor<f32>
  return %g : tensor<f32>
}

// -----

// Mixed dtypes: f32 * f64 computes in f64; the f32 factor's adjoint is cast back to f32.
// CHECK-LABEL: func.func @mixed_dtypes(
// CHECK:         %[[ONE:.*]] = irtk.constant dense<1.000000e+00> : tensor<f64>
// CHECK-NEXT:    %[[G:.*]] = irtk.mul %[[ONE]], %y : tensor<f64>, tensor<f64> -> tensor<f64>
// The rule also builds y's partial, which nobody asked for: dead code, left for canonicalize.
// CHECK-NEXT:    irtk.mul %[[ONE]], %x : tensor<f64>, tensor<f32> -> tensor<f64>
// CHECK-NEXT:    %g = irtk.cast %[[G]] : tensor<f64> -> tensor<f32>
func.func @mixed_dtypes(%x: tensor<f32>, %y: tensor<f64>) -> tensor<f32> {
  %p = irtk.mul %x, %y : tensor<f32>, tensor<f64> -> tensor<f64>
  %g = irtk.grad %p wrt %x : tensor<f64>, tensor<f32>
  return %g : tensor<f32>
}

// -----

// A value used twice gets the sum of its adjoints (x*x: g*x + g*x).
// CHECK-LABEL: func.func @accumulate(
// CHECK:         %[[ONE:.*]] = irtk.constant dense<1.000000e+00> : tensor<f64>
// CHECK-NEXT:    %[[A:.*]] = irtk.mul %[[ONE]], %x
// CHECK-NEXT:    %[[B:.*]] = irtk.mul %[[ONE]], %x
// CHECK-NEXT:    %g = irtk.add %[[A]], %[[B]]
// CHECK-NEXT:    func.return %g
func.func @accumulate(%x: tensor<f64>) -> tensor<f64> {
  %p = irtk.mul %x, %x : tensor<f64>, tensor<f64> -> tensor<f64>
  %g = irtk.grad %p wrt %x : tensor<f64>, tensor<f64>
  return %g : tensor<f64>
}

// -----

// The cost itself as a wrt value: its gradient is the seed.
// CHECK-LABEL: func.func @wrt_cost(
// CHECK-NEXT:    %g = irtk.constant dense<1.000000e+00> : tensor<f32>
// CHECK-NEXT:    func.return %g : tensor<f32>
func.func @wrt_cost(%x: tensor<f32>) -> tensor<f32> {
  %g = irtk.grad %x wrt %x : tensor<f32>, tensor<f32>
  return %g : tensor<f32>
}
