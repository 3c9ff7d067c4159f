// RUN: irtk-opt %s | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | filecheck %s --check-prefix=GENERIC

// Comparisons, predicates and the logical/bitwise ops. A comparison or predicate returns bool (`i1`) whatever
// its operands; `and`/`or`/`xor`/`invert` keep the operands' common integer or boolean dtype; `switch` takes
// three operands and returns its branches' common dtype (the condition may be of any dtype).

// CHECK-LABEL: func.func @comparisons(
// CHECK-NEXT:    %lt = irtk.lt %x, %y : tensor<?x3xf32>, tensor<1x3xf64> -> tensor<?x3xi1>
// CHECK-NEXT:    %ge = irtk.ge %s, %i : tensor<?x3xi8>, tensor<?x3xi32> -> tensor<?x3xi1>
// CHECK-NEXT:    %eq = irtk.eq %i, %x : tensor<?x3xi32>, tensor<?x3xf32> -> tensor<?x3xi1>
// CHECK-NEXT:    %ne = irtk.neq %lt, %ge : tensor<?x3xi1>, tensor<?x3xi1> -> tensor<?x3xi1>
// CHECK-NEXT:    %nan = irtk.isnan %x : tensor<?x3xf32> -> tensor<?x3xi1>
// CHECK-NEXT:    %inf = irtk.isinf %i : tensor<?x3xi32> -> tensor<?x3xi1>
func.func @comparisons(%x: tensor<?x3xf32>, %y: tensor<1x3xf64>, %i: tensor<?x3xi32>, %s: tensor<?x3xi8>) -> (tensor<?x3xi1>, tensor<?x3xi1>, tensor<?x3xi1>, tensor<?x3xi1>, tensor<?x3xi1>) {
  %lt = irtk.lt %x, %y : tensor<?x3xf32>, tensor<1x3xf64> -> tensor<?x3xi1>
  %ge = irtk.ge %s, %i : tensor<?x3xi8>, tensor<?x3xi32> -> tensor<?x3xi1>
  %eq = irtk.eq %i, %x : tensor<?x3xi32>, tensor<?x3xf32> -> tensor<?x3xi1>
  %ne = irtk.neq %lt, %ge : tensor<?x3xi1>, tensor<?x3xi1> -> tensor<?x3xi1>
  %nan = irtk.isnan %x : tensor<?x3xf32> -> tensor<?x3xi1>
  %inf = irtk.isinf %i : tensor<?x3xi32> -> tensor<?x3xi1>
  return %eq, %lt, %ne, %nan, %inf : tensor<?x3xi1>, tensor<?x3xi1>, tensor<?x3xi1>, tensor<?x3xi1>, tensor<?x3xi1>
}

// CHECK-LABEL: func.func @bitwise(
// CHECK-NEXT:    %a = irtk.and %p, %q : tensor<?xi1>, tensor<?xi1> -> tensor<?xi1>
// CHECK-NEXT:    %o = irtk.or %i, %s : tensor<?xi16>, tensor<?xi8> -> tensor<?xi16>
// CHECK-NEXT:    %x = irtk.xor %p, %i : tensor<?xi1>, tensor<?xi16> -> tensor<?xi16>
// CHECK-NEXT:    %n = irtk.invert %s : tensor<?xi8> -> tensor<?xi8>
func.func @bitwise(%p: tensor<?xi1>, %q: tensor<?xi1>, %i: tensor<?xi16>, %s: tensor<?xi8>) -> (tensor<?xi1>, tensor<?xi16>, tensor<?xi16>, tensor<?xi8>) {
  %a = irtk.and %p, %q : tensor<?xi1>, tensor<?xi1> -> tensor<?xi1>
  %o = irtk.or %i, %s : tensor<?xi16>, tensor<?xi8> -> tensor<?xi16>
  %x = irtk.xor %p, %i : tensor<?xi1>, tensor<?xi16> -> tensor<?xi16>
  %n = irtk.invert %s : tensor<?xi8> -> tensor<?xi8>
  return %a, %o, %x, %n : tensor<?xi1>, tensor<?xi16>, tensor<?xi16>, tensor<?xi8>
}

// switch has a variadic operand list: the condition, then the two branches.
// CHECK-LABEL: func.func @switch(
// CHECK-NEXT:    %r = irtk.switch %c, %a, %b : tensor<?x1xi1>, tensor<1x?xf32>, tensor<?x?xi32> -> tensor<?x?xf64>
// CHECK-NEXT:    %s = irtk.switch %f, %a, %a : tensor<?x1xf64>, tensor<1x?xf32>, tensor<1x?xf32> -> tensor<?x?xf32>
// GENERIC-LABEL: "func.func"() <{sym_name = "switch"
// GENERIC:         %r = "irtk.switch"(%c, %a, %b) : (tensor<?x1xi1>, tensor<1x?xf32>, tensor<?x?xi32>) -> tensor<?x?xf64>
func.func @switch(%c: tensor<?x1xi1>, %f: tensor<?x1xf64>, %a: tensor<1x?xf32>, %b: tensor<?x?xi32>) -> (tensor<?x?xf64>, tensor<?x?xf32>) {
  %r = irtk.switch %c, %a, %b : tensor<?x1xi1>, tensor<1x?xf32>, tensor<?x?xi32> -> tensor<?x?xf64>
  %s = irtk.switch %f, %a, %a : tensor<?x1xf64>, tensor<1x?xf32>, tensor<1x?xf32> -> tensor<?x?xf32>
  return %r, %s : tensor<?x?xf64>, tensor<?x?xf32>
}
