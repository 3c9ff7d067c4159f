// RUN: irtk-opt %s -p lower-to-structured,fuse | filecheck %s

// A draw fuses into its consumer like any elementwise producer, even read transposed: the element numbers come
// from linalg.index, which fuse remaps to the consumer's loops (producer loop 0 is consumer loop 1), so the fused
// draw computes the very same bits. Random ops are not Pure, but their structured form is.

// CHECK-LABEL: func.func @draw_transposed(
// CHECK:         %s = linalg.generic {{.*}} ins(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %x : i64, i64, index, index, tensor<3x?xf64>) outs(%{{.*}} : tensor<?x3xf64>) {
// CHECK:           %[[I:.*]] = linalg.index 1 : index
// CHECK:           %[[J:.*]] = linalg.index 0 : index
// CHECK:           arith.mulf
// CHECK-NOT:     linalg.generic
func.func @draw_transposed(%state: tensor<2xi64>, %x: tensor<3x?xf64>) -> tensor<?x3xf64> {
  %u = irtk.random_uniform %state : tensor<2xi64> -> tensor<3x4xf64>
  %t = irtk.dimshuffle %u [1, 0] : tensor<3x4xf64> -> tensor<4x3xf64>
  %c = irtk.cast %t : tensor<4x3xf64> -> tensor<?x3xf64>
  %y = irtk.dimshuffle %x [1, 0] : tensor<3x?xf64> -> tensor<?x3xf64>
  %s = irtk.mul %c, %y : tensor<?x3xf64>, tensor<?x3xf64> -> tensor<?x3xf64>
  return %s : tensor<?x3xf64>
}
