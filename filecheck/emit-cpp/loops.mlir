// RUN: irtk-opt %s --split-input-file --emit=cpp | filecheck %s

// scf.for with iter_args: each carried value is a mutable variable declared before the loop (named after
// the loop's result), assigned by scf.yield, and read after the loop as the result.
// CHECK-LABEL: static void irtk_fn_sum(
// CHECK:         double total = zero;
// CHECK-NEXT:    for (int64_t i = c0; i < n; i += c1) {
// CHECK-NEXT:      const double x = v[i];
// CHECK-NEXT:      const double next = total + x;
// CHECK-NEXT:      total = next;
// CHECK-NEXT:    }
// CHECK:         r[0] = total;
func.func @sum(%v: memref<?xf64>) -> memref<f64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f64
  %n = memref.dim %v, %c0 : memref<?xf64>
  %total = scf.for %i = %c0 to %n step %c1 iter_args(%acc = %zero) -> (f64) {
    %x = memref.load %v[%i] : memref<?xf64>
    %next = arith.addf %acc, %x : f64
    scf.yield %next : f64
  }
  %r = memref.alloc() : memref<f64>
  memref.store %total, %r[] : memref<f64>
  func.return %r : memref<f64>
}

// -----

// Values yielded in a different order than they are carried go through temporaries, so that all of
// them update at once.
// CHECK-LABEL: static void irtk_fn_swap(
// CHECK:         int64_t a = zero;
// CHECK-NEXT:    int64_t b = one;
// CHECK-NEXT:    for (int64_t i = c0; i < c4; i += c1) {
// CHECK-NEXT:      const auto a_next = b;
// CHECK-NEXT:      const auto b_next = a;
// CHECK-NEXT:      a = a_next;
// CHECK-NEXT:      b = b_next;
// CHECK-NEXT:    }
func.func @swap() -> memref<2xi64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %zero = arith.constant 0 : i64
  %one = arith.constant 1 : i64
  %a, %b = scf.for %i = %c0 to %c4 step %c1 iter_args(%x = %zero, %y = %one) -> (i64, i64) {
    scf.yield %y, %x : i64, i64
  }
  %r = memref.alloc() : memref<2xi64>
  memref.store %a, %r[%c0] : memref<2xi64>
  memref.store %b, %r[%c1] : memref<2xi64>
  func.return %r : memref<2xi64>
}

// -----

// The outermost scf.parallel runs on a team of threads (irtk/codegen/threads.py): its outer dimensions become
// units, cut into blocks that an OpenMP team shares; the last dimension stays an inner loop; a failure inside a
// block is filed with the loop and rethrown after it. scf.reduce prints nothing.
// CHECK-LABEL: static void irtk_fn_fill(
// CHECK:         const int64_t n0 = (n > 0 ? n : 0);
// CHECK-NEXT:    const int64_t n1 = (c3 > 0 ? c3 : 0);
// CHECK-NEXT:    irtk_parallel region(arena.threads, irtk_element_count({n0}), irtk_element_count({n1}));
// CHECK-NEXT:    IRTK_PARALLEL_FOR(region)
// CHECK-NEXT:    for (int64_t block = 0; block < region.blocks(); ++block) {
// CHECK-NEXT:      if (region.skips(block)) continue;
// CHECK-NEXT:      try {
// CHECK-NEXT:        const int64_t unit_end = region.end(block);
// CHECK-NEXT:        for (int64_t unit = region.begin(block); unit < unit_end; ++unit) {
// CHECK-NEXT:          const int64_t i = unit;
// CHECK-NEXT:          for (int64_t j = c0; j < c3; j += c1) {
// CHECK-NEXT:            out[i * 3 + j] = one;
// CHECK-NEXT:          }
// CHECK-NEXT:        }
// CHECK-NEXT:      } catch (const irtk_failure& failure) {
// CHECK-NEXT:        region.fail(block, failure);
// CHECK:           region.finish();
// CHECK-NEXT:    }
// CHECK-NEXT:    out0 = out;
func.func @fill(%v: memref<?xf32>) -> memref<?x3xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %one = arith.constant 1.0 : f32
  %n = memref.dim %v, %c0 : memref<?xf32>
  %out = memref.alloc(%n) : memref<?x3xf32>
  "scf.parallel"(%c0, %c0, %n, %c3, %c1, %c1) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
  ^bb0(%i: index, %j: index):
    memref.store %one, %out[%i, %j] : memref<?x3xf32>
    scf.reduce
  }) : (index, index, index, index, index, index) -> ()
  func.return %out : memref<?x3xf32>
}

