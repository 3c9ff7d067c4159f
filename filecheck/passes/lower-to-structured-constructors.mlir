// RUN: irtk-opt %s --split-input-file -p lower-to-structured | filecheck %s

// A constructor reads each dynamic size from its 0-d operand (`tensor.extract`), checks it is not negative
// (`cf.assert`: the call fails with a message) and converts it to an index for `tensor.empty`; then one
// parallel generic writes every element.

// zeros: the splat value becomes a constant in the body; nothing is read.
// CHECK-LABEL: func.func @zeros(
// CHECK-NEXT:    %[[N:.*]] = tensor.extract %n[] : tensor<i32>
// CHECK-NEXT:    %[[N64:.*]] = arith.extsi %[[N]] : i32 to i64
// CHECK-NEXT:    %[[ZERO:.*]] = arith.constant 0 : i64
// CHECK-NEXT:    %[[OK:.*]] = arith.cmpi sge, %[[N64]], %[[ZERO]] : i64
// CHECK-NEXT:    cf.assert %[[OK]], "irtk.alloc: the size of dimension 0 is negative (at {{.*}}lower-to-structured-constructors.mlir:{{[0-9]+}})"
// CHECK-NEXT:    %[[NI:.*]] = arith.index_cast %[[N64]] : i64 to index
// CHECK-NEXT:    %[[EMPTY:.*]] = tensor.empty(%[[NI]]) : tensor<?x3xf64>
// CHECK-NEXT:    %z = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%[[EMPTY]] : tensor<?x3xf64>)
// CHECK:           %[[C:.*]] = arith.constant 0.000000e+00 : f64
// CHECK-NEXT:      linalg.yield %[[C]] : f64
func.func @zeros(%n: tensor<i32>) -> tensor<?x3xf64> {
  %zero = irtk.constant dense<0.0> : tensor<f64>
  %z = irtk.alloc %zero, %n : tensor<f64>, tensor<i32> -> tensor<?x3xf64>
  return %z : tensor<?x3xf64>
}

// -----

// A value's dimensions align with the trailing ones of the shape; a static 1 is read at index 0 (stretched), a
// dynamic one must match its size at run time.
// CHECK-LABEL: func.func @broadcast_value(
// CHECK:         %[[NI:.*]] = arith.index_cast %{{.*}} : i64 to index
// CHECK:         %[[D:.*]] = tensor.dim %row, %{{.*}} : tensor<1x?xf32>
// CHECK-NEXT:    %[[FOUR:.*]] = arith.constant 4 : index
// CHECK-NEXT:    %[[SAME:.*]] = arith.cmpi eq, %[[FOUR]], %[[D]] : index
// CHECK-NEXT:    cf.assert %[[SAME]], "irtk.alloc: dimension 1 of the value does not match dimension 2 of the shape
// CHECK-NEXT:    %[[EMPTY:.*]] = tensor.empty(%[[NI]]) : tensor<2x?x4xf32>
// CHECK-NEXT:    %z = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2) -> (0, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"]}
// CHECK-SAME:      ins(%row : tensor<1x?xf32>) outs(%[[EMPTY]] : tensor<2x?x4xf32>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f32, %{{.*}}: f32):
// CHECK-NEXT:      linalg.yield %[[X]] : f32
func.func @broadcast_value(%row: tensor<1x?xf32>, %n: tensor<i64>) -> tensor<2x?x4xf32> {
  %z = irtk.alloc %row, %n : tensor<1x?xf32>, tensor<i64> -> tensor<2x?x4xf32>
  return %z : tensor<2x?x4xf32>
}

// -----

// eye: element (i, j) is 1 where j - i == k; k is read once, as an index, and enters the body as a scalar.
// CHECK-LABEL: func.func @eye(
// CHECK:         %[[K:.*]] = tensor.extract %k[] : tensor<i8>
// CHECK-NEXT:    %[[K64:.*]] = arith.extsi %[[K]] : i8 to i64
// CHECK-NEXT:    %[[KI:.*]] = arith.index_cast %[[K64]] : i64 to index
// CHECK-NEXT:    %[[EMPTY:.*]] = tensor.empty(%{{.*}}) : tensor<3x?xf32>
// CHECK-NEXT:    %e = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> ()>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%[[KI]] : index) outs(%[[EMPTY]] : tensor<3x?xf32>)
// CHECK-NEXT:    ^bb0(%[[KA:.*]]: index, %{{.*}}: f32):
// CHECK-NEXT:      %[[I:.*]] = linalg.index 0 : index
// CHECK-NEXT:      %[[J:.*]] = linalg.index 1 : index
// CHECK-NEXT:      %[[DIFF:.*]] = arith.subi %[[J]], %[[I]] : index
// CHECK-NEXT:      %[[ON:.*]] = arith.cmpi eq, %[[DIFF]], %[[KA]] : index
// CHECK-NEXT:      %[[V:.*]] = arith.uitofp %[[ON]] : i1 to f32
// CHECK-NEXT:      linalg.yield %[[V]] : f32
func.func @eye(%m: tensor<i64>, %k: tensor<i8>) -> tensor<3x?xf32> {
  %e = irtk.eye %m, %k : tensor<i64>, tensor<i8> -> tensor<3x?xf32>
  return %e : tensor<3x?xf32>
}

// -----

