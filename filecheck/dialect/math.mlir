// RUN: irtk-opt %s | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | irtk-opt | filecheck %s

// The float-valued functions take any numeric operand: a float keeps its dtype; an integer or boolean is
// upgraded as in Theano, to float32 up to 16 bits and to float64 above (floor, ceil and trunc too, as in
// Theano and numpy). The two roundings keep the operand's dtype, integers included.

// CHECK-LABEL: func.func @float_operand(
// CHECK-NEXT:    %a = irtk.tanh %x : tensor<2x?xf32> -> tensor<2x?xf32>
// CHECK-NEXT:    %b = irtk.erf %a : tensor<2x?xf32> -> tensor<2x?xf32>
// CHECK-NEXT:    %c = irtk.log1p %b : tensor<2x?xf32> -> tensor<2x?xf32>
// CHECK-NEXT:    %d = irtk.arccosh %c : tensor<2x?xf32> -> tensor<2x?xf32>
// CHECK-NEXT:    %e = irtk.sigmoid %d : tensor<2x?xf32> -> tensor<2x?xf32>
// CHECK-NEXT:    %f = irtk.softplus %e : tensor<2x?xf32> -> tensor<2x?xf32>
// CHECK-NEXT:    %g = irtk.ultra_fast_sigmoid %f : tensor<2x?xf32> -> tensor<2x?xf32>
// CHECK-NEXT:    %h = irtk.round_half_to_even %g : tensor<2x?xf32> -> tensor<2x?xf32>
func.func @float_operand(%x: tensor<2x?xf32>) -> tensor<2x?xf32> {
  %a = irtk.tanh %x : tensor<2x?xf32> -> tensor<2x?xf32>
  %b = irtk.erf %a : tensor<2x?xf32> -> tensor<2x?xf32>
  %c = irtk.log1p %b : tensor<2x?xf32> -> tensor<2x?xf32>
  %d = irtk.arccosh %c : tensor<2x?xf32> -> tensor<2x?xf32>
  %e = irtk.sigmoid %d : tensor<2x?xf32> -> tensor<2x?xf32>
  %f = irtk.softplus %e : tensor<2x?xf32> -> tensor<2x?xf32>
  %g = irtk.ultra_fast_sigmoid %f : tensor<2x?xf32> -> tensor<2x?xf32>
  %h = irtk.round_half_to_even %g : tensor<2x?xf32> -> tensor<2x?xf32>
  return %h : tensor<2x?xf32>
}

// CHECK-LABEL: func.func @integer_operand(
// CHECK-NEXT:    %a = irtk.sin %i : tensor<?xi32> -> tensor<?xf64>
// CHECK-NEXT:    %b = irtk.sqrt %s : tensor<?xi16> -> tensor<?xf32>
// CHECK-NEXT:    %c = irtk.exp2 %p : tensor<?xi1> -> tensor<?xf32>
// CHECK-NEXT:    %d = irtk.floor %i : tensor<?xi32> -> tensor<?xf64>
// CHECK-NEXT:    %e = irtk.round_half_away_from_zero %s : tensor<?xi16> -> tensor<?xi16>
func.func @integer_operand(%i: tensor<?xi32>, %s: tensor<?xi16>, %p: tensor<?xi1>) -> (tensor<?xf64>, tensor<?xf32>, tensor<?xf32>, tensor<?xf64>, tensor<?xi16>) {
  %a = irtk.sin %i : tensor<?xi32> -> tensor<?xf64>
  %b = irtk.sqrt %s : tensor<?xi16> -> tensor<?xf32>
  %c = irtk.exp2 %p : tensor<?xi1> -> tensor<?xf32>
  %d = irtk.floor %i : tensor<?xi32> -> tensor<?xf64>
  %e = irtk.round_half_away_from_zero %s : tensor<?xi16> -> tensor<?xi16>
  return %a, %b, %c, %d, %e : tensor<?xf64>, tensor<?xf32>, tensor<?xf32>, tensor<?xf64>, tensor<?xi16>
}

// arctan2 is binary: the common dtype of y and x, upgraded to float, with size-1 dimensions stretched.
// CHECK-LABEL: func.func @arctan2(
// CHECK-NEXT:    %a = irtk.arctan2 %y, %x : tensor<?x1xf32>, tensor<1x3xf64> -> tensor<?x3xf64>
// CHECK-NEXT:    %b = irtk.arctan2 %i, %i : tensor<?x3xi8>, tensor<?x3xi8> -> tensor<?x3xf32>
func.func @arctan2(%y: tensor<?x1xf32>, %x: tensor<1x3xf64>, %i: tensor<?x3xi8>) -> (tensor<?x3xf64>, tensor<?x3xf32>) {
  %a = irtk.arctan2 %y, %x : tensor<?x1xf32>, tensor<1x3xf64> -> tensor<?x3xf64>
  %b = irtk.arctan2 %i, %i : tensor<?x3xi8>, tensor<?x3xi8> -> tensor<?x3xf32>
  return %a, %b : tensor<?x3xf64>, tensor<?x3xf32>
}
