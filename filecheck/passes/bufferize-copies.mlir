// RUN: irtk-opt %s --split-input-file -p lower-to-structured,bufferize | filecheck %s

// Every result is a buffer the function allocated, so ownership passes to the caller: a returned argument,
// a returned constant and a value returned twice are copied into fresh buffers first. Constants become
// private memref.globals read with memref.get_global.

// CHECK-LABEL: builtin.module {
// CHECK-NEXT:    "memref.global"() <{sym_name = "__constant_0", type = memref<3xf64>, initial_value = dense<[1.000000e+00, 2.000000e+00, 3.000000e+00]> : tensor<3xf64>, sym_visibility = "private", constant}> : () -> ()
// CHECK-LABEL: func.func @returns(
// CHECK-SAME:    %x: memref<?xf64>) -> (memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<3xf64>) {
// CHECK:         %[[NEG:.*]] = memref.alloc(%{{.*}}) : memref<?xf64>
// CHECK:         %[[C:.*]] = memref.get_global @__constant_0 : memref<3xf64>
// CHECK:         %[[XN:.*]] = memref.dim %x, %{{.*}} : memref<?xf64>
// CHECK-NEXT:    %[[XCOPY:.*]] = memref.alloc(%[[XN]]) : memref<?xf64>
// CHECK-NEXT:    "memref.copy"(%x, %[[XCOPY]]) : (memref<?xf64>, memref<?xf64>) -> ()
// CHECK:         %[[NN:.*]] = memref.dim %[[NEG]], %{{.*}} : memref<?xf64>
// CHECK-NEXT:    %[[NCOPY:.*]] = memref.alloc(%[[NN]]) : memref<?xf64>
// CHECK-NEXT:    "memref.copy"(%[[NEG]], %[[NCOPY]]) : (memref<?xf64>, memref<?xf64>) -> ()
// CHECK-NEXT:    %[[CCOPY:.*]] = memref.alloc() : memref<3xf64>
// CHECK-NEXT:    "memref.copy"(%[[C]], %[[CCOPY]]) : (memref<3xf64>, memref<3xf64>) -> ()
// CHECK-NOT:     memref.dealloc
// CHECK-NEXT:    func.return %[[XCOPY]], %[[NEG]], %[[NCOPY]], %[[CCOPY]] : memref<?xf64>, memref<?xf64>, memref<?xf64>, memref<3xf64>
func.func @returns(%x: tensor<?xf64>) -> (tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<3xf64>) {
  %n = irtk.neg %x : tensor<?xf64> -> tensor<?xf64>
  %c = irtk.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf64>
  return %x, %n, %n, %c : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<3xf64>
}

// -----

// A dense constant operand is read from its global directly (not copied); each constant gets its own.
// CHECK-LABEL: builtin.module {
// CHECK-DAG:     "memref.global"() <{sym_name = "__constant_0", type = memref<1x3xf64>, initial_value = dense<{{\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00]]> : tensor<1x3xf64>, sym_visibility = "private", constant}>
// CHECK-DAG:     "memref.global"() <{sym_name = "__constant_1", type = memref<1x3xf64>, initial_value = dense<{{\[\[}}4.000000e+00, 5.000000e+00, 6.000000e+00]]> : tensor<1x3xf64>, sym_visibility = "private", constant}>
// CHECK-LABEL: func.func @constant_operands(
// CHECK:         %[[C0:.*]] = memref.get_global @__constant_0 : memref<1x3xf64>
// CHECK:         linalg.generic {{.*}} ins(%[[C0]], %x : memref<1x3xf64>, memref<?x3xf64>)
// CHECK:         %[[C1:.*]] = memref.get_global @__constant_1 : memref<1x3xf64>
// CHECK:         linalg.generic {{.*}} ins(%{{.*}}, %[[C1]] : memref<?x3xf64>, memref<1x3xf64>)
// CHECK-NOT:     memref.copy
// CHECK:         func.return
func.func @constant_operands(%x: tensor<?x3xf64>) -> tensor<?x3xf64> {
  %d = irtk.constant dense<[[1.0, 2.0, 3.0]]> : tensor<1x3xf64>
  %b = irtk.add %d, %x : tensor<1x3xf64>, tensor<?x3xf64> -> tensor<?x3xf64>
  %i = irtk.constant dense<[[4.0, 5.0, 6.0]]> : tensor<1x3xf64>
  %c = irtk.mul %b, %i : tensor<?x3xf64>, tensor<1x3xf64> -> tensor<?x3xf64>
  return %c : tensor<?x3xf64>
}
