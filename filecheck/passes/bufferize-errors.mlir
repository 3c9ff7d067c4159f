// RUN: irtk-opt %s --split-input-file --verify-diagnostics -p bufferize

// bufferize knows the ops lower-to-structured and fuse produce; any other op on tensors is refused, at
// the op.

func.func @unsupported(%x: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{bufferize: tensor.cast on tensors is not supported}}
  %c = tensor.cast %x : tensor<?xf64> to tensor<?xf64>
  return %c : tensor<?xf64>
}

// -----

// An irtk op left over (lower-to-structured did not run) is refused the same way.
func.func @irtk_left(%x: tensor<?xf64>) -> tensor<?xf64> {
  // expected-error @+1 {{bufferize: irtk.neg on tensors is not supported}}
  %n = irtk.neg %x : tensor<?xf64> -> tensor<?xf64>
  return %n : tensor<?xf64>
}

// -----

// expected-error @+1 {{bufferize: @two_blocks has 2 blocks; only single-block functions are supported}}
func.func @two_blocks(%a: tensor<?xf64>) -> tensor<?xf64> {
  cf.br ^next
^next:
  func.return %a : tensor<?xf64>
}
