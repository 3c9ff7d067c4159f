// RUN: irtk-opt %s --emit=cpp | filecheck %s

// cf.assert becomes a check that throws irtk_failure with the assert's message; irtk_entry catches it,
// after the arena has freed every buffer of the call, and reports the message with no results.
// CHECK-LABEL: static void irtk_fn_add(
// CHECK:         const bool same = n == m;
// CHECK-NEXT:    if (!same) irtk_fail("shapes differ: \"x\" has n rows,\012\"y\" has m rows");
// CHECK:       extern "C" IRTK_EXPORT int irtk_entry(
// CHECK:         } catch (const irtk_failure& failure) {
// CHECK-NEXT:      return irtk_reject(error, results, 1, failure.message);
func.func @add(%x: memref<?xf64>, %y: memref<?xf64>) -> memref<?xf64> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %n = memref.dim %x, %c0 : memref<?xf64>
  %m = memref.dim %y, %c0 : memref<?xf64>
  %same = arith.cmpi eq, %n, %m : index
  cf.assert %same, "shapes differ: \"x\" has n rows,\n\"y\" has m rows"
  %out = memref.alloc(%n) : memref<?xf64>
  scf.for %i = %c0 to %n step %c1 {
    %a = memref.load %x[%i] : memref<?xf64>
    %b = memref.load %y[%i] : memref<?xf64>
    %s = arith.addf %a, %b : f64
    memref.store %s, %out[%i] : memref<?xf64>
  }
  func.return %out : memref<?xf64>
}
