// RUN: irtk-opt %s --split-input-file -p lower-to-structured,fuse | filecheck %s
// RUN: irtk-opt %s --split-input-file -p "lower-to-structured,fuse{recompute-limit=10}" | filecheck %s --check-prefix=RECOMPUTE

// Row softmax, exp(m - max) / sum(exp(m - max)). The ?x1 copies of the max and of the sum fuse away (both
// later nests read them at (d0)). `e` has two uses and costs 9 units (subf 1 + exp 8): computing it twice
// would cost 9 more per element, above the default recompute-limit of 4, so it is stored: four nests (max; e;
// sum of e; e / sum), exp computed once per element.
// CHECK-LABEL: func.func @softmax(
// CHECK:         %mx = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins(%m : tensor<?x?xf64>)
// CHECK:           arith.maximumf
// CHECK:         %e = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%m, %mx : tensor<?x?xf64>, tensor<?xf64>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f64, %[[MAX:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[D:.*]] = arith.subf %[[X]], %[[MAX]] : f64
// CHECK-NEXT:      %[[E:.*]] = math.exp %[[D]] : f64
// CHECK-NEXT:      linalg.yield %[[E]] : f64
// CHECK:         %s = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins(%e : tensor<?x?xf64>)
// CHECK-NOT:       math.exp
// CHECK:         %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// CHECK-SAME:      ins(%e, %s : tensor<?x?xf64>, tensor<?xf64>)
// CHECK-NOT:       math.exp
// CHECK:         func.return %r

// With recompute-limit=10, computing e twice is allowed: three nests reading m (max; sum of exp(m - max);
// exp(m - max) / sum), nothing stored but the row statistics, each element's ops in the same order.
// RECOMPUTE-LABEL: func.func @softmax(
// RECOMPUTE:         %mx = linalg.generic {{.*}} iterator_types = ["parallel", "reduction"]} ins(%m : tensor<?x?xf64>)
// RECOMPUTE:         %s = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]}
// RECOMPUTE-SAME:      ins(%m, %mx : tensor<?x?xf64>, tensor<?xf64>)
// RECOMPUTE-NEXT:    ^bb0(%[[X:.*]]: f64, %[[MAX:.*]]: f64, %[[A:.*]]: f64):
// RECOMPUTE-NEXT:      %[[D:.*]] = arith.subf %[[X]], %[[MAX]] : f64
// RECOMPUTE-NEXT:      %[[E:.*]] = math.exp %[[D]] : f64
// RECOMPUTE-NEXT:      %[[S:.*]] = arith.addf %[[A]], %[[E]] : f64
// RECOMPUTE-NEXT:      linalg.yield %[[S]] : f64
// RECOMPUTE:         %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]}
// RECOMPUTE-SAME:      ins(%m, %mx, %s : tensor<?x?xf64>, tensor<?xf64>, tensor<?xf64>)
// RECOMPUTE-NEXT:    ^bb0(%[[X2:.*]]: f64, %[[MAX2:.*]]: f64, %[[SUM:.*]]: f64, %{{.*}}: f64):
// RECOMPUTE-NEXT:      %[[D2:.*]] = arith.subf %[[X2]], %[[MAX2]] : f64
// RECOMPUTE-NEXT:      %[[E2:.*]] = math.exp %[[D2]] : f64
// RECOMPUTE-NEXT:      %[[Q:.*]] = arith.divf %[[E2]], %[[SUM]] : f64
// RECOMPUTE-NEXT:      linalg.yield %[[Q]] : f64
// RECOMPUTE-NOT:     linalg.generic
// RECOMPUTE:         func.return %r
func.func @softmax(%m: tensor<?x?xf64>) -> tensor<?x?xf64> {
  %mx = irtk.max %m [1] : tensor<?x?xf64> -> tensor<?xf64>
  %c = irtk.dimshuffle %mx [0, x] : tensor<?xf64> -> tensor<?x1xf64>
  %d = irtk.sub %m, %c : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  %e = irtk.exp %d : tensor<?x?xf64> -> tensor<?x?xf64>
  %s = irtk.sum %e [1] : tensor<?x?xf64> -> tensor<?xf64>
  %sc = irtk.dimshuffle %s [0, x] : tensor<?xf64> -> tensor<?x1xf64>
  %r = irtk.div %e, %sc : tensor<?x?xf64>, tensor<?x1xf64> -> tensor<?x?xf64>
  return %r : tensor<?x?xf64>
}

// -----

// A cheap producer with several uses is computed in each: `x - y` (cost 1) is read by the sum and twice by the
// product, 3 evaluations per element, 2 units of extra work, within the default limit of 4. Two nests, no
// temporary for d.
// CHECK-LABEL: func.func @cheap_multi_use(
// CHECK:         %s = linalg.generic {{.*}} iterator_types = ["reduction"]} ins(%x, %y : tensor<?xf64>, tensor<?xf64>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: f64, %[[Y:.*]]: f64, %[[A:.*]]: f64):
// CHECK-NEXT:      %[[D:.*]] = arith.subf %[[X]], %[[Y]] : f64
// CHECK-NEXT:      arith.addf %[[A]], %[[D]] : f64
// CHECK:         %n = linalg.generic {{.*}} iterator_types = ["parallel"]} ins(%x, %y, %x, %y : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>, tensor<?xf64>)
// CHECK-NEXT:    ^bb0(%[[X1:.*]]: f64, %[[Y1:.*]]: f64, %[[X2:.*]]: f64, %[[Y2:.*]]: f64, %{{.*}}: f64):
// CHECK-NEXT:      %[[D1:.*]] = arith.subf %[[X1]], %[[Y1]] : f64
// CHECK-NEXT:      %[[D2:.*]] = arith.subf %[[X2]], %[[Y2]] : f64
// CHECK-NEXT:      arith.mulf %[[D1]], %[[D2]] : f64
// CHECK-NOT:     linalg.generic
// CHECK:         func.return %s, %n
// With recompute-limit=10 the same.
// RECOMPUTE-LABEL: func.func @cheap_multi_use(
// RECOMPUTE-COUNT-2: linalg.generic
// RECOMPUTE-NOT:     linalg.generic
func.func @cheap_multi_use(%x: tensor<?xf64>, %y: tensor<?xf64>) -> (tensor<f64>, tensor<?xf64>) {
  %d = irtk.sub %x, %y : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  %s = irtk.sum %d [0] : tensor<?xf64> -> tensor<f64>
  %n = irtk.mul %d, %d : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  return %s, %n : tensor<f64>, tensor<?xf64>
}
