// RUN: irtk-opt %s --split-input-file -p autodiff | filecheck %s
// RUN: irtk-opt %s --split-input-file -p autodiff,canonicalize,cse | filecheck %s --check-prefix=OPT

// `autodiff` replaces each `irtk.rop` by forward-mode tangent code: one sweep in program order, each op's tangent
// from its operands' tangents through its tangent rule. No canonicalization in the first RUN, so the elementwise
// rule's seed (its declared gradient rule applied to a constant 1) is still visible.

// Elementwise, with broadcasting: tangent = f'(x) * tx summed over operands, broadcast but never summed.
// d(exp(x * b)) = exp(x * b) * (b * v + x * w).
// CHECK-LABEL: func.func @elementwise(
// CHECK:         %e = irtk.exp %p
// CHECK-NEXT:    %[[ONE:.*]] = irtk.constant dense<1.000000e+00> : tensor<1xf64>
// CHECK-NEXT:    %[[DX:.*]] = irtk.mul %[[ONE]], %b : tensor<1xf64>, tensor<1xf64> -> tensor<1xf64>
// CHECK-NEXT:    %[[DB:.*]] = irtk.mul %[[ONE]], %x : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[TX:.*]] = irtk.mul %[[DX]], %v : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[TB:.*]] = irtk.mul %[[DB]], %w : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[TP:.*]] = irtk.add %[[TX]], %[[TB]]
// CHECK-NEXT:    %[[ONE2:.*]] = irtk.constant dense<1.000000e+00> : tensor<1xf64>
// CHECK-NEXT:    %[[DE:.*]] = irtk.mul %[[ONE2]], %e
// CHECK-NEXT:    %j = irtk.mul %[[DE]], %[[TP]]
// CHECK-NEXT:    func.return %j
// CHECK-NOT:   irtk.rop
// OPT-LABEL: func.func @elementwise(
// OPT:         %e = irtk.exp %p
// OPT-NEXT:    %[[TX:.*]] = irtk.mul %b, %v
// OPT-NEXT:    %[[TB:.*]] = irtk.mul %x, %w
// OPT-NEXT:    %[[TP:.*]] = irtk.add %[[TX]], %[[TB]]
// OPT-NEXT:    %j = irtk.mul %e, %[[TP]]
// OPT-NEXT:    func.return %j
func.func @elementwise(%x: tensor<?xf64>, %b: tensor<1xf64>, %v: tensor<?xf64>, %w: tensor<1xf64>) -> tensor<?xf64> {
  %p = irtk.mul %x, %b : tensor<?xf64>, tensor<1xf64> -> tensor<?xf64>
  %e = irtk.exp %p : tensor<?xf64> -> tensor<?xf64>
  %j = irtk.rop %e wrt %x, %b tangents %v, %w : tensor<?xf64>, tensor<?xf64>, tensor<1xf64>, tensor<?xf64>, tensor<1xf64>
  return %j : tensor<?xf64>
}

// -----

// A broadcast operand's tangent is stretched to the result's shape (where reverse mode sums).
// OPT-LABEL: func.func @broadcast_operand(
// OPT-NEXT:    %s = irtk.add %x, %b
// OPT-NEXT:    %j = irtk.broadcast %w to %s : tensor<1x?xf64>, tensor<?x?xf64> -> tensor<?x?xf64>
// OPT-NEXT:    func.return %j
func.func @broadcast_operand(%x: tensor<?x?xf64>, %b: tensor<1x?xf64>, %w: tensor<1x?xf64>) -> tensor<?x?xf64> {
  %s = irtk.add %x, %b : tensor<?x?xf64>, tensor<1x?xf64> -> tensor<?x?xf64>
  %j = irtk.rop %s wrt %b tangents %w : tensor<?x?xf64>, tensor<1x?xf64>, tensor<1x?xf64>
  return %j : tensor<?x?xf64>
}

// -----

// dot: the product rule, one term per moving operand.
// CHECK-LABEL: func.func @dot(
// CHECK:         %y = irtk.dot %a, %x
// CHECK-NEXT:    %[[L:.*]] = irtk.dot %da, %x : tensor<?x?xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %[[R:.*]] = irtk.dot %a, %dx : tensor<?x?xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    %j = irtk.add %[[L]], %[[R]]
// CHECK-NEXT:    func.return %j
func.func @dot(%a: tensor<?x?xf64>, %x: tensor<?xf64>, %da: tensor<?x?xf64>, %dx: tensor<?xf64>) -> tensor<?xf64> {
  %y = irtk.dot %a, %x : tensor<?x?xf64>, tensor<?xf64> -> tensor<?xf64>
  %j = irtk.rop %y wrt %a, %x tangents %da, %dx : tensor<?xf64>, tensor<?x?xf64>, tensor<?xf64>, tensor<?x?xf64>, tensor<?xf64>
  return %j : tensor<?xf64>
}

// -----

// Linear ops are their own derivative: the op applied to the tangent.
// CHECK-LABEL: func.func @linear(
// CHECK:         %s = irtk.sum %t [1]
// CHECK-NEXT:    %[[T:.*]] = irtk.dimshuffle %v [1, 0] : tensor<?x?xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %j = irtk.sum %[[T]] [1] : tensor<?x?xf64> -> tensor<?xf64>
// CHECK-NEXT:    func.return %j
func.func @linear(%x: tensor<?x?xf64>, %v: tensor<?x?xf64>) -> tensor<?xf64> {
  %t = irtk.dimshuffle %x [1, 0] : tensor<?x?xf64> -> tensor<?x?xf64>
  %s = irtk.sum %t [1] : tensor<?x?xf64> -> tensor<?xf64>
  %j = irtk.rop %s wrt %x tangents %v : tensor<?xf64>, tensor<?x?xf64>, tensor<?x?xf64>
  return %j : tensor<?xf64>
}

