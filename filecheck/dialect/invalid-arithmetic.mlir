// RUN: irtk-opt %s --split-input-file --verify-diagnostics

// The arithmetic and math ops refuse what numpy refuses (negating or subtracting booleans) and check the
// result dtype against their type rule: `//` of integers stays integer, a float function of a wide integer is
// float64 (floor included, as in Theano and numpy), rounding keeps the dtype.

func.func @neg_bool(%x: tensor<?xi1>) -> tensor<?xi1> {
  // expected-error @+1 {{'irtk.neg' op irtk.neg: not defined for booleans (numpy refuses it too)}}
  %a = irtk.neg %x : tensor<?xi1> -> tensor<?xi1>
  return %a : tensor<?xi1>
}

// -----

func.func @sub_bool(%x: tensor<?xi1>) -> tensor<?xi1> {
  // expected-error @+1 {{irtk.sub: not defined for booleans (numpy refuses it too)}}
  %a = irtk.sub %x, %x : tensor<?xi1>, tensor<?xi1> -> tensor<?xi1>
  return %a : tensor<?xi1>
}

// -----

func.func @abs_bool(%x: tensor<?xi1>) -> tensor<?xi1> {
  // expected-error @+1 {{irtk.abs: not defined for booleans (numpy refuses it too)}}
  %a = irtk.abs %x : tensor<?xi1> -> tensor<?xi1>
  return %a : tensor<?xi1>
}

// -----

func.func @int_div_is_integer(%x: tensor<?xi32>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk.int_div: result type tensor<?xf64> does not match the inferred type tensor<?xi32>}}
  %a = irtk.int_div %x, %x : tensor<?xi32>, tensor<?xi32> -> tensor<?xf64>
  return %a : tensor<?xf64>
}

// -----

func.func @wide_int_to_float64(%x: tensor<?xi64>) -> tensor<?xf32> {
  // expected-error @+1 {{irtk.tanh: result type tensor<?xf32> does not match the inferred type tensor<?xf64>}}
  %a = irtk.tanh %x : tensor<?xi64> -> tensor<?xf32>
  return %a : tensor<?xf32>
}

// -----

func.func @floor_of_an_integer_is_float(%x: tensor<?xi32>) -> tensor<?xi32> {
  // expected-error @+1 {{irtk.floor: result type tensor<?xi32> does not match the inferred type tensor<?xf64>}}
  %a = irtk.floor %x : tensor<?xi32> -> tensor<?xi32>
  return %a : tensor<?xi32>
}
