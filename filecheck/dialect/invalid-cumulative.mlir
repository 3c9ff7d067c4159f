// RUN: irtk-opt %s --split-input-file --verify-diagnostics

// The cumulative ops take exactly one axis of their operand and give the accumulation dtype; a scan's ins, outs
// and body must agree.

func.func @two_axes(%x: tensor<?x?xf64>) -> tensor<?x?xf64> {
  // expected-error @+1 {{irtk.cumsum: expected one axis, got [0, 1]}}
  %a = irtk.cumsum %x [0, 1] : tensor<?x?xf64> -> tensor<?x?xf64>
  return %a : tensor<?x?xf64>
}

// -----

func.func @int8_accumulates_in_int64(%x: tensor<?xi8>) -> tensor<?xi8> {
  // expected-error @+1 {{irtk.cumprod: result type tensor<?xi8> does not match the inferred type tensor<?xi64>}}
  %a = irtk.cumprod %x [0] : tensor<?xi8> -> tensor<?xi8>
  return %a : tensor<?xi8>
}

// -----

func.func @axis_out_of_range(%x: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk.cumsum}}
  %a = irtk.cumsum %x [1] : tensor<?xf64> -> tensor<?xf64>
  return %a : tensor<?xf64>
}

// -----

func.func @scan_shapes_differ(%x: tensor<?xf64>, %init: tensor<3xf64>) -> tensor<3xf64> {
  // expected-error @+1 {{irtk_ext.scan: ins tensor<?xf64> and outs tensor<3xf64> must have the same shape and element type}}
  %r = irtk_ext.scan dimension(0) ins(%x : tensor<?xf64>) outs(%init : tensor<3xf64>) {
  ^bb0(%carry: f64, %element: f64):
    irtk_ext.yield %carry : f64
  } -> tensor<3xf64>
  return %r : tensor<3xf64>
}

// -----

func.func @scan_body_types(%x: tensor<?xf64>, %init: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk_ext.scan: the body takes the carry and the element, both f64}}
  %r = irtk_ext.scan dimension(0) ins(%x : tensor<?xf64>) outs(%init : tensor<?xf64>) {
  ^bb0(%carry: f32, %element: f64):
    irtk_ext.yield %element : f64
  } -> tensor<?xf64>
  return %r : tensor<?xf64>
}

// -----

func.func @scan_dimension(%x: tensor<?xf64>, %init: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk_ext.scan: dimension 1 is out of range for rank 1}}
  %r = irtk_ext.scan dimension(1) ins(%x : tensor<?xf64>) outs(%init : tensor<?xf64>) {
  ^bb0(%carry: f64, %element: f64):
    irtk_ext.yield %element : f64
  } -> tensor<?xf64>
  return %r : tensor<?xf64>
}
