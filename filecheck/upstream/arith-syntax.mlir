// RUN: irtk-opt %s --allow-unregistered-dialect | filecheck %s
// RUN: irtk-opt %s --allow-unregistered-dialect --print-op-generic | irtk-opt --allow-unregistered-dialect | filecheck %s
// RUN: %if mlir-opt %{ irtk-opt %s --allow-unregistered-dialect | %mlir_opt --allow-unregistered-dialect --verify-each | filecheck %s --check-prefix=MLIR %}
// RUN: %if mlir-opt %{ %mlir_opt %s --allow-unregistered-dialect --mlir-print-op-generic | irtk-opt --allow-unregistered-dialect | filecheck %s %}

// arith as MLIR 22 prints it, in custom and generic form: `arith.trunci` carries overflow flags (irtk's
// TruncIOp in irtk/dialects/upstream/arith.py; xDSL 0.74's has none, and mlir-opt's generic form always
// prints them), and the forms mlir-opt's canonicalize prints (true/false, hex floats, overflow and fastmath
// flags, splats) read back.

// CHECK-LABEL: func.func @trunci_flags
// CHECK:         %{{.*}} = arith.trunci %{{.*}} : i32 to i8
// CHECK:         %{{.*}} = arith.trunci %{{.*}} overflow<nsw,nuw> : i32 to i16
// CHECK:         %{{.*}} = arith.trunci %{{.*}} overflow<nuw> : i32 to i8
// MLIR-LABEL:  func.func @trunci_flags
// MLIR:          arith.trunci %{{.*}} : i32 to i8
// MLIR:          arith.trunci %{{.*}} overflow<nsw, nuw> : i32 to i16
// MLIR:          arith.trunci %{{.*}} overflow<nuw> : i32 to i8
func.func @trunci_flags(%a: i32) {
  %0 = arith.trunci %a : i32 to i8
  %1 = arith.trunci %a overflow<nsw, nuw> : i32 to i16
  %2 = "arith.trunci"(%a) <{overflowFlags = #arith.overflow<nuw>}> : (i32) -> i8
  "test.use"(%0, %1, %2) : (i8, i16, i8) -> ()
  return
}

// CHECK-LABEL: func.func @printed_forms
// CHECK:         %{{.*}} = arith.constant true
// CHECK:         %{{.*}} = arith.constant 0x7fc00000 : f32
// CHECK:         %{{.*}} = arith.constant 0xff800000 : f32
// CHECK:         %{{.*}} = arith.constant dense<7> : vector<4xi32>
// CHECK:         %{{.*}} = arith.addi %{{.*}}, %{{.*}} overflow<nsw> : i32
// CHECK:         %{{.*}} = arith.addf %{{.*}}, %{{.*}} fastmath<nnan,ninf> : f32
// CHECK:         %{{.*}} = arith.cmpf uno, %{{.*}}, %{{.*}} : f32
// MLIR-LABEL:  func.func @printed_forms
// MLIR:          arith.cmpf uno
func.func @printed_forms(%b: i32) {
  %t = arith.constant true
  %n = arith.constant 0x7FC00000 : f32
  %m = arith.constant 0xFF800000 : f32
  %v = arith.constant dense<7> : vector<4xi32>
  %0 = arith.addi %b, %b overflow<nsw> : i32
  %1 = arith.addf %n, %m fastmath<nnan, ninf> : f32
  %2 = arith.cmpf uno, %n, %m : f32
  "test.use"(%t, %v, %0, %1, %2) : (i1, vector<4xi32>, i32, f32, i1) -> ()
  return
}
