// RUN: irtk-opt %s -p 'canonicalize{max-iterations=10 region-simplify=disabled}' | filecheck %s --check-prefix=KEEP
// RUN: irtk-opt %s -p 'canonicalize{max-iterations=-1 max-num-rewrites=100 region-simplify=aggressive top-down=false}' | filecheck %s
// RUN: irtk-opt %s '--canonicalize=max-iterations=2 test-convergence' | filecheck %s
// RUN: not irtk-opt %s -p 'canonicalize{max-iterations=1 test-convergence=true}' 2>&1 | filecheck %s --check-prefix=NOFIX
// RUN: not irtk-opt %s -p 'canonicalize{max-iteration=3}' 2>&1 | filecheck %s --check-prefix=NAME
// RUN: not irtk-opt %s -p 'canonicalize{top-down=false region-simplify=sometimes}' 2>&1 | filecheck %s --check-prefix=CHOICE
// RUN: not irtk-opt %s -p 'canonicalize{max-iterations=0}' 2>&1 | filecheck %s --check-prefix=ZERO
// RUN: not irtk-opt %s -p 'cse{max-iterations=3}' 2>&1 | filecheck %s --check-prefix=NONE
// RUN: %if mlir-opt %{ %mlir_opt %s -pass-pipeline='builtin.module(canonicalize{max-iterations=2 test-convergence})' > /dev/null %}

// canonicalize takes mlir-opt's options, with their names and defaults: max-iterations (10; -1 for no
// limit), max-num-rewrites (rewrites per sweep; -1), region-simplify (disabled, normal, aggressive),
// test-convergence (fail without a fixed point), top-down (true). A bad option is reported at the option,
// with the pass, the option and the valid choices named.

// CHECK-LABEL: func.func @f(%a: i32) -> i32 {
// CHECK-NEXT:    func.return %a : i32
// CHECK-NEXT:  }
// With region-simplify=disabled the unreachable block stays.
// KEEP-LABEL:  func.func @f(%a: i32) -> i32 {
// KEEP-NEXT:     func.return %a : i32
// KEEP-NEXT:   ^{{bb[0-9]+}}:
// KEEP-NEXT:     func.return %a : i32

// NOFIX:      canonicalize-options.mlir:1:1: error: canonicalize: no fixed point within max-iterations=1 and max-num-rewrites=-1
// NAME:       <pass-pipeline>:1:14: error: pass 'canonicalize' has no option 'max-iteration'; did you mean 'max-iterations'? its options are max-iterations, max-num-rewrites, region-simplify, test-convergence, top-down
// NAME-NEXT:  canonicalize{max-iteration=3}
// NAME-NEXT:  {{^             \^$}}
// CHOICE:     <pass-pipeline>:1:29: error: invalid value for option 'region-simplify' of pass 'canonicalize' (region-simplify="sometimes"): region-simplify must be one of disabled, normal, aggressive, not 'sometimes'
// ZERO:       <pass-pipeline>:1:14: error: invalid value for option 'max-iterations' of pass 'canonicalize' (max-iterations=0): max-iterations must be positive or -1 (no limit), not 0
// NONE:       <pass-pipeline>:1:5: error: pass 'cse' has no option 'max-iterations'; it takes no options
func.func @f(%a: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %b = arith.addi %a, %c0 : i32
  return %b : i32
^bb0:
  return %a : i32
}
