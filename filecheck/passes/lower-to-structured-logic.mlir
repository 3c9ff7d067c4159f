// RUN: irtk-opt %s --split-input-file -p lower-to-structured | filecheck %s

// Comparisons, bitwise ops, switch and the predicates. A comparison converts both operands to their common
// dtype and compares there (a float32 against a float64 is extended first; an int32 against a float32 meets
// in float64), with numpy's NaN rule: ordered predicates (false on NaN) except `!=` (unordered, true on NaN).
// Integers compare signed, booleans unsigned (True > False). The result is always i1. switch keeps its
// condition an i1: a number is converted by its truth value (`!= 0`, so NaN is true), the branches to their
// common dtype. isnan/isinf of an integer is the constant false.

// CHECK-LABEL: func.func @comparisons(
// CHECK:         %[[INIT:.*]] = tensor.empty(%{{.*}}) : tensor<?x3xi1>
// CHECK-NEXT:    %lt = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%x, %y : tensor<?x3xf32>, tensor<1x3xf64>) outs(%[[INIT]] : tensor<?x3xi1>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f32, %[[Y:.*]]: f64, %{{.*}}: i1):
// CHECK-NEXT:      %[[XE:.*]] = arith.extf %[[X]] : f32 to f64
// CHECK-NEXT:      %[[LT:.*]] = arith.cmpf olt, %[[XE]], %[[Y]] : f64
// CHECK-NEXT:      linalg.yield %[[LT]] : i1
// CHECK:         %ne = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X2:.*]]: f32, %[[Y2:.*]]: f64, %{{.*}}: i1):
// CHECK-NEXT:      %[[XE2:.*]] = arith.extf %[[X2]] : f32 to f64
// CHECK-NEXT:      %[[NE:.*]] = arith.cmpf une, %[[XE2]], %[[Y2]] : f64
// CHECK-NEXT:      linalg.yield %[[NE]] : i1
// CHECK:         %ge = linalg.generic
// CHECK-NEXT:    ^bb0(%[[S:.*]]: i8, %[[I:.*]]: i32, %{{.*}}: i1):
// CHECK-NEXT:      %[[SE:.*]] = arith.extsi %[[S]] : i8 to i32
// CHECK-NEXT:      %[[GE:.*]] = arith.cmpi sge, %[[SE]], %[[I]] : i32
// CHECK-NEXT:      linalg.yield %[[GE]] : i1
// CHECK:         %eq = linalg.generic
// CHECK-NEXT:    ^bb0(%[[I2:.*]]: i32, %[[X3:.*]]: f32, %{{.*}}: i1):
// CHECK-NEXT:      %[[IF:.*]] = arith.sitofp %[[I2]] : i32 to f64
// CHECK-NEXT:      %[[XF:.*]] = arith.extf %[[X3]] : f32 to f64
// CHECK-NEXT:      %[[EQ:.*]] = arith.cmpf oeq, %[[IF]], %[[XF]] : f64
// CHECK-NEXT:      linalg.yield %[[EQ]] : i1
func.func @comparisons(%x: tensor<?x3xf32>, %y: tensor<1x3xf64>, %i: tensor<?x3xi32>, %s: tensor<?x3xi8>) -> (tensor<?x3xi1>, tensor<?x3xi1>, tensor<?x3xi1>, tensor<?x3xi1>) {
  %lt = irtk.lt %x, %y : tensor<?x3xf32>, tensor<1x3xf64> -> tensor<?x3xi1>
  %ne = irtk.neq %x, %y : tensor<?x3xf32>, tensor<1x3xf64> -> tensor<?x3xi1>
  %ge = irtk.ge %s, %i : tensor<?x3xi8>, tensor<?x3xi32> -> tensor<?x3xi1>
  %eq = irtk.eq %i, %x : tensor<?x3xi32>, tensor<?x3xf32> -> tensor<?x3xi1>
  return %lt, %ne, %ge, %eq : tensor<?x3xi1>, tensor<?x3xi1>, tensor<?x3xi1>, tensor<?x3xi1>
}

// -----

