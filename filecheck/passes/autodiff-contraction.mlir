// RUN: irtk-opt %s --split-input-file -p autodiff | filecheck %s

// The gradient of a contraction with respect to an operand is a contraction of the result's adjoint with the
// other operands, onto that operand's indices, cast to its dtype. A letter only that operand has (it was
// summed over) stretches the gradient over it (irtk.broadcast); a letter it repeats (its diagonal was read)
// puts the gradient on the diagonal ("i->ii"). Integer operands get no gradient.

// A batched matrix product: each gradient reads the other operand through its own indices, no transposed copy.
// CHECK-LABEL: func.func @batched_matmul(
// CHECK:         %[[G:.*]] = irtk.broadcast %{{.*}} to %p : tensor<1x1x1xf64>, tensor<?x?x?xf64> -> tensor<?x?x?xf64>
// CHECK-NEXT:    %ga = irtk.contract %[[G]], %b {spec = "bik,bjk->bij"} : tensor<?x?x?xf64>, tensor<?x?x?xf32> -> tensor<?x?x?xf64>
// CHECK-NEXT:    %[[GB:.*]] = irtk.contract %[[G]], %a {spec = "bik,bij->bjk"} : tensor<?x?x?xf64>, tensor<?x?x?xf64> -> tensor<?x?x?xf64>
// CHECK-NEXT:    %gb = irtk.cast %[[GB]] : tensor<?x?x?xf64> -> tensor<?x?x?xf32>
func.func @batched_matmul(%a: tensor<?x?x?xf64>, %b: tensor<?x?x?xf32>) -> (tensor<?x?x?xf64>, tensor<?x?x?xf32>) {
  %p = irtk.contract %a, %b {spec = "bij,bjk->bik"} : tensor<?x?x?xf64>, tensor<?x?x?xf32> -> tensor<?x?x?xf64>
  %c = irtk.sum %p [0, 1, 2] : tensor<?x?x?xf64> -> tensor<f64>
  %ga, %gb = irtk.grad %c wrt %a, %b : tensor<f64>, tensor<?x?x?xf64>, tensor<?x?x?xf32>
  return %ga, %gb : tensor<?x?x?xf64>, tensor<?x?x?xf32>
}

// -----

// A diagonal read: the adjoint goes on the diagonal of a zero matrix.
// CHECK-LABEL: func.func @diagonal(
// CHECK:         %[[GD:[0-9]+]] = irtk.mul %{{[0-9]+}}, %r : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK:         %g = irtk.contract %[[GD]] {spec = "i->ii"} : tensor<?xf64> -> tensor<?x?xf64>
func.func @diagonal(%m: tensor<?x?xf64>, %r: tensor<?xf64>) -> tensor<?x?xf64> {
  %d = irtk.contract %m {spec = "ii->i"} : tensor<?x?xf64> -> tensor<?xf64>
  %w = irtk.mul %d, %r : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %c = irtk.sum %w [0] : tensor<?xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %m : tensor<f64>, tensor<?x?xf64>
  return %g : tensor<?x?xf64>
}

// -----

// The trace: the scalar adjoint is stretched over the diagonal's length (the diagonal is read for its size
// only), then put on the diagonal.
// CHECK-LABEL: func.func @trace(
// CHECK:         %[[ONE:.*]] = irtk.constant dense<1.000000e+00> : tensor<f64>
// CHECK-NEXT:    %[[G1:.*]] = irtk.dimshuffle %[[ONE]] [x] : tensor<f64> -> tensor<1xf64>
// CHECK-NEXT:    %[[D:.*]] = irtk.contract %m {spec = "ii->i"} : tensor<?x?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[GD:.*]] = irtk.broadcast %[[G1]] to %[[D]] : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %g = irtk.contract %[[GD]] {spec = "i->ii"} : tensor<?xf64> -> tensor<?x?xf64>
func.func @trace(%m: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %c = irtk.contract %m {spec = "ii->"} : tensor<?x?xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %m : tensor<f64>, tensor<?x?xf64>
  return %g : tensor<?x?xf64>
}

