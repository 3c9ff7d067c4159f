// RUN: irtk-opt %s -p lower-to-structured,fuse | filecheck %s

// A scan is not a linalg.generic: fuse leaves it alone. Its elementwise producer and consumer stay generics of
// their own (the scan reads every input element once and carries its running value; nothing would be recomputed,
// but fusing into a scan's body is not done yet).

// CHECK-LABEL: func.func @around_a_scan(
// CHECK:         %[[E:.*]] = linalg.generic
// CHECK:           math.exp
// CHECK:         %[[C:.*]] = irtk_ext.scan dimension(0) ins(%[[E]] : tensor<?xf64>)
// CHECK:         linalg.generic {{.*}} ins(%[[C]] : tensor<?xf64>)
// CHECK:           arith.negf
func.func @around_a_scan(%x: tensor<?xf64>) -> tensor<?xf64> {
  %e = irtk.exp %x : tensor<?xf64> -> tensor<?xf64>
  %c = irtk.cumsum %e [0] : tensor<?xf64> -> tensor<?xf64>
  %n = irtk.neg %c : tensor<?xf64> -> tensor<?xf64>
  return %n : tensor<?xf64>
}