// Booleans compare as 0 and 1: unsigned predicates on i1, and a bool meeting an int8 is zero-extended.
// CHECK-LABEL: func.func @boolean_comparisons(
// CHECK:         %gt = linalg.generic
// CHECK-NEXT:    ^bb0(%[[P:.*]]: i1, %[[Q:.*]]: i1, %{{.*}}: i1):
// CHECK-NEXT:      %[[GT:.*]] = arith.cmpi ugt, %[[P]], %[[Q]] : i1
// CHECK-NEXT:      linalg.yield %[[GT]] : i1
// CHECK:         %le = linalg.generic
// CHECK-NEXT:    ^bb0(%[[P2:.*]]: i1, %[[S:.*]]: i8, %{{.*}}: i1):
// CHECK-NEXT:      %[[PE:.*]] = arith.extui %[[P2]] : i1 to i8
// CHECK-NEXT:      %[[LE:.*]] = arith.cmpi sle, %[[PE]], %[[S]] : i8
// CHECK-NEXT:      linalg.yield %[[LE]] : i1
func.func @boolean_comparisons(%p: tensor<?xi1>, %q: tensor<?xi1>, %s: tensor<?xi8>) -> (tensor<?xi1>, tensor<?xi1>) {
  %gt = irtk.gt %p, %q : tensor<?xi1>, tensor<?xi1> -> tensor<?xi1>
  %le = irtk.le %p, %s : tensor<?xi1>, tensor<?xi8> -> tensor<?xi1>
  return %gt, %le : tensor<?xi1>, tensor<?xi1>
}

// -----

// Bitwise ops in the common dtype (a bool meeting an int16 is zero-extended: True is 1, not all ones);
// invert is `xor` with all ones, which for bool is `xor true` (logical not).
// CHECK-LABEL: func.func @bitwise(
// CHECK:         %a = linalg.generic
// CHECK-NEXT:    ^bb0(%[[P:.*]]: i1, %[[Q:.*]]: i1, %{{.*}}: i1):
// CHECK-NEXT:      %[[A:.*]] = arith.andi %[[P]], %[[Q]] : i1
// CHECK:         %o = linalg.generic
// CHECK-NEXT:    ^bb0(%[[I:.*]]: i16, %[[S:.*]]: i8, %{{.*}}: i16):
// CHECK-NEXT:      %[[SE:.*]] = arith.extsi %[[S]] : i8 to i16
// CHECK-NEXT:      %[[O:.*]] = arith.ori %[[I]], %[[SE]] : i16
// CHECK:         %x = linalg.generic
// CHECK-NEXT:    ^bb0(%[[P2:.*]]: i1, %[[I2:.*]]: i16, %{{.*}}: i16):
// CHECK-NEXT:      %[[PE:.*]] = arith.extui %[[P2]] : i1 to i16
// CHECK-NEXT:      %[[X:.*]] = arith.xori %[[PE]], %[[I2]] : i16
// CHECK:         %nb = linalg.generic
// CHECK-NEXT:    ^bb0(%[[P3:.*]]: i1, %{{.*}}: i1):
// CHECK-NEXT:      %[[TRUE:.*]] = arith.constant true
// CHECK-NEXT:      %[[NOT:.*]] = arith.xori %[[P3]], %[[TRUE]] : i1
// CHECK-NEXT:      linalg.yield %[[NOT]] : i1
// CHECK:         %ni = linalg.generic
// CHECK-NEXT:    ^bb0(%[[S2:.*]]: i8, %{{.*}}: i8):
// CHECK-NEXT:      %[[ONES:.*]] = arith.constant -1 : i8
// CHECK-NEXT:      %[[INV:.*]] = arith.xori %[[S2]], %[[ONES]] : i8
// CHECK-NEXT:      linalg.yield %[[INV]] : i8
func.func @bitwise(%p: tensor<?xi1>, %q: tensor<?xi1>, %i: tensor<?xi16>, %s: tensor<?xi8>) -> (tensor<?xi1>, tensor<?xi16>, tensor<?xi16>, tensor<?xi1>, tensor<?xi8>) {
  %a = irtk.and %p, %q : tensor<?xi1>, tensor<?xi1> -> tensor<?xi1>
  %o = irtk.or %i, %s : tensor<?xi16>, tensor<?xi8> -> tensor<?xi16>
  %x = irtk.xor %p, %i : tensor<?xi1>, tensor<?xi16> -> tensor<?xi16>
  %nb = irtk.invert %p : tensor<?xi1> -> tensor<?xi1>
  %ni = irtk.invert %s : tensor<?xi8> -> tensor<?xi8>
  return %a, %o, %x, %nb, %ni : tensor<?xi1>, tensor<?xi16>, tensor<?xi16>, tensor<?xi1>, tensor<?xi8>
}

// -----