// -----

// max: the tangent of the elements equal to the maximum (the transpose of its gradient rule).
// CHECK-LABEL: func.func @max(
// CHECK:         %m = irtk.max %x [1]
// CHECK-NEXT:    %[[M:.*]] = irtk.dimshuffle %m [0, x] : tensor<?xf64> -> tensor<?x1xf64>
// CHECK-NEXT:    %[[EQ:.*]] = irtk.eq %x, %[[M]]
// CHECK-NEXT:    %[[MASK:.*]] = irtk.cast %[[EQ]] : tensor<?x?xi1> -> tensor<?x?xf64>
// CHECK-NEXT:    %[[T:.*]] = irtk.mul %v, %[[MASK]]
// CHECK-NEXT:    %j = irtk.sum %[[T]] [1] : tensor<?x?xf64> -> tensor<?xf64>
func.func @max(%x: tensor<?x?xf64>, %v: tensor<?x?xf64>) -> tensor<?xf64> {
  %m = irtk.max %x [1] : tensor<?x?xf64> -> tensor<?xf64>
  %j = irtk.rop %m wrt %x tangents %v : tensor<?xf64>, tensor<?x?xf64>, tensor<?x?xf64>
  return %j : tensor<?xf64>
}

// -----

// A wrt value's product is its tangent; a value that does not move gets zeros (never `value * 0`).
// CHECK-LABEL: func.func @seed_and_zero(
// CHECK:         %e = irtk.exp %y
// CHECK-NEXT:    %[[Z:.*]] = irtk.constant dense<0.000000e+00> : tensor<1xf64>
// CHECK-NEXT:    %[[J:.*]] = irtk.broadcast %[[Z]] to %e : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
// CHECK-NEXT:    func.return %v, %[[J]]
func.func @seed_and_zero(%x: tensor<?xf64>, %y: tensor<?xf64>, %v: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>) {
  %e = irtk.exp %y : tensor<?xf64> -> tensor<?xf64>
  %j:2 = irtk.rop %x, %e wrt %x tangents %v : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
  return %j#0, %j#1 : tensor<?xf64>, tensor<?xf64>
}

// -----

// A Hessian-vector product is the rop of a gradient: the grad request before it is expanded first, and the
// forward sweep runs over its adjoint code. For sum(exp(x)) it is exp(x) * v.
// OPT-LABEL: func.func @hessian_vector(
// OPT-NEXT:    %e = irtk.exp %x
// OPT-NEXT:    %hv = irtk.mul %e, %v
// OPT-NEXT:    func.return %hv
// CHECK-LABEL: func.func @hessian_vector(
// CHECK-NOT:     irtk.grad
// CHECK-NOT:     irtk.rop
// CHECK:         func.return
func.func @hessian_vector(%x: tensor<?xf64>, %v: tensor<?xf64>) -> tensor<?xf64> {
  %e = irtk.exp %x : tensor<?xf64> -> tensor<?xf64>
  %c = irtk.sum %e [0] : tensor<?xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %x : tensor<f64>, tensor<?xf64>
  %hv = irtk.rop %g wrt %x tangents %v : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
  return %hv : tensor<?xf64>
}

// -----

// And the gradient of a rop: the rop is expanded first. d/dx sum(cos(x) * v) = -sin(x) * v.
// OPT-LABEL: func.func @grad_of_rop(
// OPT-NOT:     irtk.cos
// OPT-DAG:     irtk.sin %x
// OPT-DAG:     irtk.mul %v
// OPT-DAG:     irtk.neg
// OPT:         func.return
func.func @grad_of_rop(%x: tensor<?xf64>, %v: tensor<?xf64>) -> tensor<?xf64> {
  %e = irtk.sin %x : tensor<?xf64> -> tensor<?xf64>
  %j = irtk.rop %e wrt %x tangents %v : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
  %c = irtk.sum %j [0] : tensor<?xf64> -> tensor<f64>
  %g = irtk.grad %c wrt %x : tensor<f64>, tensor<?xf64>
  return %g : tensor<?xf64>
}

// -----

// An op without a tangent rule (prod) gets the transpose of its gradient rule: the rule is built on a zero
// cotangent, and a reverse sweep over it, seeded with the tangent, gives J v = prod(x) * sum(v / x). The code
// that only served to be differentiated is erased.
// OPT-LABEL: func.func @transposed_gradient_rule(
// OPT-NEXT:    %p = irtk.prod %x [0]
// OPT-NEXT:    %[[Q:.*]] = irtk.div %v, %x
// OPT-NEXT:    %[[S:.*]] = irtk.sum %[[Q]] [0]
// OPT-NEXT:    %j = irtk.mul %[[S]], %p
// OPT-NEXT:    func.return %j
// CHECK-LABEL: func.func @transposed_gradient_rule(
// CHECK:         %p = irtk.prod %x [0]
// CHECK-NEXT:    %[[Z:.*]] = irtk.constant dense<0.000000e+00> : tensor<f64>
// CHECK-NEXT:    %[[U:.*]] = irtk.broadcast %[[Z]] to %p
// CHECK-NOT:     irtk.rop
func.func @transposed_gradient_rule(%x: tensor<?xf64>, %v: tensor<?xf64>) -> tensor<f64> {
  %p = irtk.prod %x [0] : tensor<?xf64> -> tensor<f64>
  %j = irtk.rop %p wrt %x tangents %v : tensor<f64>, tensor<?xf64>, tensor<?xf64>
  return %j : tensor<f64>
}
