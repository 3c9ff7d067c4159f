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

// -----

func.func @complex_cumsum(%x: tensor<?xcomplex<f64>>) -> tensor<?xcomplex<f64>> {
  // expected-error @+1 {{irtk.cumsum: complex tensors are not supported}}
  %a = irtk.cumsum %x [0] : tensor<?xcomplex<f64>> -> tensor<?xcomplex<f64>>
  return %a : tensor<?xcomplex<f64>>
}

// -----

func.func @scan_mixed(%x: tensor<?xf64>, %init: memref<?xf64>) {
  // expected-error @+1 {{irtk_ext.scan: ins and outs must both be tensors or both memrefs, got tensor<?xf64> and memref<?xf64>}}
  irtk_ext.scan dimension(0) ins(%x : tensor<?xf64>) outs(%init : memref<?xf64>) {
  ^bb0(%carry: f64, %element: f64):
    irtk_ext.yield %element : f64
  }
  return
}

// -----

func.func @scan_tensors_without_result(%x: tensor<?xf64>, %init: tensor<?xf64>) {
  // expected-error @+1 {{irtk_ext.scan: on tensors it returns its outs type}}
  "irtk_ext.scan"(%x, %init) <{dimension = 0 : i64}> ({
  ^bb0(%carry: f64, %element: f64):
    irtk_ext.yield %element : f64
  }) : (tensor<?xf64>, tensor<?xf64>) -> ()
  return
}

// -----

func.func @scan_buffers_with_result(%x: memref<?xf64>, %init: memref<?xf64>) {
  // expected-error @+1 {{irtk_ext.scan: on buffers it has no result}}
  %r = "irtk_ext.scan"(%x, %init) <{dimension = 0 : i64}> ({
  ^bb0(%carry: f64, %element: f64):
    irtk_ext.yield %element : f64
  }) : (memref<?xf64>, memref<?xf64>) -> memref<?xf64>
  return
}

// -----

func.func @scan_yield_type(%x: tensor<?xf64>, %init: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{irtk_ext.scan: the body must end in irtk_ext.yield of one f64}}
  %r = irtk_ext.scan dimension(0) ins(%x : tensor<?xf64>) outs(%init : tensor<?xf64>) {
  ^bb0(%carry: f64, %element: f64):
    %t = arith.truncf %element : f64 to f32
    irtk_ext.yield %t : f32
  } -> tensor<?xf64>
  return %r : tensor<?xf64>
}
