// RUN: irtk-opt %s -p fast-run | filecheck %s
// RUN: irtk-opt %s -p fast-run | grep -E '^    ([^ ]+ = )?("scf\.parallel"|scf\.(for|if)|irtk_blas\.gemm)' | filecheck %s --check-prefix=NESTS
// RUN: irtk-opt %s -p fast-run --emit=cpp | filecheck %s --check-prefix=CPP

// W2 (benchmarks/workloads.py): `exp(x) * y + tanh(z) * 0.5 - x * x` on float64 vectors, as the frontend builds
// it (`f.tensor_ir`). The seven ops are ONE loop nest: a parallel loop that reads x, y and z once each and writes
// the result, nothing else (no temporary, no second nest).

// NESTS:      "scf.parallel"(%c0,
// NESTS-NOT:  {{^    }}

// CHECK-LABEL: func.func @main(
// CHECK-SAME:    %x: memref<?xf64>, %y: memref<?xf64>, %z: memref<?xf64>) -> memref<?xf64> {
// CHECK-NOT:     {{^    [^ \n].*(scf\.for|scf\.parallel|scf\.if)}}
// CHECK:         %[[OUT:.*]] = memref.alloc(%{{.*}}) : memref<?xf64>
// CHECK-NOT:     memref.alloc
// CHECK:         {{^    }}"scf.parallel"(
// CHECK-NEXT:    ^bb0(%[[I:.*]]: index):
// CHECK-NOT:     scf.for
// CHECK-NOT:     scf.parallel
// CHECK-DAG:       memref.load %x[%[[I]]] : memref<?xf64>
// CHECK-DAG:       memref.load %y[%[[I]]] : memref<?xf64>
// CHECK-DAG:       memref.load %z[%[[I]]] : memref<?xf64>
// CHECK-DAG:       math.tanh
// CHECK-DAG:       math.exp
// CHECK:           memref.store %{{.*}}, %[[OUT]][%[[I]]] : memref<?xf64>
// CHECK-NEXT:      scf.reduce
// CHECK-NEXT:    })
// CHECK-NOT:     {{^    [^ \n].*(scf\.for|scf\.parallel|scf\.if)}}
// CHECK:         func.return %[[OUT]] : memref<?xf64>

// In C++ the nest is the threaded loop of irtk/codegen/threads.py (`irtk_parallel` cut into blocks under
// IRTK_PARALLEL_FOR); each unit is one element. The body reads x[i0], y[i0], z[i0] (unit stride), calls only
// irtk_math.h's irtk_tanh and irtk_exp, and stores v[i0]: a loop the C++ compiler vectorizes.
// CPP-LABEL: static void irtk_fn_main({{.*}}) {
// CPP-NOT:     for (
// CPP:         double* [[OUT:v[0-9]+]] = arena.{{alloc|alloc_result}}<double>([[N:v[0-9]+]]);
// CPP:         irtk_parallel region(arena.threads, n0, 1);
// CPP-NEXT:    IRTK_PARALLEL_FOR(region)
// CPP-NEXT:    for (int64_t block = 0; block < region.blocks(); ++block) {
// CPP:         for (int64_t unit = region.begin(block); unit < unit_end; ++unit) {
// CPP-NEXT:      const int64_t i0 = unit;
// CPP-NEXT:      const double [[X:v[0-9]+]] = x[i0];
// CPP-NEXT:      const double [[Y:v[0-9]+]] = y[i0];
// CPP-NEXT:      const double [[Z:v[0-9]+]] = z[i0];
// CPP-NEXT:      const double [[XX:v[0-9]+]] = [[X]] * [[X]];
// CPP-NEXT:      const double [[T:v[0-9]+]] = irtk_tanh([[Z]]);
// CPP-NOT:       {{[A-Za-z_]+\(}}
// CPP:           const double [[TH:v[0-9]+]] = [[T]] * {{v[0-9]+}};
// CPP-NEXT:      const double [[E:v[0-9]+]] = irtk_exp([[X]]);
// CPP-NEXT:      const double [[EY:v[0-9]+]] = [[E]] * [[Y]];
// CPP-NEXT:      const double [[S:v[0-9]+]] = [[EY]] + [[TH]];
// CPP-NEXT:      const double [[R:v[0-9]+]] = [[S]] - [[XX]];
// CPP-NEXT:      [[OUT]][i0] = [[R]];
// CPP-NEXT:    }
// CPP:         region.finish();
// CPP-NOT:     for (
// CPP:         out0 = [[OUT]];
// CPP-NEXT:    out0_d0 = [[N]];
// CPP-NEXT:  }
builtin.module {
  func.func @main(%x: tensor<?xf64>, %y: tensor<?xf64>, %z: tensor<?xf64>) -> tensor<?xf64> {
    %0 = irtk.exp %x : tensor<?xf64> -> tensor<?xf64>
    %1 = irtk.mul %0, %y : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
    %2 = irtk.tanh %z : tensor<?xf64> -> tensor<?xf64>
    %3 = irtk.constant dense<5.000000e-01> : tensor<1xf32>
    %4 = irtk.mul %2, %3 : tensor<?xf64>, tensor<1xf32> -> tensor<?xf64>
    %5 = irtk.add %1, %4 : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
    %6 = irtk.mul %x, %x : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
    %7 = irtk.sub %5, %6 : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
    func.return %7 : tensor<?xf64>
  }
}
