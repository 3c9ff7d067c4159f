// RUN: irtk-opt %s --split-input-file -p lower-to-structured,fuse | filecheck %s

// Constructors and complex values fuse like any elementwise producer: `zeros((n, 3)) + x` is one loop whose body
// adds the constant (nothing is allocated for the zeros); a chain of complex ops ending in `abs` is one loop.

// CHECK-LABEL: func.func @zeros_plus(
// CHECK:         %s = linalg.generic {{.*}} ins(%x : tensor<?x3xf64>) outs(%{{.*}} : tensor<?x3xf64>) {
// CHECK:           arith.constant 0.000000e+00 : f64
// CHECK:           arith.addf
// CHECK-NOT:     linalg.generic
func.func @zeros_plus(%x: tensor<?x3xf64>, %n: tensor<i64>) -> tensor<?x3xf64> {
  %c = irtk.constant dense<0.0> : tensor<f64>
  %z = irtk.alloc %c, %n : tensor<f64>, tensor<i64> -> tensor<?x3xf64>
  %s = irtk.add %z, %x : tensor<?x3xf64>, tensor<?x3xf64> -> tensor<?x3xf64>
  return %s : tensor<?x3xf64>
}

// -----

// CHECK-LABEL: func.func @complex_chain(
// CHECK:         %r = linalg.generic {{.*}} ins(%a, %b : tensor<?xcomplex<f64>>, tensor<?xcomplex<f64>>) outs(%{{.*}} : tensor<?xf64>) {
// CHECK:           complex.mul
// CHECK-NEXT:      complex.exp
// CHECK-NEXT:      complex.abs
// CHECK-NOT:     linalg.generic
func.func @complex_chain(%a: tensor<?xcomplex<f64>>, %b: tensor<?xcomplex<f64>>) -> tensor<?xf64> {
  %m = irtk.mul %a, %b : tensor<?xcomplex<f64>>, tensor<?xcomplex<f64>> -> tensor<?xcomplex<f64>>
  %e = irtk.exp %m : tensor<?xcomplex<f64>> -> tensor<?xcomplex<f64>>
  %r = irtk.abs %e : tensor<?xcomplex<f64>> -> tensor<?xf64>
  return %r : tensor<?xf64>
}