// switch: three operands, each broadcast on its own; the i1 condition is used as it is, a float64 condition
// becomes `x != 0` (unordered: NaN is true); the float32 and int32 branches meet in float64.
// CHECK-LABEL: func.func @switch(
// CHECK:         %[[INIT:.*]] = tensor.empty(%{{.*}}, %{{.*}}) : tensor<?x?xf64>
// CHECK-NEXT:    %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, 0)>, affine_map<(d0, d1) -> (0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%c, %a, %b : tensor<?x1xi1>, tensor<1x?xf32>, tensor<?x?xi32>) outs(%[[INIT]] : tensor<?x?xf64>)
// CHECK-NEXT:    ^bb0(%[[C:.*]]: i1, %[[A:.*]]: f32, %[[B:.*]]: i32, %{{.*}}: f64):
// CHECK-NEXT:      %[[AF:.*]] = arith.extf %[[A]] : f32 to f64
// CHECK-NEXT:      %[[BF:.*]] = arith.sitofp %[[B]] : i32 to f64
// CHECK-NEXT:      %[[R:.*]] = arith.select %[[C]], %[[AF]], %[[BF]] : f64
// CHECK-NEXT:      linalg.yield %[[R]] : f64
// CHECK:         %s = linalg.generic
// CHECK-NEXT:    ^bb0(%[[F:.*]]: f64, %[[A2:.*]]: f32, %[[B2:.*]]: i32, %{{.*}}: f64):
// CHECK-NEXT:      %[[ZERO:.*]] = arith.constant 0.000000e+00 : f64
// CHECK-NEXT:      %[[TRUTH:.*]] = arith.cmpf une, %[[F]], %[[ZERO]] : f64
// CHECK:           %[[S:.*]] = arith.select %[[TRUTH]], %{{.*}}, %{{.*}} : f64
// CHECK-NEXT:      linalg.yield %[[S]] : f64
func.func @switch(%c: tensor<?x1xi1>, %f: tensor<?x1xf64>, %a: tensor<1x?xf32>, %b: tensor<?x?xi32>) -> (tensor<?x?xf64>, tensor<?x?xf64>) {
  %r = irtk.switch %c, %a, %b : tensor<?x1xi1>, tensor<1x?xf32>, tensor<?x?xi32> -> tensor<?x?xf64>
  %s = irtk.switch %f, %a, %b : tensor<?x1xf64>, tensor<1x?xf32>, tensor<?x?xi32> -> tensor<?x?xf64>
  return %r, %s : tensor<?x?xf64>, tensor<?x?xf64>
}

// -----

// isnan is `x uno x`; isinf is |x| == inf (ordered: NaN is not infinite). An integer is never either: the
// body yields false without reading the element (the operand still gives the loop its size).
// CHECK-LABEL: func.func @predicates(
// CHECK:         %a = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f32, %{{.*}}: i1):
// CHECK-NEXT:      %[[NAN:.*]] = arith.cmpf uno, %[[X]], %[[X]] : f32
// CHECK-NEXT:      linalg.yield %[[NAN]] : i1
// CHECK:         %b = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X2:.*]]: f32, %{{.*}}: i1):
// CHECK-NEXT:      %[[ABS:.*]] = math.absf %[[X2]] : f32
// CHECK-NEXT:      %[[INF:.*]] = arith.constant 0x7f800000 : f32
// CHECK-NEXT:      %[[IS:.*]] = arith.cmpf oeq, %[[ABS]], %[[INF]] : f32
// CHECK-NEXT:      linalg.yield %[[IS]] : i1
// CHECK:         %c = linalg.generic
// CHECK-SAME:      ins(%i : tensor<?xi64>)
// CHECK-NEXT:    ^bb0(%{{.*}}: i64, %{{.*}}: i1):
// CHECK-NEXT:      %[[F:.*]] = arith.constant false
// CHECK-NEXT:      linalg.yield %[[F]] : i1
// CHECK:         %d = linalg.generic
// CHECK-NEXT:    ^bb0(%{{.*}}: i64, %{{.*}}: i1):
// CHECK-NEXT:      %[[F2:.*]] = arith.constant false
// CHECK-NEXT:      linalg.yield %[[F2]] : i1
func.func @predicates(%x: tensor<?xf32>, %i: tensor<?xi64>) -> (tensor<?xi1>, tensor<?xi1>, tensor<?xi1>, tensor<?xi1>) {
  %a = irtk.isnan %x : tensor<?xf32> -> tensor<?xi1>
  %b = irtk.isinf %x : tensor<?xf32> -> tensor<?xi1>
  %c = irtk.isnan %i : tensor<?xi64> -> tensor<?xi1>
  %d = irtk.isinf %i : tensor<?xi64> -> tensor<?xi1>
  return %a, %b, %c, %d : tensor<?xi1>, tensor<?xi1>, tensor<?xi1>, tensor<?xi1>
}
