// RUN: irtk-opt %s --load-plugin %irtk_plugin -p 'demo-tag{label="hot" count=3}' | filecheck %s
// RUN: irtk-opt %s --load-plugin %irtk_plugin -p 'demo-tag' | filecheck %s --check-prefix=DEFAULT
// RUN: irtk-opt %s --load-plugin %irtk_plugin --pass-pipeline 'builtin.module(demo-tag{label="a"},demo-tag{count=7})' | filecheck %s --check-prefix=LAST
// RUN: not irtk-opt %s --load-plugin %irtk_plugin -p 'cse,demo-tag{colour="red"}' 2>&1 | filecheck %s --check-prefix=BADKEY
// RUN: not irtk-opt %s --load-plugin %irtk_plugin -p 'demo-tag{count="many"}' 2>&1 | filecheck %s --check-prefix=BADTYPE
// RUN: not irtk-opt %s -p 'cse,,canonicalize' 2>&1 | filecheck %s --check-prefix=SYNTAX
// RUN: not irtk-opt %s -p 'canonicalise' 2>&1 | filecheck %s --check-prefix=UNKNOWN

// Pass options are written `pass{key=value key=value}`; values are typed by the pass's fields. Errors
// point into the pipeline string, as mlir-opt does.

// CHECK:   func.func @f() attributes {demo.label = "hot", demo.count = 3 : i64}
// DEFAULT: func.func @f() attributes {demo.label = "none", demo.count = 1 : i64}
// LAST:    func.func @f() attributes {demo.label = "none", demo.count = 7 : i64}

// BADKEY:      <pass-pipeline>:1:14: error: pass 'demo-tag' has no option 'colour'; its options are label, count
// BADKEY-NEXT: cse,demo-tag{colour="red"}
// BADKEY-NEXT: {{^             \^$}}
// BADTYPE:     <pass-pipeline>:1:10: error: invalid value for option 'count' of pass 'demo-tag' (count="many"): expected int
// SYNTAX:      <pass-pipeline>:1:5: error: invalid pass pipeline: Expected pass name here
// UNKNOWN:     <pass-pipeline>:1:1: error: 'canonicalise' does not refer to a registered pass or pass pipeline; did you mean 'canonicalize'?
func.func @f() {
  return
}
