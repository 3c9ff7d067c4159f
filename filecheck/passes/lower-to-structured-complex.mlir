// RUN: irtk-opt %s --split-input-file -p lower-to-structured | filecheck %s
// RUN: %if mlir-opt %{ irtk-opt %s --split-input-file -p fast-run | %mlir_opt --split-input-file --verify-each | filecheck %s --check-prefix=MLIR %}

// Complex tensors lower like real ones: the bodies compute with the `complex` dialect on complex<f32> and
// complex<f64> elements. A real operand joins a complex computation as `x + 0j` (converted to the parts' type
// first, as numpy's astype does), complex64 widens part by part, abs and real give floats, and a sum starts
// from a tensor of 0 + 0j (a generic yields it: linalg.fill takes only int and float elements). What
// `fast-run` makes of it, mlir-opt reads and verifies.
// MLIR-LABEL: func.func @arithmetic
// MLIR:         complex.mul
// MLIR-LABEL: func.func @mixed
// MLIR-LABEL: func.func @sum
// MLIR-LABEL: func.func @splat

// CHECK-LABEL: func.func @arithmetic(
// CHECK:         %mul = linalg.generic
// CHECK-SAME:      ins(%x, %y : tensor<?xcomplex<f64>>, tensor<?xcomplex<f64>>) outs(%{{.*}} : tensor<?xcomplex<f64>>)
// CHECK-NEXT:    ^bb0(%[[A:.*]]: complex<f64>, %[[B:.*]]: complex<f64>, %{{.*}}: complex<f64>):
// CHECK-NEXT:      %[[M:.*]] = complex.mul %[[A]], %[[B]] : complex<f64>
// CHECK-NEXT:      linalg.yield %[[M]] : complex<f64>
// CHECK:         %div = linalg.generic
// CHECK:           complex.div
// CHECK:         %abs = linalg.generic
// CHECK-SAME:      ins(%x : tensor<?xcomplex<f64>>) outs(%{{.*}} : tensor<?xf64>)
// CHECK-NEXT:    ^bb0(%[[C:.*]]: complex<f64>, %{{.*}}: f64):
// CHECK-NEXT:      %[[ABS:.*]] = complex.abs %[[C]] : complex<f64>
// CHECK-NEXT:      linalg.yield %[[ABS]] : f64
// CHECK:         %eq = linalg.generic
// CHECK:           %[[EQ:.*]] = complex.eq %{{.*}}, %{{.*}} : complex<f64>
// CHECK-NEXT:      linalg.yield %[[EQ]] : i1
func.func @arithmetic(%x: tensor<?xcomplex<f64>>, %y: tensor<?xcomplex<f64>>) -> (tensor<?xcomplex<f64>>, tensor<?xcomplex<f64>>, tensor<?xf64>, tensor<?xi1>) {
  %mul = irtk.mul %x, %y : tensor<?xcomplex<f64>>, tensor<?xcomplex<f64>> -> tensor<?xcomplex<f64>>
  %div = irtk.div %x, %y : tensor<?xcomplex<f64>>, tensor<?xcomplex<f64>> -> tensor<?xcomplex<f64>>
  %abs = irtk.abs %x : tensor<?xcomplex<f64>> -> tensor<?xf64>
  %eq = irtk.eq %x, %y : tensor<?xcomplex<f64>>, tensor<?xcomplex<f64>> -> tensor<?xi1>
  return %mul, %div, %abs, %eq : tensor<?xcomplex<f64>>, tensor<?xcomplex<f64>>, tensor<?xf64>, tensor<?xi1>
}

// -----

