// RUN: irtk-opt %s --split-input-file -p lower-to-structured | filecheck %s

// A random draw reads the state's key and counter once (tensor.extract), then one parallel generic computes each
// element from its row-major number (linalg.index times the strides, passed as scalar inputs): Philox4x32-10's ten
// rounds of 32x32->64-bit products (arith.muli on i64, the high half a logical shift), then the distribution.

// CHECK-LABEL: func.func @uniform(
// CHECK:         %[[KEY:.*]] = tensor.extract %state[%{{.*}}] : tensor<2xi64>
// CHECK:         %[[COUNTER:.*]] = tensor.extract %state[%{{.*}}] : tensor<2xi64>
// CHECK:         %u = linalg.generic {{.*}} iterator_types = ["parallel", "parallel"]} ins(%[[KEY]], %[[COUNTER]], %{{.*}}, %{{.*}} : i64, i64, index, index) outs(%{{.*}} : tensor<?x3xf64>) {
// CHECK:           linalg.index 0 : index
// CHECK:           linalg.index 1 : index
// CHECK-COUNT-20:  arith.muli %{{.*}}, %{{.*}} : i64
// CHECK:           arith.shrui
// CHECK:           arith.sitofp %{{.*}} : i64 to f64
// CHECK:           arith.mulf
// CHECK:           linalg.yield
func.func @uniform(%state: tensor<2xi64>, %n: tensor<i64>) -> tensor<?x3xf64> {
  %u = irtk.random_uniform %state, %n : tensor<2xi64>, tensor<i64> -> tensor<?x3xf64>
  return %u : tensor<?x3xf64>
}

// -----

// A shared variable's state has a dynamic size: it is checked to hold 2 values when the program runs. Normal draws
// are Box-Muller: a logarithm, a square root and a cosine of two uniforms.
// CHECK-LABEL: func.func @normal(
// CHECK:         cf.assert %{{.*}}, "irtk.random_normal: the state must hold 2 values (key and counter)
// CHECK:         linalg.generic
// CHECK:           math.log %{{.*}} : f32
// CHECK:           math.sqrt %{{.*}} : f32
// CHECK:           math.cos %{{.*}} : f32
func.func @normal(%state: tensor<?xi64>) -> tensor<4xf32> {
  %z = irtk.random_normal %state : tensor<?xi64> -> tensor<4xf32>
  return %z : tensor<4xf32>
}
