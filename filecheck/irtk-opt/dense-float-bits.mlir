// RUN: irtk-opt %s | filecheck %s
// RUN: irtk-opt %s | irtk-opt | filecheck %s
// RUN: %if mlir-opt %{ irtk-opt %s --print-op-generic | %mlir_opt --allow-unregistered-dialect | filecheck %s --check-prefix=MLIR %}

// Inside a float `dense<...>`, a hexadecimal element is the bit pattern of the float, as in MLIR. It is how
// NaN, the infinities and some large values are printed, so irtk-opt must read it back as bits: printing
// and re-reading (`irtk-opt x.mlir | irtk-opt`) keeps every element bit for bit, NaN payloads and signs
// included, and mlir-opt reads the same values. Integer element types keep reading hex as integers.

// CHECK-LABEL: func.func @special_values
// CHECK:      irtk.constant dense<[0x7ff8000000000000, 0x7ff0000000000000, 0xfff0000000000000, 0xfff8000000000000, 0x7ff0000000000001, -0.000000e+00]> : tensor<6xf64>
// CHECK:      arith.constant dense<[0x7fc00000, 0xff800000, 1.500000e+00]> : tensor<3xf32>
// CHECK:      arith.constant dense<{{\[}}[0x7ff8000000000000, 0x7ff8000000000000], [0x7ff8000000000000, 0x7ff8000000000000]]> : tensor<2x2xf64>
// CHECK:      arith.constant dense<0x4345EE2A2EB5A5C4> : tensor<1xf64>
// CHECK:      arith.constant dense<[16, 255]> : tensor<2xi32>
// MLIR-LABEL: func.func @special_values
// MLIR:       dense<[0x7FF8000000000000, 0x7FF0000000000000, 0xFFF0000000000000, 0xFFF8000000000000, 0x7FF0000000000001, -0.000000e+00]> : tensor<6xf64>
// MLIR:       dense<[0x7FC00000, 0xFF800000, 1.500000e+00]> : tensor<3xf32>
// MLIR:       dense<0x7FF8000000000000> : tensor<2x2xf64>
// MLIR:       dense<0x4345EE2A2EB5A5C4> : tensor<1xf64>
// MLIR:       dense<[16, 255]> : tensor<2xi32>
func.func @special_values() -> (tensor<6xf64>, tensor<3xf32>, tensor<2x2xf64>, tensor<1xf64>, tensor<2xi32>) {
  %a = irtk.constant dense<[0x7FF8000000000000, 0x7FF0000000000000, 0xFFF0000000000000, 0xFFF8000000000000, 0x7FF0000000000001, -0.0]> : tensor<6xf64>
  %b = arith.constant dense<[0x7FC00000, 0xFF800000, 1.5]> : tensor<3xf32>
  %c = arith.constant dense<0x7FF8000000000000> : tensor<2x2xf64>
  %d = arith.constant dense<[12345678901234568.0]> : tensor<1xf64>
  %e = arith.constant dense<[0x10, 0xFF]> : tensor<2xi32>
  return %a, %b, %c, %d, %e : tensor<6xf64>, tensor<3xf32>, tensor<2x2xf64>, tensor<1xf64>, tensor<2xi32>
}
