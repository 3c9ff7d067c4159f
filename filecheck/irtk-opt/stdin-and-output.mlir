// RUN: irtk-opt < %s | filecheck %s
// RUN: irtk-opt - < %s | filecheck %s
// RUN: rm -f %t && irtk-opt %s -o %t && filecheck %s < %t
// RUN: rm -f %t.bad && not irtk-opt %s -p 'demo-reject{op="arith.subi"}' --load-plugin %irtk_plugin -o %t.bad 2>&1 < %s | filecheck %s --check-prefix=NOFILE
// RUN: not test -e %t.bad
// RUN: sed -e 's/subi %a, %a/subi %a, %zz/' %s | not irtk-opt 2>&1 | filecheck %s --check-prefix=STDIN
// RUN: not irtk-opt %s.does-not-exist 2>&1 | filecheck %s --check-prefix=MISSING

// Input comes from a file or stdin ('-' or nothing); output goes to stdout or to -o FILE, which a
// failed run does not create. Diagnostics about stdin are reported as `<stdin>`.

// CHECK:       func.func @f(%a: i32) -> i32
// CHECK-NEXT:    %{{.*}} = arith.subi %a, %a : i32
// NOFILE:      stdin-and-output.mlir:[[# @LINE + 5]]:3: error: demo-reject: refusing 'arith.subi'
// STDIN:       <stdin>:[[# @LINE + 4]]:23: error: use of undeclared SSA value name %zz
// MISSING:     irtk-opt: error: cannot open input file '{{.*}}does-not-exist': No such file or directory
// MISSING-NOT: Traceback
func.func @f(%a: i32) -> i32 {
  %0 = arith.subi %a, %a : i32
  return %0 : i32
}
