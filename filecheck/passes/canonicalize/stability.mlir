// RUN: irtk-opt %s --split-input-file -p canonicalize | filecheck %s
// RUN: irtk-opt %s --split-input-file -p stabilize | filecheck %s

// The numerical-stability rewrites (irtk/dialects/irtk/stability.py), one function each. `canonicalize` and
// `stabilize` (the rewrites alone, run before autodiff) give the same result on these.

// log(sigmoid(x)) => -softplus(-x)
// CHECK-LABEL: func.func @log_sigmoid(
// CHECK-NEXT:    %[[N:.*]] = irtk.neg %x : tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[SP:.*]] = irtk.softplus %[[N]] : tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[R:.*]] = irtk.neg %[[SP]] : tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    func.return %[[R]]
func.func @log_sigmoid(%x: tensor<?xf64>) -> tensor<?xf64> {
  %s = irtk.sigmoid %x : tensor<?xf64> -> tensor<?xf64>
  %l = irtk.log %s : tensor<?xf64> -> tensor<?xf64>
  return %l : tensor<?xf64>
}

// -----

// log(1 - sigmoid(x)) => -softplus(x)
// CHECK-LABEL: func.func @log_one_minus_sigmoid(
// CHECK-NEXT:    %[[SP:.*]] = irtk.softplus %x : tensor<?xf32> -> tensor<?xf32>
// CHECK-NEXT:    %[[R:.*]] = irtk.neg %[[SP]] : tensor<?xf32> -> tensor<?xf32>
// CHECK-NEXT:    func.return %[[R]]
func.func @log_one_minus_sigmoid(%x: tensor<?xf32>) -> tensor<?xf32> {
  %one = irtk.constant dense<1.0> : tensor<1xf32>
  %s = irtk.sigmoid %x : tensor<?xf32> -> tensor<?xf32>
  %d = irtk.sub %one, %s : tensor<1xf32>, tensor<?xf32> -> tensor<?xf32>
  %l = irtk.log %d : tensor<?xf32> -> tensor<?xf32>
  return %l : tensor<?xf32>
}

// -----

// log(softmax(x)) => logsoftmax(x): the frontend's softmax, exp(x - max) / sum(exp(x - max)) along axis 1.
// CHECK-LABEL: func.func @log_softmax(
// CHECK-NEXT:    %[[L:.*]] = irtk.logsoftmax %x [1] : tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    func.return %[[L]]
func.func @log_softmax(%x: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %m = irtk.max %x [1] : tensor<?x?xf64> -> tensor<?xf64>
  %mk = irtk.dimshuffle %m [0, x] : tensor<?xf64> -> tensor<?x1xf64>
  %d = irtk.sub %x, %mk : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  %e = irtk.exp %d : tensor<?x?xf64> -> tensor<?x?xf64>
  %s = irtk.sum %e [1] : tensor<?x?xf64> -> tensor<?xf64>
  %sk = irtk.dimshuffle %s [0, x] : tensor<?xf64> -> tensor<?x1xf64>
  %p = irtk.div %e, %sk : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  %l = irtk.log %p : tensor<?x?xf64> -> tensor<?x?xf64>
  return %l : tensor<?x?xf64>
}

// -----

// Also the softmax without the maximum taken out, along axis 0.
// CHECK-LABEL: func.func @log_unshifted_softmax(
// CHECK-NEXT:    %[[L:.*]] = irtk.logsoftmax %x [0] : tensor<?x3xf64> -> tensor<?x3xf64>
// CHECK-NEXT:    func.return %[[L]]
func.func @log_unshifted_softmax(%x: tensor<?x3xf64>) -> tensor<?x3xf64> {
  %e = irtk.exp %x : tensor<?x3xf64> -> tensor<?x3xf64>
  %s = irtk.sum %e [0] : tensor<?x3xf64> -> tensor<3xf64>
  %sk = irtk.dimshuffle %s [x, 0] : tensor<3xf64> -> tensor<1x3xf64>
  %p = irtk.div %e, %sk : tensor<?x3xf64>, tensor<1x3xf64> -> tensor<?x3xf64>
  %l = irtk.log %p : tensor<?x3xf64> -> tensor<?x3xf64>
  return %l : tensor<?x3xf64>
}

