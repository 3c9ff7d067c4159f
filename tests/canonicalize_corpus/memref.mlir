// memref canonicalization corpus: casts (of casts, to the same type, folded into loads, stores, dims, copies
// and deallocs), dim and rank of known shapes, dead allocations, constant alloc sizes made static, self copies,
// identity subviews and reinterpret casts, reshapes of reshapes, and cases where nothing should fold.

func.func @cast_to_same_type() {
  %m = "test.source"() : () -> memref<4xf32>
  %c = memref.cast %m : memref<4xf32> to memref<4xf32>
  "test.use"(%c) : (memref<4xf32>) -> ()
  return
}

// -----

func.func @cast_of_cast() {
  %m = "test.source"() : () -> memref<4xf32>
  %a = memref.cast %m : memref<4xf32> to memref<?xf32>
  %b = memref.cast %a : memref<?xf32> to memref<4xf32>
  "test.use"(%b) : (memref<4xf32>) -> ()
  return
}

// -----

func.func @cast_into_load(%i: index) -> f32 {
  %m = "test.source"() : () -> memref<4xf32>
  %a = memref.cast %m : memref<4xf32> to memref<?xf32>
  %v = memref.load %a[%i] : memref<?xf32>
  return %v : f32
}

// -----

func.func @cast_into_store(%i: index, %v: f32) {
  %m = "test.source"() : () -> memref<4xf32>
  %a = memref.cast %m : memref<4xf32> to memref<?xf32>
  memref.store %v, %a[%i] : memref<?xf32>
  return
}

// -----

func.func @cast_into_dealloc() {
  %m = "test.source"() : () -> memref<4xf32>
  %a = memref.cast %m : memref<4xf32> to memref<?xf32>
  memref.dealloc %a : memref<?xf32>
  return
}

// -----

func.func @static_dim() -> index {
  %c1 = arith.constant 1 : index
  %m = "test.source"() : () -> memref<4x8xf32>
  %d = memref.dim %m, %c1 : memref<4x8xf32>
  return %d : index
}

// -----

func.func @dim_of_alloc(%n: index) -> index {
  %c0 = arith.constant 0 : index
  %m = memref.alloc(%n) : memref<?x8xf32>
  "test.use"(%m) : (memref<?x8xf32>) -> ()
  %d = memref.dim %m, %c0 : memref<?x8xf32>
  return %d : index
}

// -----

func.func @dim_of_cast() -> index {
  %c0 = arith.constant 0 : index
  %m = "test.source"() : () -> memref<4xf32>
  %a = memref.cast %m : memref<4xf32> to memref<?xf32>
  %d = memref.dim %a, %c0 : memref<?xf32>
  return %d : index
}

// -----

func.func @dynamic_dim_stays(%i: index) -> index {
  %m = "test.source"() : () -> memref<?x?xf32>
  %d = memref.dim %m, %i : memref<?x?xf32>
  return %d : index
}

// -----

func.func @rank_of_ranked() -> index {
  %m = "test.source"() : () -> memref<4x?xf32>
  %r = memref.rank %m : memref<4x?xf32>
  return %r : index
}

// -----

func.func @rank_of_unranked_stays() -> index {
  %m = "test.source"() : () -> memref<*xf32>
  %r = memref.rank %m : memref<*xf32>
  return %r : index
}

// -----

func.func @dead_alloc(%v: f32, %i: index) {
  %m = memref.alloc() : memref<4xf32>
  memref.store %v, %m[%i] : memref<4xf32>
  memref.dealloc %m : memref<4xf32>
  return
}

// -----

func.func @dead_alloca(%v: f32, %i: index) {
  %m = memref.alloca() : memref<4xf32>
  memref.store %v, %m[%i] : memref<4xf32>
  return
}

// -----

func.func @alloc_read_stays(%v: f32, %i: index) -> f32 {
  %m = memref.alloc() : memref<4xf32>
  memref.store %v, %m[%i] : memref<4xf32>
  %r = memref.load %m[%i] : memref<4xf32>
  memref.dealloc %m : memref<4xf32>
  return %r : f32
}

