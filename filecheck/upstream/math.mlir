// RUN: irtk-opt %s | filecheck %s
// RUN: irtk-opt %s | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | irtk-opt | filecheck %s
// RUN: %if mlir-opt %{ irtk-opt %s | %mlir_opt --verify-each | filecheck %s --check-prefix=MLIR %}

// Upstream math IR on scalars, the forms the loop level uses.

// CHECK-LABEL: func.func @unary(%x: f64) -> f64
// CHECK:         %{{.*}} = math.exp %x : f64
// CHECK-NEXT:    %{{.*}} = math.log %{{.*}} : f64
// CHECK-NEXT:    %{{.*}} = math.sqrt %{{.*}} : f64
// CHECK-NEXT:    %{{.*}} = math.tanh %{{.*}} : f64
// CHECK-NEXT:    %{{.*}} = math.absf %{{.*}} : f64
// CHECK-NEXT:    %{{.*}} = math.sin %{{.*}} : f64
// CHECK-NEXT:    %{{.*}} = math.cos %{{.*}} fastmath<nnan> : f64
// CHECK-NEXT:    %{{.*}} = math.floor %{{.*}} : f64
// MLIR-LABEL:  func.func @unary
// MLIR:          math.cos %{{.*}} fastmath<nnan> : f64
func.func @unary(%x: f64) -> f64 {
  %0 = math.exp %x : f64
  %1 = math.log %0 : f64
  %2 = math.sqrt %1 : f64
  %3 = math.tanh %2 : f64
  %4 = math.absf %3 : f64
  %5 = math.sin %4 : f64
  %6 = math.cos %5 fastmath<nnan> : f64
  %7 = math.floor %6 : f64
  return %7 : f64
}

// CHECK-LABEL: func.func @binary(%x: f32, %y: f32, %z: f32) -> f32
// CHECK:         %{{.*}} = math.powf %x, %y : f32
// CHECK-NEXT:    %{{.*}} = math.atan2 %{{.*}}, %z : f32
// CHECK-NEXT:    %{{.*}} = math.fma %{{.*}}, %y, %z : f32
func.func @binary(%x: f32, %y: f32, %z: f32) -> f32 {
  %0 = math.powf %x, %y : f32
  %1 = math.atan2 %0, %z : f32
  %2 = math.fma %1, %y, %z : f32
  return %2 : f32
}