// arange of integers: the length ceil((stop - start) / step) (the difference in int64, the quotient in
// float64), checked (a zero step, an infinite or NaN length fail the call); element i is start + i * step.
// CHECK-LABEL: func.func @arange_int(
// CHECK:         %[[A:.*]] = tensor.extract %a[] : tensor<i64>
// CHECK-NEXT:    %[[B:.*]] = tensor.extract %b[] : tensor<i32>
// CHECK-NEXT:    %[[C:.*]] = tensor.extract %c[] : tensor<i64>
// CHECK-NEXT:    %[[B64:.*]] = arith.extsi %[[B]] : i32 to i64
// CHECK:         %[[NZ:.*]] = arith.cmpi ne, %[[C]], %{{.*}} : i64
// CHECK-NEXT:    cf.assert %[[NZ]], "irtk.arange: step must not be zero
// CHECK-NEXT:    %[[DIFF:.*]] = arith.subi %[[B64]], %[[A]] : i64
// CHECK-NEXT:    %[[DF:.*]] = arith.sitofp %[[DIFF]] : i64 to f64
// CHECK-NEXT:    %[[CF:.*]] = arith.sitofp %[[C]] : i64 to f64
// CHECK-NEXT:    %[[Q:.*]] = arith.divf %[[DF]], %[[CF]] : f64
// CHECK:         cf.assert %{{.*}}, "irtk.arange: cannot compute the length of the range (infinite, NaN or too long)
// CHECK-NEXT:    %[[CEIL:.*]] = math.ceil %[[Q]] : f64
// CHECK:         %[[LEN:.*]] = arith.maximumf %[[CEIL]], %{{.*}} : f64
// CHECK-NEXT:    %[[LEN64:.*]] = arith.fptosi %[[LEN]] : f64 to i64
// CHECK-NEXT:    %[[N:.*]] = arith.index_cast %[[LEN64]] : i64 to index
// CHECK:         %[[EMPTY:.*]] = tensor.empty(%[[N]]) : tensor<?xi64>
// CHECK-NEXT:    %r = linalg.generic {indexing_maps = [affine_map<(d0) -> ()>, affine_map<(d0) -> ()>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
// CHECK-SAME:      ins(%[[A]], %{{.*}} : i64, i64) outs(%[[EMPTY]] : tensor<?xi64>)
// CHECK-NEXT:    ^bb0(%[[FIRST:.*]]: i64, %[[DELTA:.*]]: i64, %{{.*}}: i64):
// CHECK-NEXT:      %[[I:.*]] = linalg.index 0 : index
// CHECK-NEXT:      %[[I64:.*]] = arith.index_cast %[[I]] : index to i64
// CHECK-NEXT:      %[[P:.*]] = arith.muli %[[I64]], %[[DELTA]] : i64
// CHECK-NEXT:      %[[V:.*]] = arith.addi %[[FIRST]], %[[P]] : i64
// CHECK-NEXT:      linalg.yield %[[V]] : i64
func.func @arange_int(%a: tensor<i64>, %b: tensor<i32>, %c: tensor<i64>) -> tensor<?xi64> {
  %r = irtk.arange %a, %b, %c : tensor<i64>, tensor<i32>, tensor<i64> -> tensor<?xi64>
  return %r : tensor<?xi64>
}

// -----

// arange of floats, as numpy computes it: the first two elements are start and start + step (in float64, then
// rounded to the dtype), element i >= 2 is first + i * (second - first) in the dtype. A static length is checked
// against the computed one.
// CHECK-LABEL: func.func @arange_float32(
// CHECK:         cf.assert %{{.*}}, "irtk.arange: the length of the range is not the static length 4 of the result type
// CHECK:         %[[FIRST:.*]] = arith.truncf %{{.*}} : f64 to f32
// CHECK-NEXT:    %[[SUM:.*]] = arith.addf %{{.*}}, %{{.*}} : f64
// CHECK-NEXT:    %[[SECOND:.*]] = arith.truncf %[[SUM]] : f64 to f32
// CHECK-NEXT:    %[[DELTA:.*]] = arith.subf %[[SECOND]], %[[FIRST]] : f32
// CHECK-NEXT:    %[[EMPTY:.*]] = tensor.empty() : tensor<4xf32>
// CHECK-NEXT:    %r = linalg.generic
// CHECK-SAME:      ins(%[[FIRST]], %[[DELTA]], %[[SECOND]] : f32, f32, f32) outs(%[[EMPTY]] : tensor<4xf32>)
// CHECK-NEXT:    ^bb0(%[[F:.*]]: f32, %[[D:.*]]: f32, %[[S:.*]]: f32, %{{.*}}: f32):
// CHECK:           %[[IF:.*]] = arith.sitofp %{{.*}} : i64 to f32
// CHECK-NEXT:      %[[P:.*]] = arith.mulf %[[IF]], %[[D]] : f32
// CHECK-NEXT:      %[[V:.*]] = arith.addf %[[F]], %[[P]] : f32
// CHECK:           %[[V1:.*]] = arith.select %{{.*}}, %[[S]], %[[V]] : f32
// CHECK-NEXT:      %[[V0:.*]] = arith.select %{{.*}}, %[[F]], %[[V1]] : f32
// CHECK-NEXT:      linalg.yield %[[V0]] : f32
func.func @arange_float32(%a: tensor<f32>, %b: tensor<i64>) -> tensor<4xf32> {
  %r = irtk.arange %a, %b, %a : tensor<f32>, tensor<i64>, tensor<f32> -> tensor<4xf32>
  return %r : tensor<4xf32>
}
