// RUN: irtk-opt %s | filecheck %s
// RUN: irtk-opt %s | irtk-opt | filecheck %s
// RUN: irtk-opt %s --print-op-generic | irtk-opt | filecheck %s
// RUN: %if mlir-opt %{ irtk-opt %s | %mlir_opt --verify-each | filecheck %s --check-prefix=MLIR %}

// Upstream arith IR, written as MLIR's own tests write it, survives irtk-opt unchanged: custom and
// generic form, and mlir-opt accepts what irtk-opt prints.

// CHECK-LABEL: func.func @integer_ops
// MLIR-LABEL:  func.func @integer_ops
func.func @integer_ops(%a: i32, %b: i32) -> i32 {
  // CHECK: %{{.*}} = arith.addi %a, %b : i32
  // CHECK: %{{.*}} = arith.subi %{{.*}}, %b : i32
  // CHECK: %{{.*}} = arith.muli %{{.*}}, %a : i32
  // CHECK: %{{.*}} = arith.divsi %{{.*}}, %b : i32
  // CHECK: %{{.*}} = arith.remsi %{{.*}}, %b : i32
  // CHECK: %{{.*}} = arith.andi %{{.*}}, %a : i32
  // CHECK: %{{.*}} = arith.ori %{{.*}}, %b : i32
  // CHECK: %{{.*}} = arith.xori %{{.*}}, %a : i32
  // CHECK: %{{.*}} = arith.shli %{{.*}}, %b : i32
  // CHECK: %{{.*}} = arith.minsi %{{.*}}, %a : i32
  // CHECK: %{{.*}} = arith.maxsi %{{.*}}, %b : i32
  // MLIR: arith.maxsi
  %0 = arith.addi %a, %b : i32
  %1 = arith.subi %0, %b : i32
  %2 = arith.muli %1, %a : i32
  %3 = arith.divsi %2, %b : i32
  %4 = arith.remsi %3, %b : i32
  %5 = arith.andi %4, %a : i32
  %6 = arith.ori %5, %b : i32
  %7 = arith.xori %6, %a : i32
  %8 = arith.shli %7, %b : i32
  %9 = arith.minsi %8, %a : i32
  %10 = arith.maxsi %9, %b : i32
  return %10 : i32
}

// CHECK-LABEL: func.func @float_ops
func.func @float_ops(%a: f64, %b: f64) -> f64 {
  // CHECK: %{{.*}} = arith.addf %a, %b : f64
  // CHECK: %{{.*}} = arith.mulf %{{.*}}, %b fastmath<fast> : f64
  // CHECK: %{{.*}} = arith.divf %{{.*}}, %a : f64
  // CHECK: %{{.*}} = arith.negf %{{.*}} : f64
  // CHECK: %{{.*}} = arith.maximumf %{{.*}}, %b : f64
  %0 = arith.addf %a, %b : f64
  %1 = arith.mulf %0, %b fastmath<fast> : f64
  %2 = arith.divf %1, %a : f64
  %3 = arith.negf %2 : f64
  %4 = arith.maximumf %3, %b : f64
  return %4 : f64
}

// CHECK-LABEL: func.func @constants_compare_select
func.func @constants_compare_select(%a: index, %x: f32) -> (i1, f32, index) {
  // CHECK: %{{.*}} = arith.constant 42 : index
  // CHECK: %{{.*}} = arith.constant 1.500000e+00 : f32
  // CHECK: %{{.*}} = arith.constant true
  // CHECK: %{{.*}} = arith.constant dense<0.000000e+00> : tensor<4xf32>
  // CHECK: %{{.*}} = arith.cmpi slt, %a, %{{.*}} : index
  // CHECK: %{{.*}} = arith.cmpf ogt, %x, %{{.*}} : f32
  // CHECK: %{{.*}} = arith.select %{{.*}}, %x, %{{.*}} : f32
  // MLIR: arith.cmpf ogt
  %c42 = arith.constant 42 : index
  %cst = arith.constant 1.5 : f32
  %true = arith.constant true
  %zeros = arith.constant dense<0.0> : tensor<4xf32>
  %lt = arith.cmpi slt, %a, %c42 : index
  %gt = arith.cmpf ogt, %x, %cst : f32
  %s = arith.select %gt, %x, %cst : f32
  %both = arith.andi %lt, %true : i1
  return %both, %s, %c42 : i1, f32, index
}

// CHECK-LABEL: func.func @casts
func.func @casts(%i: i32, %f: f32, %n: index) -> (f64, i64, index, i32, f32, i16) {
  // CHECK: %{{.*}} = arith.sitofp %i : i32 to f64
  // CHECK: %{{.*}} = arith.fptosi %f : f32 to i64
  // CHECK: %{{.*}} = arith.index_cast %i : i32 to index
  // CHECK: %{{.*}} = arith.index_cast %n : index to i32
  // CHECK: %{{.*}} = arith.extf %f : f32 to f64
  // CHECK: %{{.*}} = arith.truncf %{{.*}} : f64 to f32
  // CHECK: %{{.*}} = arith.trunci %i : i32 to i16
  // MLIR: arith.trunci
  %0 = arith.sitofp %i : i32 to f64
  %1 = arith.fptosi %f : f32 to i64
  %2 = arith.index_cast %i : i32 to index
  %3 = arith.index_cast %n : index to i32
  %4 = arith.extf %f : f32 to f64
  %5 = arith.truncf %4 : f64 to f32
  %6 = arith.trunci %i : i32 to i16
  return %0, %1, %2, %3, %5, %6 : f64, i64, index, i32, f32, i16
}
