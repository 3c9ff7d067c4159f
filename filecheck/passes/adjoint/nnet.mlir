// RUN: irtk-opt %s --split-input-file -p autodiff,canonicalize,cse | filecheck %s

// Adjoint code of the softmax family after autodiff, canonicalize and cse (whole bodies checked). The fused
// ops' rules never divide by a softmax: logsoftmax gives g - softmax * sum(g), the cross-entropy the fused
// softmax(x) - onehot (softmax(x) * sum(t) - t for probability targets).

// softmax is exp(logsoftmax), read from the forward value.
// CHECK-LABEL: func.func @logsoftmax(
// CHECK-NEXT:    %l = irtk.logsoftmax %x [1] : tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[V0:.*]] = irtk.sum %w [1] : tensor<?x?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V1:.*]] = irtk.dimshuffle %[[V0]] [0, x] : tensor<?xf64> -> tensor<?x1xf64>
// CHECK-NEXT:    %[[V2:.*]] = irtk.exp %l : tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[V3:.*]] = irtk.mul %[[V2]], %[[V1]] : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %g = irtk.sub %w, %[[V3]] : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    func.return %g
func.func @logsoftmax(%x: tensor<?x?xf64>, %w: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %l = irtk.logsoftmax %x [1] : tensor<?x?xf64> -> tensor<?x?xf64>
  %p = irtk.mul %w, %l : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %c = irtk.sum %p [0, 1] : tensor<?x?xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %x : tensor<f64>, tensor<?x?xf64>
  return %g : tensor<?x?xf64>
}

// -----

// softmax(x) - onehot: the seed of ones vanishes, the forward cost is not needed.
// CHECK-LABEL: func.func @crossentropy_labels(
// CHECK-NEXT:    %[[V0:.*]] = irtk.max %x [1] : tensor<?x?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V1:.*]] = irtk.dimshuffle %[[V0]] [0, x] : tensor<?xf64> -> tensor<?x1xf64>
// CHECK-NEXT:    %[[V2:.*]] = irtk.sub %x, %[[V1]] : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[V3:.*]] = irtk.exp %[[V2]] : tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[V4:.*]] = irtk.sum %[[V3]] [1] : tensor<?x?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V5:.*]] = irtk.dimshuffle %[[V4]] [0, x] : tensor<?xf64> -> tensor<?x1xf64>
// CHECK-NEXT:    %[[V6:.*]] = irtk.log %[[V5]] : tensor<?x1xf64> -> tensor<?x1xf64>
// CHECK-NEXT:    %[[V7:.*]] = irtk.sub %[[V2]], %[[V6]] : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[V8:.*]] = irtk.exp %[[V7]] : tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[V9:.*]] = irtk.iota %x [1] : tensor<?x?xf64> -> tensor<?x?xi64>
// CHECK-NEXT:    %[[V10:.*]] = irtk.dimshuffle %labels [0, x] : tensor<?xi32> -> tensor<?x1xi32>
// CHECK-NEXT:    %[[V11:.*]] = irtk.eq %[[V9]], %[[V10]] : tensor<?x?xi64>, tensor<?x1xi32> -> tensor<?x?xi1>
// CHECK-NEXT:    %[[V12:.*]] = irtk.cast %[[V11]] : tensor<?x?xi1> -> tensor<?x?xf64>
// CHECK-NEXT:    %g = irtk.sub %[[V8]], %[[V12]] : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    func.return %g
func.func @crossentropy_labels(%x: tensor<?x?xf64>, %labels: tensor<?xi32>) -> tensor<?x?xf64> {
  %e = irtk.softmax_crossentropy %x, %labels : tensor<?x?xf64>, tensor<?xi32> -> tensor<?xf64>
  %c = irtk.sum %e [0] : tensor<?xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %x : tensor<f64>, tensor<?x?xf64>
  return %g : tensor<?x?xf64>
}

// -----

