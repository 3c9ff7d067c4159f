// RUN: irtk-opt %s --load-plugin %irtk_plugin -p 'demo-reject{op="arith.mulf"}' --split-input-file --verify-diagnostics
// RUN: not irtk-opt %s --load-plugin %irtk_plugin -p demo-drop-return --split-input-file 2>&1 | filecheck %s --check-prefix=INVALID
// RUN: not irtk-opt %s --load-plugin %irtk_plugin -p demo-crash --split-input-file 2>&1 | filecheck %s --check-prefix=CRASH

// A pass that fails is reported at the op it failed on: an irtk OpError names it; for other exceptions
// the op being rewritten is found in the traceback. IR a pass leaves invalid is reported by the
// verifier that runs after every pass, with a note naming the pass. Either way: no Python traceback.

// INVALID:      pass-failures.mlir:[[# @LINE + 8]]:3: error: 'arith.mulf' op Operation arith.mulf terminates block in single-block region but is not a terminator
// INVALID-NEXT:   %1 = arith.mulf %0, %a : f32
// INVALID-NEXT: {{^  \^$}}
// INVALID-NEXT: irtk-opt: note: the IR became invalid after pass 'demo-drop-return'
// CRASH:        pass-failures.mlir:[[# @LINE + 2]]:3: error: pass 'demo-crash' failed: internal error: KeyError: 'no such key'
func.func @reject(%a: f32) -> f32 {
  %0 = arith.addf %a, %a : f32
  // expected-error @+1 {{demo-reject: refusing 'arith.mulf'}}
  %1 = arith.mulf %0, %a : f32
  return %1 : f32
}

// -----

// INVALID:      pass-failures.mlir:[[# @LINE + 4]]:3: error: 'arith.subf' op Operation arith.subf terminates block
// CRASH-NOT:    error
// CRASH-NOT:    Traceback
func.func @no_mulf(%a: f32) -> f32 {
  %0 = arith.subf %a, %a : f32
  return %0 : f32
}
