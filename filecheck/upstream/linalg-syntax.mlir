// RUN: irtk-opt %s --split-input-file --allow-unregistered-dialect | filecheck %s
// RUN: irtk-opt %s --split-input-file --allow-unregistered-dialect | irtk-opt --split-input-file --allow-unregistered-dialect | filecheck %s
// RUN: irtk-opt %s --split-input-file --allow-unregistered-dialect --print-op-generic | irtk-opt --split-input-file --allow-unregistered-dialect | filecheck %s
// RUN: %if mlir-opt %{ irtk-opt %s --split-input-file --allow-unregistered-dialect | %mlir_opt --split-input-file --allow-unregistered-dialect --verify-each | irtk-opt --split-input-file --allow-unregistered-dialect | filecheck %s %}

// MLIR's custom syntax of linalg.generic with several results: their types are written in parentheses,
// which xDSL 0.74 took for the start of a function type.

// CHECK-LABEL: func.func @generic_two_results
// CHECK:         linalg.generic {{.*}} ins(%{{.*}} : tensor<16xf32>) outs(%{{.*}}, %{{.*}} : tensor<16xf32>, tensor<16xf32>) {
// CHECK:           linalg.yield %{{.*}}, %{{.*}} : f32, f32
// CHECK-NEXT:    } -> (tensor<16xf32>, tensor<16xf32>)
func.func @generic_two_results(%a: tensor<16xf32>) -> (tensor<16xf32>, tensor<16xf32>) {
  %o = tensor.empty() : tensor<16xf32>
  %r:2 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%a : tensor<16xf32>) outs(%o, %o : tensor<16xf32>, tensor<16xf32>) {
  ^bb0(%x: f32, %y: f32, %z: f32):
    %e = arith.mulf %x, %x : f32
    %f = arith.addf %x, %x : f32
    linalg.yield %e, %f : f32, f32
  } -> (tensor<16xf32>, tensor<16xf32>)
  return %r#0, %r#1 : tensor<16xf32>, tensor<16xf32>
}

// -----

// CHECK-LABEL: func.func @generic_one_result
// CHECK:         } -> tensor<16xf32>
func.func @generic_one_result(%a: tensor<16xf32>) -> tensor<16xf32> {
  %o = tensor.empty() : tensor<16xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%a : tensor<16xf32>) outs(%o : tensor<16xf32>) {
  ^bb0(%x: f32, %y: f32):
    %e = arith.mulf %x, %x : f32
    linalg.yield %e : f32
  } -> tensor<16xf32>
  return %r : tensor<16xf32>
}
