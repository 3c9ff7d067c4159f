// RUN: irtk-opt %s --split-input-file --verify-diagnostics

// Each tangent of `irtk.rop` has its wrt value's dtype, rank and static sizes; wrt values are floats; each
// result has its f value's type; the types after `:` are the f values', the wrt values', then the tangents'.

func.func @tangent_dtype(%x: tensor<?xf64>, %v: tensor<?xf32>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk.rop: tangent #0: the tangent has dtype float32, its wrt value float64}}
  %j = irtk.rop %x wrt %x tangents %v : tensor<?xf64>, tensor<?xf64>, tensor<?xf32>
  return %j : tensor<?xf64>
}

// -----

func.func @tangent_rank(%x: tensor<?xf64>, %v: tensor<?x?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk.rop: tangent #0: the tangent's type tensor<?x?xf64> does not have the shape of its wrt value's type tensor<?xf64>}}
  %j = irtk.rop %x wrt %x tangents %v : tensor<?xf64>, tensor<?xf64>, tensor<?x?xf64>
  return %j : tensor<?xf64>
}

// -----

// A size-1 (broadcastable) dimension must stay one: a dynamic tangent could stretch it.
func.func @tangent_forgets_a_static_size(%x: tensor<1x?xf64>, %v: tensor<?x?xf64>) -> tensor<1x?xf64> {
  // expected-error @+1 {{does not have the shape of its wrt value's type tensor<1x?xf64>}}
  %j = irtk.rop %x wrt %x tangents %v : tensor<1x?xf64>, tensor<1x?xf64>, tensor<?x?xf64>
  return %j : tensor<1x?xf64>
}

// -----

func.func @integer_wrt(%i: tensor<?xi32>, %v: tensor<?xi32>) -> tensor<?xi32> {
  // expected-error @+1 {{irtk.rop: tangent #0: only float values have tangents, got tensor<?xi32>}}
  %j = irtk.rop %i wrt %i tangents %v : tensor<?xi32>, tensor<?xi32>, tensor<?xi32>
  return %j : tensor<?xi32>
}

// -----

func.func @result_type(%x: tensor<?xf64>, %v: tensor<?xf64>) -> tensor<?xf32> {
  // expected-error @+1 {{irtk.rop: each result must have the type of its f value}}
  %j = "irtk.rop"(%x, %x, %v) <{operandSegmentSizes = array<i32: 1, 1, 1>}> : (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>) -> tensor<?xf32>
  return %j : tensor<?xf32>
}

// -----

func.func @tangent_count(%x: tensor<?xf64>, %v: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{expected one tangent per wrt value: 1 wrt values, 2 tangents}}
  %j = irtk.rop %x wrt %x tangents %v, %v : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
  return %j : tensor<?xf64>
}

// -----

func.func @type_count(%x: tensor<?xf64>, %v: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{expected 3 types: the f values', the wrt values', then the tangents'}}
  %j = irtk.rop %x wrt %x tangents %v : tensor<?xf64>, tensor<?xf64>
  return %j : tensor<?xf64>
}

// -----

func.func @nothing_to_differentiate(%x: tensor<?xf64>, %t: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk.rop: expected at least one value to differentiate}}
  "irtk.rop"(%x, %t) <{operandSegmentSizes = array<i32: 0, 1, 1>}> : (tensor<?xf64>, tensor<?xf64>) -> ()
  return %x : tensor<?xf64>
}

// -----

func.func @unpaired(%y: tensor<f64>, %x: tensor<?xf64>) -> tensor<f64> {
  // expected-error @+1 {{irtk.rop: 1 wrt values but 0 tangents}}
  %r = "irtk.rop"(%y, %x) <{operandSegmentSizes = array<i32: 1, 1, 0>}> : (tensor<f64>, tensor<?xf64>) -> tensor<f64>
  return %r : tensor<f64>
}
