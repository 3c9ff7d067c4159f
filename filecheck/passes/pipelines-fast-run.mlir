// RUN: irtk-opt %s --split-input-file -p fast-run | filecheck %s
// RUN: irtk-opt %s --split-input-file -p fast-run | filecheck %s --check-prefix=LEFT
// RUN: irtk-opt %s --split-input-file -p fast-run --emit=cpp | filecheck %s --check-prefix=CPP

// `fast-run` takes a training step written in the irtk dialect, gradient request included, down to the
// loop level that emit-cpp accepts: memref signature, results allocated inside, scf loops, and no linalg,
// tensor or irtk op left.

// No op of these dialects is left (the assert messages still name the irtk op they check, after a colon; the
// discardable attribute irtk.work_per_iteration, a hint for the emitter, is not an op).
// LEFT-NOT: {{(linalg|tensor|irtk|bufferization|affine)\.[a-z_]+( [^=]|[("])}}

// One gradient-descent step of the seed training program: y = sum(x * W), cost = (target - y)^2,
// W' = W - 0.1 * dcost/dW. After fusion it is two loops: the reduction for y, and one parallel loop for W'.
// CHECK-LABEL: func.func @train_step(
// CHECK-SAME:    %x: memref<?xf32>, %target: memref<f32>, %W: memref<?xf64>) -> (memref<f64>, memref<?xf64>) {
// CHECK:         cf.assert %{{.*}}, "irtk.mul: size mismatch in dimension 0 of operand #1 (at {{.*}}.mlir:{{[0-9]+}})"
// CHECK:         %[[Y:.*]] = memref.alloc() : memref<f64>
// CHECK:         scf.for
// CHECK:           memref.load %x
// CHECK:           memref.load %W
// CHECK:           arith.mulf
// CHECK:           arith.addf
// CHECK:           scf.yield
// CHECK:         memref.store %{{.*}}, %[[Y]][] : memref<f64>
// CHECK:         %[[WNEW:.*]] = memref.alloc(%{{.*}}) : memref<?xf64>
// CHECK:         "scf.parallel"
// CHECK:           arith.subf
// CHECK:           memref.store %{{.*}}, %[[WNEW]][%{{.*}}] : memref<?xf64>
// CHECK:           scf.reduce
// CHECK-NOT:     scf.for
// CHECK-NOT:     scf.parallel
// CHECK:         func.return %[[Y]], %[[WNEW]] : memref<f64>, memref<?xf64>
// CPP: irtk_entry
func.func @train_step(%x: tensor<?xf32>, %target: tensor<f32>, %W: tensor<?xf64>) -> (tensor<f64>, tensor<?xf64>) {
  %p = irtk.mul %x, %W : tensor<?xf32>, tensor<?xf64> -> tensor<?xf64>
  %y = irtk.sum %p [0] : tensor<?xf64> -> tensor<f64>
  %d = irtk.sub %target, %y : tensor<f32>, tensor<f64> -> tensor<f64>
  %cost = irtk.sqr %d : tensor<f64> -> tensor<f64>
  %g = irtk.grad %cost wrt %W : tensor<f64>, tensor<?xf64>
  %rate = irtk.constant dense<0.1> : tensor<1xf64>
  %step = irtk.mul %rate, %g : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
  %W_new = irtk.sub %W, %step : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  func.return %y, %W_new : tensor<f64>, tensor<?xf64>
}

// -----

// A logistic-regression step with a bias, over a batch: dot, dimshuffle, broadcasting, exp, div, sum and
// their gradients all reach the loop level; the intermediate buffers are freed.
// CHECK-LABEL: func.func @logistic_step(
// CHECK-SAME:    %X: memref<?x?xf64>, %y: memref<?xf64>, %W: memref<?xf64>, %b: memref<f64>) -> (memref<f64>, memref<?xf64>, memref<f64>) {
// CHECK:         cf.assert %{{.*}}, "irtk.dot: size mismatch in dimension 0 of operand #1 (at {{.*}}.mlir:{{[0-9]+}})"
// CHECK:         math.exp
// CHECK:         arith.divf
// CHECK:         memref.dealloc
// CHECK:         func.return %{{.*}}, %{{.*}}, %{{.*}} : memref<f64>, memref<?xf64>, memref<f64>
// CPP: irtk_entry
func.func @logistic_step(%X: tensor<?x?xf64>, %y: tensor<?xf64>, %W: tensor<?xf64>, %b: tensor<f64>) -> (tensor<f64>, tensor<?xf64>, tensor<f64>) {
  %z = irtk.dot %X, %W : tensor<?x?xf64>, tensor<?xf64> -> tensor<?xf64>
  %bb = irtk.dimshuffle %b [x] : tensor<f64> -> tensor<1xf64>
  %s = irtk.add %z, %bb : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %ns = irtk.neg %s : tensor<?xf64> -> tensor<?xf64>
  %e = irtk.exp %ns : tensor<?xf64> -> tensor<?xf64>
  %one = irtk.constant dense<1.0> : tensor<1xf64>
  %den = irtk.add %one, %e : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
  %p = irtk.div %one, %den : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
  %d = irtk.sub %p, %y : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %sq = irtk.sqr %d : tensor<?xf64> -> tensor<?xf64>
  %cost = irtk.sum %sq [0] : tensor<?xf64> -> tensor<f64>
  %gW, %gb = irtk.grad %cost wrt %W, %b : tensor<f64>, tensor<?xf64>, tensor<f64>
  %lr = irtk.constant dense<0.1> : tensor<1xf64>
  %stepW = irtk.mul %lr, %gW : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
  %W2 = irtk.sub %W, %stepW : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %lr0 = irtk.constant dense<0.1> : tensor<f64>
  %stepb = irtk.mul %lr0, %gb : tensor<f64>, tensor<f64> -> tensor<f64>
  %b2 = irtk.sub %b, %stepb : tensor<f64>, tensor<f64> -> tensor<f64>
  return %cost, %W2, %b2 : tensor<f64>, tensor<?xf64>, tensor<f64>
}

// -----

// A returned argument and a returned constant are copied into fresh buffers (ownership passes to the
// caller); the constant lives in a memref.global.
// CHECK-LABEL: builtin.module {
// CHECK:         "memref.global"() <{sym_name = "__constant_0", type = memref<2xf64>
// CHECK-LABEL: func.func @passthrough(
// CHECK-SAME:    %a: memref<?x?xf64>) -> (memref<?x?xf64>, memref<2xf64>) {
// CHECK:         %[[C:.*]] = memref.get_global @__constant_0 : memref<2xf64>
// CHECK:         %[[COPY:.*]] = memref.alloc(%{{.*}}, %{{.*}}) : memref<?x?xf64>
// CHECK-NEXT:    "memref.copy"(%a, %[[COPY]])
// CHECK-NEXT:    %[[CCOPY:.*]] = memref.alloc() : memref<2xf64>
// CHECK-NEXT:    "memref.copy"(%[[C]], %[[CCOPY]])
// CHECK:         func.return %[[COPY]], %[[CCOPY]]
// CPP: irtk_entry
func.func @passthrough(%a: tensor<?x?xf64>) -> (tensor<?x?xf64>, tensor<2xf64>) {
  %c = irtk.constant dense<[1.5, 2.5]> : tensor<2xf64>
  return %a, %c : tensor<?x?xf64>, tensor<2xf64>
}