// -----

// A sum over another axis than the exponentials' normalization is no softmax: nothing changes.
// CHECK-LABEL: func.func @not_a_softmax(
// CHECK:         irtk.log %p
// CHECK-NOT:     irtk.logsoftmax
func.func @not_a_softmax(%x: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %e = irtk.exp %x : tensor<?x?xf64> -> tensor<?x?xf64>
  %s = irtk.sum %e [0] : tensor<?x?xf64> -> tensor<?xf64>
  %sk = irtk.dimshuffle %s [0, x] : tensor<?xf64> -> tensor<?x1xf64>
  %p = irtk.div %e, %sk : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  %l = irtk.log %p : tensor<?x?xf64> -> tensor<?x?xf64>
  return %l : tensor<?x?xf64>
}

// -----

// categorical_crossentropy(softmax(x), t) with probability targets: -sum(t * log(softmax(x))) => one fused op.
// CHECK-LABEL: func.func @crossentropy_probabilities(
// CHECK-NEXT:    %[[C:.*]] = irtk.softmax_crossentropy %x, %t : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?xf64>
// CHECK-NEXT:    func.return %[[C]]
func.func @crossentropy_probabilities(%x: tensor<?x?xf64>, %t: tensor<?x?xf64>) -> tensor<?xf64> {
  %l = irtk.logsoftmax %x [1] : tensor<?x?xf64> -> tensor<?x?xf64>
  %p = irtk.mul %t, %l : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %s = irtk.sum %p [1] : tensor<?x?xf64> -> tensor<?xf64>
  %c = irtk.neg %s : tensor<?xf64> -> tensor<?xf64>
  return %c : tensor<?xf64>
}

// -----

// With integer labels, the frontend's one-hot matrix cast(iota == labels) is replaced by the labels themselves
// (here starting from the softmax the frontend builds; its iota reads the softmax's shape only).
// CHECK-LABEL: func.func @crossentropy_labels(
// CHECK-NEXT:    %[[C:.*]] = irtk.softmax_crossentropy %x, %labels : tensor<?x?xf64>, tensor<?xi32> -> tensor<?xf64>
// CHECK-NEXT:    func.return %[[C]]
func.func @crossentropy_labels(%x: tensor<?x?xf64>, %labels: tensor<?xi32>) -> tensor<?xf64> {
  %m = irtk.max %x [1] : tensor<?x?xf64> -> tensor<?xf64>
  %mk = irtk.dimshuffle %m [0, x] : tensor<?xf64> -> tensor<?x1xf64>
  %d = irtk.sub %x, %mk : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  %e = irtk.exp %d : tensor<?x?xf64> -> tensor<?x?xf64>
  %s = irtk.sum %e [1] : tensor<?x?xf64> -> tensor<?xf64>
  %sk = irtk.dimshuffle %s [0, x] : tensor<?xf64> -> tensor<?x1xf64>
  %p = irtk.div %e, %sk : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  %i = irtk.iota %p [1] : tensor<?x?xf64> -> tensor<?x?xi64>
  %lk = irtk.dimshuffle %labels [0, x] : tensor<?xi32> -> tensor<?x1xi32>
  %eq = irtk.eq %i, %lk : tensor<?x?xi64>, tensor<?x1xi32> -> tensor<?x?xi1>
  %onehot = irtk.cast %eq : tensor<?x?xi1> -> tensor<?x?xf64>
  %l = irtk.log %p : tensor<?x?xf64> -> tensor<?x?xf64>
  %prod = irtk.mul %onehot, %l : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %total = irtk.sum %prod [1] : tensor<?x?xf64> -> tensor<?xf64>
  %c = irtk.neg %total : tensor<?xf64> -> tensor<?xf64>
  return %c : tensor<?xf64>
}

