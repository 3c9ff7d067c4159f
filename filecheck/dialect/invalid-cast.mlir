// RUN: irtk-opt %s --split-input-file --verify-diagnostics

// `irtk.cast` changes the dtype only: the shape must stay exactly the same.

func.func @changes_size(%x: tensor<3xf64>) -> tensor<4xf32> {
  // expected-error @+1 {{'irtk.cast' op irtk.cast: shape changes from tensor<3xf64> to tensor<4xf32>}}
  %a = irtk.cast %x : tensor<3xf64> -> tensor<4xf32>
  return %a : tensor<4xf32>
}

// -----

func.func @changes_rank(%x: tensor<?xf64>) -> tensor<?x1xf64> {
  // expected-error @+1 {{irtk.cast: shape changes from tensor<?xf64> to tensor<?x1xf64>}}
  %a = irtk.cast %x : tensor<?xf64> -> tensor<?x1xf64>
  return %a : tensor<?x1xf64>
}

// -----

func.func @makes_static(%x: tensor<?xf64>) -> tensor<2xi32> {
  // expected-error @+1 {{irtk.cast: shape changes from tensor<?xf64> to tensor<2xi32>}}
  %a = irtk.cast %x : tensor<?xf64> -> tensor<2xi32>
  return %a : tensor<2xi32>
}

// -----

func.func @unsupported_result_dtype(%x: tensor<?xf64>) -> tensor<?xbf16> {
  // expected-error @+1 {{irtk does not support element type bf16}}
  %a = irtk.cast %x : tensor<?xf64> -> tensor<?xbf16>
  return %a : tensor<?xbf16>
}
