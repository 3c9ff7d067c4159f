// RUN: irtk-opt %s --split-input-file --verify-diagnostics

// `irtk.contract` checks its spec against its operands: one term per operand, a letter per dimension, result
// letters that some operand has, and equal static sizes wherever a letter appears.

func.func @malformed(%x: tensor<?xf64>) -> tensor<f64> {
  // expected-error @+1 {{irtk.contract: spec 'i' must look like 'ij,jk->ik'}}
  %a = irtk.contract %x {spec = "i"} : tensor<?xf64> -> tensor<f64>
  return %a : tensor<f64>
}

// -----

func.func @not_a_letter(%x: tensor<?xf64>) -> tensor<f64> {
  // expected-error @+1 {{irtk.contract: spec 'i1->' must look like 'ij,jk->ik'}}
  %a = irtk.contract %x {spec = "i1->"} : tensor<?xf64> -> tensor<f64>
  return %a : tensor<f64>
}

// -----

func.func @terms_and_operands(%x: tensor<?xf64>, %y: tensor<?xf64>) -> tensor<f64> {
  // expected-error @+1 {{irtk.contract: spec 'i->' has 1 operand term(s), got 2 operand(s)}}
  %a = irtk.contract %x, %y {spec = "i->"} : tensor<?xf64>, tensor<?xf64> -> tensor<f64>
  return %a : tensor<f64>
}

// -----

func.func @term_rank(%x: tensor<?x?xf64>, %y: tensor<?xf64>) -> tensor<f64> {
  // expected-error @+1 {{irtk.contract: operand #0 has rank 2, but its term 'i' in 'i,i->' names 1 dimension(s)}}
  %a = irtk.contract %x, %y {spec = "i,i->"} : tensor<?x?xf64>, tensor<?xf64> -> tensor<f64>
  return %a : tensor<f64>
}

// -----

func.func @unknown_result_index(%x: tensor<?xf64>) -> tensor<?x?xf64> {
  // expected-error @+1 {{irtk.contract: spec 'i->ij': result index 'j' appears in no operand}}
  %a = irtk.contract %x {spec = "i->ij"} : tensor<?xf64> -> tensor<?x?xf64>
  return %a : tensor<?x?xf64>
}

// -----

func.func @sizes_differ(%x: tensor<2x3xf64>, %y: tensor<4x5xf64>) -> tensor<2x5xf64> {
  // expected-error @+1 {{irtk.contract: sizes of index 'j' differ (3 and 4) in 'ij,jk->ik'}}
  %a = irtk.contract %x, %y {spec = "ij,jk->ik"} : tensor<2x3xf64>, tensor<4x5xf64> -> tensor<2x5xf64>
  return %a : tensor<2x5xf64>
}

// -----

func.func @non_square_diagonal(%x: tensor<2x3xf64>) -> tensor<2xf64> {
  // expected-error @+1 {{irtk.contract: sizes of index 'i' differ (2 and 3) in 'ii->i'}}
  %a = irtk.contract %x {spec = "ii->i"} : tensor<2x3xf64> -> tensor<2xf64>
  return %a : tensor<2xf64>
}

// -----

func.func @wrong_result(%x: tensor<?x?xf32>, %y: tensor<?xf64>) -> tensor<?xf32> {
  // expected-error @+1 {{result type tensor<?xf32> does not match the inferred type tensor<?xf64>}}
  %a = irtk.contract %x, %y {spec = "ij,j->i"} : tensor<?x?xf32>, tensor<?xf64> -> tensor<?xf32>
  return %a : tensor<?xf32>
}

// -----

func.func @no_spec(%x: tensor<?xf64>) -> tensor<f64> {
  // expected-error @+1 {{property 'spec' expected in operation 'irtk.contract'}}
  %a = "irtk.contract"(%x) : (tensor<?xf64>) -> tensor<f64>
  return %a : tensor<f64>
}

// -----

func.func @two_arrows(%x: tensor<?x?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk.contract: spec 'ij->i->j' must look like 'ij,jk->ik': letters, one term per operand, '->' and the result's term}}
  %a = irtk.contract %x {spec = "ij->i->j"} : tensor<?x?xf64> -> tensor<?xf64>
  return %a : tensor<?xf64>
}