// -----

func.func @alloc_constant_size() {
  %c4 = arith.constant 4 : index
  %m = memref.alloc(%c4) : memref<?xf32>
  "test.use"(%m) : (memref<?xf32>) -> ()
  return
}

// -----

func.func @alloca_constant_size(%n: index) {
  %c4 = arith.constant 4 : index
  %m = memref.alloca(%c4, %n) : memref<?x?xf32>
  "test.use"(%m) : (memref<?x?xf32>) -> ()
  return
}

// -----

func.func @self_copy() {
  %m = "test.source"() : () -> memref<4xf32>
  memref.copy %m, %m : memref<4xf32> to memref<4xf32>
  return
}

// -----

func.func @copy_of_cast() {
  %m = "test.source"() : () -> memref<4xf32>
  %n = "test.source"() : () -> memref<4xf32>
  %a = memref.cast %m : memref<4xf32> to memref<?xf32>
  %b = memref.cast %n : memref<4xf32> to memref<?xf32>
  memref.copy %a, %b : memref<?xf32> to memref<?xf32>
  return
}

// -----

func.func @copy_stays() {
  %m = "test.source"() : () -> memref<4xf32>
  %n = "test.source"() : () -> memref<4xf32>
  memref.copy %m, %n : memref<4xf32> to memref<4xf32>
  return
}

// -----

func.func @load_after_store(%v: f32, %i: index) -> f32 {
  %m = "test.source"() : () -> memref<4xf32>
  memref.store %v, %m[%i] : memref<4xf32>
  %r = memref.load %m[%i] : memref<4xf32>
  return %r : f32
}

// -----

func.func @collapse_of_expand() {
  %m = "test.source"() : () -> memref<8xf32>
  %e = memref.expand_shape %m [[0, 1]] output_shape [2, 4] : memref<8xf32> into memref<2x4xf32>
  %c = memref.collapse_shape %e [[0, 1]] : memref<2x4xf32> into memref<8xf32>
  "test.use"(%c) : (memref<8xf32>) -> ()
  return
}

// -----

func.func @collapse_of_collapse() {
  %m = "test.source"() : () -> memref<2x3x4xf32>
  %a = memref.collapse_shape %m [[0, 1], [2]] : memref<2x3x4xf32> into memref<6x4xf32>
  %b = memref.collapse_shape %a [[0, 1]] : memref<6x4xf32> into memref<24xf32>
  "test.use"(%b) : (memref<24xf32>) -> ()
  return
}

// -----

func.func @identity_subview() {
  %m = "test.source"() : () -> memref<4x8xf32>
  %s = memref.subview %m[0, 0] [4, 8] [1, 1] : memref<4x8xf32> to memref<4x8xf32>
  "test.use"(%s) : (memref<4x8xf32>) -> ()
  return
}

// -----

func.func @subview_stays(%i: index) {
  %m = "test.source"() : () -> memref<4x8xf32>
  %s = memref.subview %m[%i, 0] [2, 8] [1, 1] : memref<4x8xf32> to memref<2x8xf32, strided<[8, 1], offset: ?>>
  "test.use"(%s) : (memref<2x8xf32, strided<[8, 1], offset: ?>>) -> ()
  return
}

// -----

func.func @subview_constant_offset() {
  %c1 = arith.constant 1 : index
  %m = "test.source"() : () -> memref<4x8xf32>
  %s = memref.subview %m[%c1, 0] [2, 8] [1, 1] : memref<4x8xf32> to memref<2x8xf32, strided<[8, 1], offset: ?>>
  "test.use"(%s) : (memref<2x8xf32, strided<[8, 1], offset: ?>>) -> ()
  return
}

// -----

func.func @load_of_constant_global_stays(%i: index) -> f32 {
  %m = "test.source"() : () -> memref<4xf32>
  %v = memref.load %m[%i] : memref<4xf32>
  memref.store %v, %m[%i] : memref<4xf32>
  return %v : f32
}