// -----

// scf.if with results: the result variables are declared uninitialised and each branch assigns them.
// CHECK-LABEL: static void irtk_fn_relu(
// CHECK:         const bool positive = x > zero;
// CHECK-NEXT:    double y;
// CHECK-NEXT:    if (positive) {
// CHECK-NEXT:      y = x;
// CHECK-NEXT:    } else {
// CHECK-NEXT:      y = zero;
// CHECK-NEXT:    }
// CHECK:         r[0] = y;
func.func @relu(%v: memref<f64>) -> memref<f64> {
  %zero = arith.constant 0.0 : f64
  %x = memref.load %v[] : memref<f64>
  %positive = arith.cmpf ogt, %x, %zero : f64
  %y = scf.if %positive -> (f64) {
    scf.yield %x : f64
  } else {
    scf.yield %zero : f64
  }
  %r = memref.alloc() : memref<f64>
  memref.store %y, %r[] : memref<f64>
  func.return %r : memref<f64>
}

// -----

// A memref carried by a loop is a pointer variable plus one variable per dynamic dimension.
// CHECK-LABEL: static void irtk_fn_carry(
// CHECK:         double* last = first;
// CHECK-NEXT:    int64_t last_d0 = n;
// CHECK-NEXT:    for (int64_t i = c0; i < c2; i += c1) {
// CHECK-NEXT:      const int64_t k = last_d0;
// CHECK-NEXT:      double* fresh = arena.alloc<double>(k);
// CHECK-NEXT:      irtk_copy(fresh, last, last_d0);
// CHECK-NEXT:      last = fresh;
// CHECK-NEXT:      last_d0 = k;
// CHECK-NEXT:    }
// CHECK-NEXT:    out0 = last;
// CHECK-NEXT:    out0_d0 = last_d0;
func.func @carry(%v: memref<?xf64>) -> memref<?xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %n = memref.dim %v, %c0 : memref<?xf64>
  %first = memref.alloc(%n) : memref<?xf64>
  "memref.copy"(%v, %first) : (memref<?xf64>, memref<?xf64>) -> ()
  %last = scf.for %i = %c0 to %c2 step %c1 iter_args(%m = %first) -> (memref<?xf64>) {
    %k = memref.dim %m, %c0 : memref<?xf64>
    %fresh = memref.alloc(%k) : memref<?xf64>
    "memref.copy"(%m, %fresh) : (memref<?xf64>, memref<?xf64>) -> ()
    scf.yield %fresh : memref<?xf64>
  }
  func.return %last : memref<?xf64>
}

// -----

// A parallel loop whose body allocates from the call's arena (not shared between threads) stays sequential,
// one `for` per dimension, outermost first; so does a parallel loop inside a threaded one.
// CHECK-LABEL: static void irtk_fn_scratch(irtk_arena& arena, float* v, int64_t v_d0) {
// CHECK-NOT:     irtk_parallel
// CHECK:         for (int64_t i = c0; i < n; i += c1) {
// CHECK-NEXT:      float* buffer = arena.alloc<float>(4);
// CHECK-LABEL: static void irtk_fn_nested(irtk_arena& arena, float* v, int64_t v_d0) {
// CHECK:         irtk_parallel region(
// CHECK-NOT:     irtk_parallel
// CHECK:         for (int64_t j = c0; j < c3; j += c1) {
func.func @scratch(%v: memref<?xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %one = arith.constant 1.0 : f32
  %n = memref.dim %v, %c0 : memref<?xf32>
  "scf.parallel"(%c0, %n, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    %buffer = memref.alloc() : memref<4xf32>
    memref.store %one, %buffer[%c0] : memref<4xf32>
    %x = memref.load %buffer[%c0] : memref<4xf32>
    memref.store %x, %v[%i] : memref<?xf32>
    memref.dealloc %buffer : memref<4xf32>
    scf.reduce
  }) : (index, index, index) -> ()
  func.return
}
func.func private @nested(%v: memref<?x3xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %one = arith.constant 1.0 : f32
  %n = memref.dim %v, %c0 : memref<?x3xf32>
  "scf.parallel"(%c0, %n, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    "scf.parallel"(%c0, %c3, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
    ^bb1(%j: index):
      memref.store %one, %v[%i, %j] : memref<?x3xf32>
      scf.reduce
    }) : (index, index, index) -> ()
    scf.reduce
  }) : (index, index, index) -> ()
  func.return
}