// -----

// A sum over j that only m has: the gradient is stretched over m's columns.
// CHECK-LABEL: func.func @summed_alone(
// CHECK:         %[[GS:.*]] = irtk.contract %{{.*}}, %r {spec = ",i->i"} : tensor<f64>, tensor<?xf64> -> tensor<?xf64>
// CHECK:         %[[COL:.*]] = irtk.dimshuffle %[[GS]] [0, x] : tensor<?xf64> -> tensor<?x1xf64>
// CHECK-NEXT:    %g = irtk.broadcast %[[COL]] to %m : tensor<?x1xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
func.func @summed_alone(%m: tensor<?x?xf64>, %r: tensor<?xf64>) -> tensor<?x?xf64> {
  %s = irtk.contract %m {spec = "ij->i"} : tensor<?x?xf64> -> tensor<?xf64>
  %c = irtk.contract %s, %r {spec = "i,i->"} : tensor<?xf64>, tensor<?xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %m : tensor<f64>, tensor<?x?xf64>
  return %g : tensor<?x?xf64>
}

// -----

// a's type knows its contracted size (4) that b leaves dynamic: the gradient gets it back through a broadcast
// to a (checked when the program runs), as autodiff requires a gradient as precise as its operand's type.
// CHECK-LABEL: func.func @static_size_of_operand(
// CHECK:         %[[GA:.*]] = irtk.contract %{{.*}}, %b {spec = "ac,bc->ab"} : tensor<?x5xf64>, tensor<?x5xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %g = irtk.broadcast %[[GA]] to %a : tensor<?x?xf64>, tensor<?x4xf64> -> tensor<?x4xf64>
func.func @static_size_of_operand(%a: tensor<?x4xf64>, %b: tensor<?x5xf64>) -> tensor<?x4xf64> {
  %p = irtk.dot %a, %b : tensor<?x4xf64>, tensor<?x5xf64> -> tensor<?x5xf64>
  %c = irtk.sum %p [0, 1] : tensor<?x5xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %a : tensor<f64>, tensor<?x4xf64>
  return %g : tensor<?x4xf64>
}

// -----

// A static size 1 of the operand (a broadcastable dimension) is recovered by summing over it, as for any
// broadcast operand.
// CHECK-LABEL: func.func @static_one_of_operand(
// CHECK:         %[[GA:.*]] = irtk.contract %{{.*}}, %b {spec = "ac,bc->ab"} : tensor<?x5xf64>, tensor<?x5xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[S:.*]] = irtk.sum %[[GA]] [1] : tensor<?x?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %g = irtk.dimshuffle %[[S]] [0, x] : tensor<?xf64> -> tensor<?x1xf64>
func.func @static_one_of_operand(%a: tensor<?x1xf64>, %b: tensor<?x5xf64>) -> tensor<?x1xf64> {
  %p = irtk.dot %a, %b : tensor<?x1xf64>, tensor<?x5xf64> -> tensor<?x5xf64>
  %c = irtk.sum %p [0, 1] : tensor<?x5xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %a : tensor<f64>, tensor<?x1xf64>
  return %g : tensor<?x1xf64>
}

// -----

// An integer operand takes part in the float operand's gradient, and gets none itself.
// CHECK-LABEL: func.func @integer_operand(
// CHECK:         %g = irtk.contract %{{.*}}, %i {spec = "i,j->ij"} : tensor<?xf64>, tensor<?xi32> -> tensor<?x?xf64>
// CHECK-NEXT:    func.return %g
func.func @integer_operand(%a: tensor<?x?xf64>, %i: tensor<?xi32>) -> tensor<?x?xf64> {
  %p = irtk.contract %a, %i {spec = "ij,j->i"} : tensor<?x?xf64>, tensor<?xi32> -> tensor<?xf64>
  %c = irtk.sum %p [0] : tensor<?xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %a : tensor<f64>, tensor<?x?xf64>
  return %g : tensor<?x?xf64>
}
