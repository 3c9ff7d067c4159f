// RUN: irtk-opt %s -p lower-to-loops --split-input-file --verify-diagnostics

// lower-to-loops refuses, at the op, a linalg op it cannot turn into loops, and says why.

func.func @on_tensors(%a: tensor<4xf64>, %init: tensor<4xf64>) -> tensor<4xf64> {
  // expected-error @+1 {{lower-to-loops: cannot convert linalg.generic: it works on tensors (run bufferize first)}}
  %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
      ins(%a : tensor<4xf64>) outs(%init : tensor<4xf64>) {
  ^bb0(%x: f64, %o: f64):
    linalg.yield %x : f64
  } -> tensor<4xf64>
  func.return %r : tensor<4xf64>
}

// -----

// An indexing map result other than a loop dimension or a constant (a sliding window here).
func.func @sliding_window(%a: memref<8xf64>, %w: memref<3xf64>, %out: memref<6xf64>) {
  // expected-error @+1 {{lower-to-loops: cannot convert linalg.generic: operand #0 is indexed by (d0 + d1), neither a loop dimension nor a constant}}
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0 + d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0)>],
                  iterator_types = ["parallel", "reduction"]}
      ins(%a, %w : memref<8xf64>, memref<3xf64>) outs(%out : memref<6xf64>) {
  ^bb0(%x: f64, %y: f64, %acc: f64):
    %p = arith.mulf %x, %y : f64
    %s = arith.addf %acc, %p : f64
    linalg.yield %s : f64
  }
  func.return
}

// -----

// A linalg op that is not a structured op (bufferize never produces linalg.reduce).
func.func @named_reduce(%a: memref<4x5xf64>, %out: memref<4xf64>) {
  // expected-error @+1 {{lower-to-loops: cannot convert linalg.reduce: it is not a structured op}}
  linalg.reduce ins(%a : memref<4x5xf64>) outs(%out : memref<4xf64>) dimensions = [1]
    (%x: f64, %acc: f64) {
      %s = arith.addf %acc, %x : f64
      linalg.yield %s : f64
    }
  func.return
}
