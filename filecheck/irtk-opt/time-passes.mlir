// RUN: irtk-opt %s -p 'builtin.module(func.func(canonicalize,cse),cse)' --time-passes 2>&1 >/dev/null | filecheck %s
// RUN: irtk-opt %s --canonicalize -mlir-timing 2>&1 >/dev/null | filecheck %s --check-prefix=FLAGS
// RUN: irtk-opt %s --canonicalize --time-passes 2>/dev/null | filecheck %s --check-prefix=OUT

// --time-passes (mlir-opt's --mlir-timing) prints a wall-time report to stderr in mlir-opt's layout: one line
// per stage and per pass, a nested pipeline with its passes indented under it.

// CHECK:      ===-------------------------------------------------------------------------===
// CHECK-NEXT:                          ... Execution time report ...
// CHECK-NEXT: ===-------------------------------------------------------------------------===
// CHECK-NEXT:   Total Execution Time: {{[0-9]+\.[0-9]+}} seconds
// CHECK-EMPTY:
// CHECK-NEXT:   ----Wall Time----  ----Name----
// CHECK-NEXT:   {{ *[0-9]+\.[0-9]+ \( *[0-9.]+%\)}}  Pipeline construction
// CHECK-NEXT:   {{.*}}%)  Parser
// CHECK-NEXT:   {{.*}}%)  'func.func' Pipeline
// CHECK-NEXT:   {{.*}}%)    canonicalize
// CHECK-NEXT:   {{.*}}%)    cse
// CHECK-NEXT:   {{.*}}%)  cse
// CHECK-NEXT:   {{.*}}%)  Output
// CHECK-NEXT:   {{.*}}%)  Rest
// CHECK-NEXT:   {{.*}}(100.0%)  Total

// FLAGS:      Parser
// FLAGS-NEXT: canonicalize
// OUT-NOT:    Execution time report
// OUT:        func.func @f
func.func @f(%a: i32) -> i32 {
  return %a : i32
}