// softmax(x) * sum(t) - t for the logits, -logsoftmax(x) for the targets (one shared max, exp and sum).
// CHECK-LABEL: func.func @crossentropy_probabilities(
// CHECK-NEXT:    %[[V0:.*]] = irtk.max %x [1] : tensor<?x?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V1:.*]] = irtk.dimshuffle %[[V0]] [0, x] : tensor<?xf64> -> tensor<?x1xf64>
// CHECK-NEXT:    %[[V2:.*]] = irtk.sub %x, %[[V1]] : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[V3:.*]] = irtk.exp %[[V2]] : tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[V4:.*]] = irtk.sum %[[V3]] [1] : tensor<?x?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V5:.*]] = irtk.dimshuffle %[[V4]] [0, x] : tensor<?xf64> -> tensor<?x1xf64>
// CHECK-NEXT:    %[[V6:.*]] = irtk.log %[[V5]] : tensor<?x1xf64> -> tensor<?x1xf64>
// CHECK-NEXT:    %[[V7:.*]] = irtk.sub %[[V2]], %[[V6]] : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[V8:.*]] = irtk.exp %[[V7]] : tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[V9:.*]] = irtk.sum %t [1] : tensor<?x?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V10:.*]] = irtk.dimshuffle %[[V9]] [0, x] : tensor<?xf64> -> tensor<?x1xf64>
// CHECK-NEXT:    %[[V11:.*]] = irtk.mul %[[V8]], %[[V10]] : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %g = irtk.sub %[[V11]], %t : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[V12:.*]] = irtk.sub %[[V6]], %[[V2]] : tensor<?x1xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    func.return %g, %[[V12]]
func.func @crossentropy_probabilities(%x: tensor<?x?xf64>, %t: tensor<?x?xf64>) -> (tensor<?x?xf64>, tensor<?x?xf64>) {
  %e = irtk.softmax_crossentropy %x, %t : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?xf64>
  %c = irtk.sum %e [0] : tensor<?xf64> -> tensor<f64>
  %g:2 = irtk.grad %c wrt %x, %t : tensor<f64>, tensor<?x?xf64>, tensor<?x?xf64>
  return %g#0, %g#1 : tensor<?x?xf64>, tensor<?x?xf64>
}

// -----

// The composite softmax (`nnet.softmax`) differentiated through its ops: the exponentials and their sum are shared with the forward code (cse).
// CHECK-LABEL: func.func @softmax(
// CHECK-NEXT:    %m = irtk.max %x [1] : tensor<?x?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %mk = irtk.dimshuffle %m [0, x] : tensor<?xf64> -> tensor<?x1xf64>
// CHECK-NEXT:    %d = irtk.sub %x, %mk : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %e = irtk.exp %d : tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %s = irtk.sum %e [1] : tensor<?x?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %sk = irtk.dimshuffle %s [0, x] : tensor<?xf64> -> tensor<?x1xf64>
// CHECK-NEXT:    %[[V0:.*]] = irtk.div %w, %sk : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[V1:.*]] = irtk.mul %w, %e : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[V2:.*]] = irtk.mul %sk, %sk : tensor<?x1xf64>, tensor<?x1xf64> -> tensor<?x1xf64>
// CHECK-NEXT:    %[[V3:.*]] = irtk.div %[[V1]], %[[V2]] : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[V4:.*]] = irtk.neg %[[V3]] : tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[V5:.*]] = irtk.sum %[[V4]] [1] : tensor<?x?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V6:.*]] = irtk.dimshuffle %[[V5]] [0, x] : tensor<?xf64> -> tensor<?x1xf64>
// CHECK-NEXT:    %[[V7:.*]] = irtk.broadcast %[[V6]] to %e : tensor<?x1xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[V8:.*]] = irtk.add %[[V0]], %[[V7]] : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[V9:.*]] = irtk.mul %[[V8]], %e : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[V10:.*]] = irtk.neg %[[V9]] : tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[V11:.*]] = irtk.sum %[[V10]] [1] : tensor<?x?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[V12:.*]] = irtk.eq %x, %mk : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xi1>
// CHECK-NEXT:    %[[V13:.*]] = irtk.cast %[[V12]] : tensor<?x?xi1> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[V14:.*]] = irtk.dimshuffle %[[V11]] [0, x] : tensor<?xf64> -> tensor<?x1xf64>
// CHECK-NEXT:    %[[V15:.*]] = irtk.mul %[[V14]], %[[V13]] : tensor<?x1xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %g = irtk.add %[[V9]], %[[V15]] : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    func.return %g
func.func @softmax(%x: tensor<?x?xf64>, %w: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %m = irtk.max %x [1] : tensor<?x?xf64> -> tensor<?xf64>
  %mk = irtk.dimshuffle %m [0, x] : tensor<?xf64> -> tensor<?x1xf64>
  %d = irtk.sub %x, %mk : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  %e = irtk.exp %d : tensor<?x?xf64> -> tensor<?x?xf64>
  %s = irtk.sum %e [1] : tensor<?x?xf64> -> tensor<?xf64>
  %sk = irtk.dimshuffle %s [0, x] : tensor<?xf64> -> tensor<?x1xf64>
  %p = irtk.div %e, %sk : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  %wp = irtk.mul %w, %p : tensor<?x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
  %c = irtk.sum %wp [0, 1] : tensor<?x?xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %x : tensor<f64>, tensor<?x?xf64>
  return %g : tensor<?x?xf64>
}
