// RUN: irtk-opt %s | filecheck %s
// RUN: irtk-opt %s | irtk-opt | filecheck %s
// RUN: %if mlir-opt %{ irtk-opt %s --print-op-generic | %mlir_opt --allow-unregistered-dialect | filecheck %s --check-prefix=MLIR %}

// The parts of a complex element of a `dense<...>` are read like float elements: a hexadecimal part is the bit
// pattern of a float (NaN and the infinities are printed so), the other part a number, as MLIR reads them.
// Printing and re-reading keeps every part bit for bit, NaN payloads and signed zeros included.

// CHECK-LABEL: func.func @special_parts
// CHECK:      irtk.constant dense<[(1.000000e+00,0x7fc00000), (0x7f800000,-0.000000e+00), (1.500000e+00,2.500000e+00)]> : tensor<3xcomplex<f32>>
// CHECK:      arith.constant dense<[(0x7ff8000000000001,1.000000e+00), (0xfff0000000000000,-2.000000e+00)]> : tensor<2xcomplex<f64>>
// CHECK:      irtk.constant dense<(1.000000e+00,2.000000e+00)> : tensor<1xcomplex<f64>>
// MLIR-LABEL: func.func @special_parts
// MLIR:       dense<[(1.000000e+00,0x7FC00000), (0x7F800000,-0.000000e+00), (1.500000e+00,2.500000e+00)]> : tensor<3xcomplex<f32>>
// MLIR:       dense<[(0x7FF8000000000001,1.000000e+00), (0xFFF0000000000000,-2.000000e+00)]> : tensor<2xcomplex<f64>>
func.func @special_parts() -> (tensor<3xcomplex<f32>>, tensor<2xcomplex<f64>>, tensor<1xcomplex<f64>>) {
  %a = irtk.constant dense<[(1.0, 0x7FC00000), (0x7F800000, -0.0), (1.5, 2.5)]> : tensor<3xcomplex<f32>>
  %b = arith.constant dense<[(0x7FF8000000000001, 1.0), (0xFFF0000000000000, -2.0)]> : tensor<2xcomplex<f64>>
  %c = irtk.constant dense<(1, 2)> : tensor<1xcomplex<f64>>
  return %a, %b, %c : tensor<3xcomplex<f32>>, tensor<2xcomplex<f64>>, tensor<1xcomplex<f64>>
}
