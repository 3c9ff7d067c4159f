// RUN: irtk-opt %s --split-input-file --emit=cpp | filecheck %s

// irtk_signature() spells the entry point's memref types in irtk_abi.h's grammar: element type, then the
// dimensions, `?` for a dynamic one; rank 0 is `[]`; index travels as i64.

// CHECK-LABEL: static void irtk_fn_mixed(
// CHECK:         extern "C" IRTK_EXPORT const char* irtk_signature(void) { return "f64[?x4],f32[]->f64[?]"; }
func.func @mixed(%a: memref<?x4xf64>, %s: memref<f32>) -> memref<?xf64> {
  %c0 = arith.constant 0 : index
  %n = memref.dim %a, %c0 : memref<?x4xf64>
  %r = memref.alloc(%n) : memref<?xf64>
  func.return %r : memref<?xf64>
}

// -----

// CHECK-LABEL: static void irtk_fn_integers(irtk_arena& arena, bool* a, int8_t* b, int64_t b_d0, int32_t* c, int64_t* d, int64_t d_d0, int64_t d_d1, int64_t*& out0, uint8_t*& out1) {
// CHECK:         return "i1[2x3],i8[?],i32[],i64[?x?]->i64[1],ui8[2]";
func.func @integers(%a: memref<2x3xi1>, %b: memref<?xi8>, %c: memref<i32>, %d: memref<?x?xindex>)
    -> (memref<1xindex>, memref<2xui8>) {
  %r = memref.alloc() : memref<1xindex>
  %u = memref.alloc() : memref<2xui8>
  func.return %r, %u : memref<1xindex>, memref<2xui8>
}

// -----

// A function without arguments or results is still a kernel.
// CHECK-LABEL: static void irtk_fn_nothing(irtk_arena& arena) {
// CHECK:         return "->";
func.func @nothing() {
  func.return
}
