// RUN: irtk-opt %s | filecheck %s
// RUN: irtk-opt %s -p lower-to-structured | filecheck %s --check-prefix=STRUCTURED
// RUN: irtk-opt %s -p toy-fast-run --emit=cpp | filecheck %s --check-prefix=CPP

// toy.mul_add parses and prints through the toy dialect the entry point registers.
// CHECK: toy.mul_add %a, %b, %c : tensor<?xf64>, tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>

// Its scalar body is its lowering: one multiplication, then one addition, in one linalg.generic.
// STRUCTURED:      linalg.generic
// STRUCTURED:        %[[P:.*]] = arith.mulf
// STRUCTURED-NEXT:   %[[S:.*]] = arith.addf %[[P]]
// STRUCTURED-NEXT:   linalg.yield %[[S]] : f64

// Down to C++ through the named pipeline the plugin registers (toy-fuse-mul-add, then fast-run).
// CPP: irtk_entry
func.func @mul_add(%a: tensor<?xf64>, %b: tensor<?xf64>, %c: tensor<?xf64>) -> tensor<?xf64> {
  %r = toy.mul_add %a, %b, %c : tensor<?xf64>, tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  return %r : tensor<?xf64>
}