// -----

// A cross-entropy summed over another axis than the softmax's stays as it is.
// CHECK-LABEL: func.func @crossentropy_over_another_axis(
// CHECK:         irtk.logsoftmax %x [1]
// CHECK-NOT:     irtk.softmax_crossentropy
func.func @crossentropy_over_another_axis(%x: tensor<?x?xf64>, %t: tensor<?x?xf64>) -> tensor<?xf64> {
  %l = irtk.logsoftmax %x [1] : tensor<?x?xf64> -> tensor<?x?xf64>
  %p = irtk.mul %t, %l : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %s = irtk.sum %p [0] : tensor<?x?xf64> -> tensor<?xf64>
  %c = irtk.neg %s : tensor<?xf64> -> tensor<?xf64>
  return %c : tensor<?xf64>
}

// -----

// log(exp(x)) => x and exp(log(x)) => x (real floats only: a complex log wraps the imaginary part).
// CHECK-LABEL: func.func @log_exp(
// CHECK-NEXT:    %[[E:.*]] = irtk.exp %z
// CHECK-NEXT:    %[[L:.*]] = irtk.log %[[E]]
// CHECK-NEXT:    func.return %x, %x, %[[L]]
func.func @log_exp(%x: tensor<?xf64>, %z: tensor<?xcomplex<f64>>) -> (tensor<?xf64>, tensor<?xf64>, tensor<?xcomplex<f64>>) {
  %e = irtk.exp %x : tensor<?xf64> -> tensor<?xf64>
  %a = irtk.log %e : tensor<?xf64> -> tensor<?xf64>
  %l = irtk.log %x : tensor<?xf64> -> tensor<?xf64>
  %b = irtk.exp %l : tensor<?xf64> -> tensor<?xf64>
  %ez = irtk.exp %z : tensor<?xcomplex<f64>> -> tensor<?xcomplex<f64>>
  %lz = irtk.log %ez : tensor<?xcomplex<f64>> -> tensor<?xcomplex<f64>>
  return %a, %b, %lz : tensor<?xf64>, tensor<?xf64>, tensor<?xcomplex<f64>>
}

// -----

// log(1 + x) => log1p(x) (either order), exp(x) - 1 => expm1(x), log(1 + exp(x)) => softplus(x).
// CHECK-LABEL: func.func @log1p_expm1(
// CHECK-NEXT:    %a = irtk.log1p %x : tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %b = irtk.log1p %x : tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %c = irtk.expm1 %x : tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %d = irtk.softplus %x : tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    func.return %a, %b, %c, %d
func.func @log1p_expm1(%x: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) {
  %one = irtk.constant dense<1.0> : tensor<1xf64>
  %p = irtk.add %one, %x : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
  %a = irtk.log %p : tensor<?xf64> -> tensor<?xf64>
  %q = irtk.add %x, %one : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %b = irtk.log %q : tensor<?xf64> -> tensor<?xf64>
  %e = irtk.exp %x : tensor<?xf64> -> tensor<?xf64>
  %c = irtk.sub %e, %one : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %r = irtk.add %one, %e : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
  %d = irtk.log %r : tensor<?xf64> -> tensor<?xf64>
  return %a, %b, %c, %d : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
}

// -----

// No rewrite bypasses a value an irtk.grad request differentiates with respect to: the cost would no longer
// depend on it.
// CHECK-LABEL: func.func @keeps_wrt_values(
// CHECK:         %l = irtk.log %s
// CHECK:         irtk.grad %c wrt %s
func.func @keeps_wrt_values(%x: tensor<?xf64>) -> tensor<?xf64> {
  %s = irtk.sigmoid %x : tensor<?xf64> -> tensor<?xf64>
  %l = irtk.log %s : tensor<?xf64> -> tensor<?xf64>
  %c = irtk.sum %l [0] : tensor<?xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %s : tensor<f64>, tensor<?xf64>
  return %g : tensor<?xf64>
}
