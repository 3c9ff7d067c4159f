// RUN: irtk-opt %s --load-plugin %irtk_plugin -p 'demo-reject{op="arith.mulf"}' --split-input-file --verify-diagnostics
// RUN: not irtk-opt %s --load-plugin %irtk_plugin -p demo-drop-return --split-input-file 2>&1 | filecheck %s --check-prefix=INVALID
// RUN: not irtk-opt %s --load-plugin %irtk_plugin -p demo-crash --split-input-file 2>&1 | filecheck %s --check-prefix=CRASH
// RUN: not irtk-opt %s --load-plugin %irtk_plugin -p demo-crash --split-input-file --show-traceback 2>&1 | filecheck %s --check-prefix=TRACE
// RUN: not irtk-opt %s --load-plugin %irtk_plugin -p demo-hoist --split-input-file 2>&1 | filecheck %s --check-prefix=HOIST

// A pass that fails is reported at the op it failed on: an irtk OpError names it; for other exceptions
// the op being rewritten is found in the traceback. An OpError is the pass's verdict on the input
// ("pass 'NAME' failed" or the pass's own message); any other exception (here a KeyError) is a bug in the
// pass and is reported as an internal error, with a note saying so (--show-traceback adds the traceback).
// IR a pass leaves invalid, including a use its definition no longer dominates, is reported by the
// verification that runs after every pass, with a note naming the pass. No Python traceback unless asked.

// TRACE:        Traceback (most recent call last):
// TRACE:        KeyError: 'no such key'
// TRACE:        pass-failures.mlir:[[# @LINE + 16]]:3: error: internal error in pass 'demo-crash': KeyError: 'no such key'
// TRACE:        irtk-opt: note: this is a bug in pass 'demo-crash', not a problem with the input{{$}}
// HOIST:        pass-failures.mlir:[[# @LINE + 16]]:3: error: 'arith.mulf' op operand #0 does not dominate this use (it is used before it is defined)
// HOIST-NEXT:     %1 = arith.mulf %0, %a : f32
// HOIST-NEXT:   {{^  \^$}}
// HOIST-NEXT:   irtk-opt: note: operand #0 is a result of 'arith.addf' at {{.*}}pass-failures.mlir:[[# @LINE + 11]]:3
// HOIST-NEXT:   irtk-opt: note: the IR became invalid after pass 'demo-hoist'
// INVALID:      pass-failures.mlir:[[# @LINE + 11]]:3: error: 'arith.mulf' op Operation arith.mulf terminates block in single-block region but is not a terminator
// INVALID-NEXT:   %1 = arith.mulf %0, %a : f32
// INVALID-NEXT: {{^  \^$}}
// INVALID-NEXT: irtk-opt: note: the IR became invalid after pass 'demo-drop-return'
// CRASH:        pass-failures.mlir:[[# @LINE + 5]]:3: error: internal error in pass 'demo-crash': KeyError: 'no such key'
// CRASH-NEXT:     %0 = arith.addf %a, %a : f32
// CRASH-NEXT:   {{^  \^$}}
// CRASH-NEXT:   irtk-opt: note: this is a bug in pass 'demo-crash', not a problem with the input; --show-traceback prints where it happened
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
