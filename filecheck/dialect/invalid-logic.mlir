// RUN: irtk-opt %s --split-input-file --verify-diagnostics

// Bitwise ops need integer or boolean operands; comparisons return bool; switch has exactly three operands and
// returns its branches' dtype, not the condition's.

func.func @and_of_floats(%x: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{'irtk.and' op irtk.and: needs integer or boolean operands, got float64, float64}}
  %a = irtk.and %x, %x : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  return %a : tensor<?xf64>
}

// -----

func.func @invert_float(%x: tensor<?xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{irtk.invert: needs integer or boolean operands, got float32}}
  %a = irtk.invert %x : tensor<?xf32> -> tensor<?xf32>
  return %a : tensor<?xf32>
}

// -----

func.func @comparison_not_bool(%x: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk.lt: result type tensor<?xf64> does not match the inferred type tensor<?xi1>}}
  %a = irtk.lt %x, %x : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  return %a : tensor<?xf64>
}

// -----

func.func @switch_two_operands(%x: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk.switch: expected 3 operand(s), got 2}}
  %a = irtk.switch %x, %x : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  return %a : tensor<?xf64>
}

// -----

func.func @switch_condition_dtype(%c: tensor<?xf64>, %x: tensor<?xi32>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk.switch: result type tensor<?xf64> does not match the inferred type tensor<?xi32>}}
  %a = irtk.switch %c, %x, %x : tensor<?xf64>, tensor<?xi32>, tensor<?xi32> -> tensor<?xf64>
  return %a : tensor<?xf64>
}