// CHECK-LABEL: func.func @mixed(
// CHECK:         %a = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X:.*]]: complex<f32>, %[[F:.*]]: f32, %{{.*}}: complex<f32>):
// CHECK-NEXT:      %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK-NEXT:      %[[FC:.*]] = complex.create %[[F]], %[[ZERO]] : complex<f32>
// CHECK-NEXT:      %[[SUM:.*]] = complex.add %[[X]], %[[FC]] : complex<f32>
// CHECK-NEXT:      linalg.yield %[[SUM]] : complex<f32>
// CHECK:         %b = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X2:.*]]: complex<f32>, %[[I:.*]]: i64, %{{.*}}: complex<f64>):
// CHECK-NEXT:      %[[RE:.*]] = complex.re %[[X2]] : complex<f32>
// CHECK-NEXT:      %[[REW:.*]] = arith.extf %[[RE]] : f32 to f64
// CHECK-NEXT:      %[[IM:.*]] = complex.im %[[X2]] : complex<f32>
// CHECK-NEXT:      %[[IMW:.*]] = arith.extf %[[IM]] : f32 to f64
// CHECK-NEXT:      %[[XW:.*]] = complex.create %[[REW]], %[[IMW]] : complex<f64>
// CHECK-NEXT:      %[[IF:.*]] = arith.sitofp %[[I]] : i64 to f64
// CHECK-NEXT:      %[[Z64:.*]] = arith.constant 0.000000e+00 : f64
// CHECK-NEXT:      %[[IC:.*]] = complex.create %[[IF]], %[[Z64]] : complex<f64>
// CHECK-NEXT:      %[[P:.*]] = complex.mul %[[XW]], %[[IC]] : complex<f64>
// CHECK-NEXT:      linalg.yield %[[P]] : complex<f64>
// CHECK:         %r = linalg.generic
// CHECK-SAME:      outs(%{{.*}} : tensor<?xf32>)
// CHECK:           complex.re %{{.*}} : complex<f32>
// CHECK:         %e = linalg.generic
// CHECK:           complex.exp %{{.*}} : complex<f64>
func.func @mixed(%x: tensor<?xcomplex<f32>>, %f: tensor<?xf32>, %i: tensor<?xi64>) -> (tensor<?xcomplex<f32>>, tensor<?xcomplex<f64>>, tensor<?xf32>, tensor<?xcomplex<f64>>) {
  %a = irtk.add %x, %f : tensor<?xcomplex<f32>>, tensor<?xf32> -> tensor<?xcomplex<f32>>
  %b = irtk.mul %x, %i : tensor<?xcomplex<f32>>, tensor<?xi64> -> tensor<?xcomplex<f64>>
  %r = irtk.real %x : tensor<?xcomplex<f32>> -> tensor<?xf32>
  %e = irtk.exp %b : tensor<?xcomplex<f64>> -> tensor<?xcomplex<f64>>
  return %a, %b, %r, %e : tensor<?xcomplex<f32>>, tensor<?xcomplex<f64>>, tensor<?xf32>, tensor<?xcomplex<f64>>
}

// -----

// CHECK-LABEL: func.func @sum(
// CHECK:         %[[INIT:.*]] = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} outs(%{{.*}} : tensor<?xcomplex<f64>>)
// CHECK-NEXT:    ^bb0(%{{.*}}: complex<f64>):
// CHECK-NEXT:      %[[Z:.*]] = complex.constant [0.000000e+00 : f64, 0.000000e+00 : f64] : complex<f64>
// CHECK-NEXT:      linalg.yield %[[Z]] : complex<f64>
// CHECK:         %s = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins(%x : tensor<?x?xcomplex<f64>>) outs(%[[INIT]] : tensor<?xcomplex<f64>>)
// CHECK-NEXT:    ^bb0(%[[E:.*]]: complex<f64>, %[[ACC:.*]]: complex<f64>):
// CHECK-NEXT:      %[[NEXT:.*]] = complex.add %[[ACC]], %[[E]] : complex<f64>
// CHECK-NEXT:      linalg.yield %[[NEXT]] : complex<f64>
func.func @sum(%x: tensor<?x?xcomplex<f64>>) -> tensor<?xcomplex<f64>> {
  %s = irtk.sum %x [1] : tensor<?x?xcomplex<f64>> -> tensor<?xcomplex<f64>>
  return %s : tensor<?xcomplex<f64>>
}

// -----

// A splat constant operand becomes a scalar complex.constant in the body.
// CHECK-LABEL: func.func @splat(
// CHECK:         linalg.generic
// CHECK-SAME:      ins(%x : tensor<?xcomplex<f64>>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: complex<f64>, %{{.*}}: complex<f64>):
// CHECK-NEXT:      %[[K:.*]] = complex.constant [1.500000e+00 : f64, -2.000000e+00 : f64] : complex<f64>
// CHECK-NEXT:      %[[M:.*]] = complex.mul %[[X]], %[[K]] : complex<f64>
func.func @splat(%x: tensor<?xcomplex<f64>>) -> tensor<?xcomplex<f64>> {
  %c = irtk.constant dense<(1.5, -2.0)> : tensor<1xcomplex<f64>>
  %m = irtk.mul %x, %c : tensor<?xcomplex<f64>>, tensor<1xcomplex<f64>> -> tensor<?xcomplex<f64>>
  return %m : tensor<?xcomplex<f64>>
}
