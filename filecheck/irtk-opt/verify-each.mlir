// RUN: not irtk-opt %s --load-plugin %irtk_plugin -p demo-drop-return 2>&1 | filecheck %s --check-prefix=ON
// RUN: not irtk-opt %s --load-plugin %irtk_plugin -p demo-drop-return --verify-each=true 2>&1 | filecheck %s --check-prefix=ON
// RUN: irtk-opt %s --load-plugin %irtk_plugin -p demo-drop-return --verify-each=false | filecheck %s --check-prefix=OFF
// RUN: irtk-opt %s --load-plugin %irtk_plugin -p demo-drop-return -verify-each=0 | filecheck %s --check-prefix=OFF
// RUN: not irtk-opt %s --verify-each=maybe 2>&1 | filecheck %s --check-prefix=BAD

// The IR is verified after every pass (--verify-each, on by default, as in mlir-opt); --verify-each=false
// skips that, so a pass that leaves invalid IR behind goes unnoticed (here: a function without its return).

// ON:   verify-each.mlir:[[# @LINE + 5]]:1: error: 'func.func' op contains empty block
// ON:   the IR became invalid after pass 'demo-drop-return'
// OFF:      func.func @f(%a: f32) -> f32 {
// OFF-NEXT: }
// BAD:  irtk-opt: error: argument --verify-each: invalid boolean (true or false) value: 'maybe'
func.func @f(%a: f32) -> f32 {
  return %a : f32
}
