// RUN: irtk-opt %s | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | irtk-opt | filecheck %s

// The elementwise ops print in their custom syntax and read back unchanged: operand types, then the
// result type after `->`. Result types follow the type rule: size-1 dimensions stretch, dtypes upcast.

// CHECK-LABEL: func.func @binary(
// CHECK-SAME:    %x: tensor<?x4xf64>, %y: tensor<?x4xf64>)
// CHECK-NEXT:    %add = irtk.add %x, %y : tensor<?x4xf64>, tensor<?x4xf64> -> tensor<?x4xf64>
// CHECK-NEXT:    %sub = irtk.sub %add, %y : tensor<?x4xf64>, tensor<?x4xf64> -> tensor<?x4xf64>
// CHECK-NEXT:    %mul = irtk.mul %sub, %x : tensor<?x4xf64>, tensor<?x4xf64> -> tensor<?x4xf64>
// CHECK-NEXT:    %div = irtk.div %mul, %x : tensor<?x4xf64>, tensor<?x4xf64> -> tensor<?x4xf64>
// CHECK-NEXT:    func.return %div : tensor<?x4xf64>
func.func @binary(%x: tensor<?x4xf64>, %y: tensor<?x4xf64>) -> tensor<?x4xf64> {
  %add = irtk.add %x, %y : tensor<?x4xf64>, tensor<?x4xf64> -> tensor<?x4xf64>
  %sub = irtk.sub %add, %y : tensor<?x4xf64>, tensor<?x4xf64> -> tensor<?x4xf64>
  %mul = irtk.mul %sub, %x : tensor<?x4xf64>, tensor<?x4xf64> -> tensor<?x4xf64>
  %div = irtk.div %mul, %x : tensor<?x4xf64>, tensor<?x4xf64> -> tensor<?x4xf64>
  return %div : tensor<?x4xf64>
}

// CHECK-LABEL: func.func @unary(
// CHECK-NEXT:    %neg = irtk.neg %x : tensor<?xf32> -> tensor<?xf32>
// CHECK-NEXT:    %sqr = irtk.sqr %neg : tensor<?xf32> -> tensor<?xf32>
// CHECK-NEXT:    %exp = irtk.exp %sqr : tensor<?xf32> -> tensor<?xf32>
// CHECK-NEXT:    %log = irtk.log %exp : tensor<?xf32> -> tensor<?xf32>
// CHECK-NEXT:    %sqrt = irtk.sqrt %log : tensor<?xf32> -> tensor<?xf32>
// CHECK-NEXT:    func.return %sqrt : tensor<?xf32>
func.func @unary(%x: tensor<?xf32>) -> tensor<?xf32> {
  %neg = irtk.neg %x : tensor<?xf32> -> tensor<?xf32>
  %sqr = irtk.sqr %neg : tensor<?xf32> -> tensor<?xf32>
  %exp = irtk.exp %sqr : tensor<?xf32> -> tensor<?xf32>
  %log = irtk.log %exp : tensor<?xf32> -> tensor<?xf32>
  %sqrt = irtk.sqrt %log : tensor<?xf32> -> tensor<?xf32>
  return %sqrt : tensor<?xf32>
}

// Static size-1 dimensions stretch: a row plus a column is a matrix; a static size wins over `?`.
// CHECK-LABEL: func.func @broadcasting(
// CHECK-NEXT:    %outer = irtk.add %row, %col : tensor<1x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
// CHECK-NEXT:    %fixed = irtk.mul %outer, %three : tensor<?x?xf64>, tensor<3x1xf64> -> tensor<3x?xf64>
// CHECK-NEXT:    %ones = irtk.sub %unit, %unit : tensor<1x1xf64>, tensor<1x1xf64> -> tensor<1x1xf64>
func.func @broadcasting(%row: tensor<1x?xf64>, %col: tensor<?x1xf64>, %three: tensor<3x1xf64>, %unit: tensor<1x1xf64>) -> (tensor<3x?xf64>, tensor<1x1xf64>) {
  %outer = irtk.add %row, %col : tensor<1x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  %fixed = irtk.mul %outer, %three : tensor<?x?xf64>, tensor<3x1xf64> -> tensor<3x?xf64>
  %ones = irtk.sub %unit, %unit : tensor<1x1xf64>, tensor<1x1xf64> -> tensor<1x1xf64>
  return %fixed, %ones : tensor<3x?xf64>, tensor<1x1xf64>
}

// Mixed dtypes upcast like numpy; `/` of integers is float64; exp of a small integer is float32.
// CHECK-LABEL: func.func @dtypes(
// CHECK-NEXT:    %a = irtk.add %f, %d : tensor<f32>, tensor<f64> -> tensor<f64>
// CHECK-NEXT:    %b = irtk.mul %i, %f : tensor<i32>, tensor<f32> -> tensor<f64>
// CHECK-NEXT:    %c = irtk.div %i, %i : tensor<i32>, tensor<i32> -> tensor<f64>
// CHECK-NEXT:    %e = irtk.exp %s : tensor<i8> -> tensor<f32>
// CHECK-NEXT:    %g = irtk.sub %u, %s : tensor<ui8>, tensor<i8> -> tensor<i16>
func.func @dtypes(%f: tensor<f32>, %d: tensor<f64>, %i: tensor<i32>, %s: tensor<i8>, %u: tensor<ui8>) -> (tensor<f64>, tensor<f64>, tensor<f64>, tensor<f32>, tensor<i16>) {
  %a = irtk.add %f, %d : tensor<f32>, tensor<f64> -> tensor<f64>
  %b = irtk.mul %i, %f : tensor<i32>, tensor<f32> -> tensor<f64>
  %c = irtk.div %i, %i : tensor<i32>, tensor<i32> -> tensor<f64>
  %e = irtk.exp %s : tensor<i8> -> tensor<f32>
  %g = irtk.sub %u, %s : tensor<ui8>, tensor<i8> -> tensor<i16>
  return %a, %b, %c, %e, %g : tensor<f64>, tensor<f64>, tensor<f64>, tensor<f32>, tensor<i16>
}

// CHECK-LABEL: func.func @cast_and_broadcast(
// CHECK-NEXT:    %c = irtk.cast %x : tensor<?x1xf64> -> tensor<?x1xi32>
// CHECK-NEXT:    %b = irtk.broadcast %c to %like : tensor<?x1xi32>, tensor<?x5xf32> -> tensor<?x5xi32>
// CHECK-NEXT:    %attr = irtk.cast %x {tag = "kept"} : tensor<?x1xf64> -> tensor<?x1xf32>
func.func @cast_and_broadcast(%x: tensor<?x1xf64>, %like: tensor<?x5xf32>) -> (tensor<?x5xi32>, tensor<?x1xf32>) {
  %c = irtk.cast %x : tensor<?x1xf64> -> tensor<?x1xi32>
  %b = irtk.broadcast %c to %like : tensor<?x1xi32>, tensor<?x5xf32> -> tensor<?x5xi32>
  %attr = irtk.cast %x {tag = "kept"} : tensor<?x1xf64> -> tensor<?x1xf32>
  return %b, %attr : tensor<?x5xi32>, tensor<?x1xf32>
}
