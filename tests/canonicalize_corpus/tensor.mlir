// tensor canonicalization corpus: casts (of casts, to the same type, into dims and extracts), dim of known
// shapes and of tensor.empty, extract of constants, from_elements, splats and inserts, from_elements and
// splat of constants, tensor.empty with constant sizes made static, full-size slices, slices of slices at the
// same place, reshapes of reshapes and of constants, and cases where nothing should fold.

func.func @cast_to_same_type() {
  %t = "test.source"() : () -> tensor<4xf32>
  %c = tensor.cast %t : tensor<4xf32> to tensor<4xf32>
  "test.use"(%c) : (tensor<4xf32>) -> ()
  return
}

// -----

func.func @cast_of_cast() {
  %t = "test.source"() : () -> tensor<4xf32>
  %a = tensor.cast %t : tensor<4xf32> to tensor<?xf32>
  %b = tensor.cast %a : tensor<?xf32> to tensor<4xf32>
  "test.use"(%b) : (tensor<4xf32>) -> ()
  return
}

// -----

func.func @cast_of_cast_to_unranked() {
  %t = "test.source"() : () -> tensor<4xf32>
  %a = tensor.cast %t : tensor<4xf32> to tensor<?xf32>
  %b = tensor.cast %a : tensor<?xf32> to tensor<*xf32>
  "test.use"(%b) : (tensor<*xf32>) -> ()
  return
}

// -----

func.func @static_dim() -> index {
  %c1 = arith.constant 1 : index
  %t = "test.source"() : () -> tensor<4x8xf32>
  %d = tensor.dim %t, %c1 : tensor<4x8xf32>
  return %d : index
}

// -----

func.func @dim_of_empty(%n: index) -> index {
  %c0 = arith.constant 0 : index
  %t = tensor.empty(%n) : tensor<?x8xf32>
  "test.use"(%t) : (tensor<?x8xf32>) -> ()
  %d = tensor.dim %t, %c0 : tensor<?x8xf32>
  return %d : index
}

// -----

func.func @dim_of_cast() -> index {
  %c0 = arith.constant 0 : index
  %t = "test.source"() : () -> tensor<4xf32>
  %a = tensor.cast %t : tensor<4xf32> to tensor<?xf32>
  %d = tensor.dim %a, %c0 : tensor<?xf32>
  return %d : index
}

// -----

func.func @dynamic_dim_stays(%i: index) -> index {
  %t = "test.source"() : () -> tensor<?x?xf32>
  %d = tensor.dim %t, %i : tensor<?x?xf32>
  return %d : index
}

// -----

func.func @extract_of_constant() -> f32 {
  %c1 = arith.constant 1 : index
  %t = arith.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %v = tensor.extract %t[%c1] : tensor<3xf32>
  return %v : f32
}

// -----

func.func @extract_of_from_elements(%a: i32, %b: i32) -> i32 {
  %c1 = arith.constant 1 : index
  %t = tensor.from_elements %a, %b : tensor<2xi32>
  %v = tensor.extract %t[%c1] : tensor<2xi32>
  return %v : i32
}

// -----

func.func @extract_of_splat(%a: f32, %i: index) -> f32 {
  %t = tensor.splat %a : tensor<4xf32>
  %v = tensor.extract %t[%i] : tensor<4xf32>
  return %v : f32
}

// -----

func.func @extract_of_cast(%i: index) -> f32 {
  %t = "test.source"() : () -> tensor<4xf32>
  %a = tensor.cast %t : tensor<4xf32> to tensor<?xf32>
  %v = tensor.extract %a[%i] : tensor<?xf32>
  return %v : f32
}

// -----

func.func @extract_of_insert(%x: f32, %i: index) -> f32 {
  %t = "test.source"() : () -> tensor<4xf32>
  %n = tensor.insert %x into %t[%i] : tensor<4xf32>
  %v = tensor.extract %n[%i] : tensor<4xf32>
  return %v : f32
}

// -----

func.func @extract_stays(%i: index) -> f32 {
  %t = "test.source"() : () -> tensor<4xf32>
  %v = tensor.extract %t[%i] : tensor<4xf32>
  return %v : f32
}

// -----

func.func @from_elements_of_constants() {
  %a = arith.constant 1 : i32
  %b = arith.constant 2 : i32
  %t = tensor.from_elements %a, %b : tensor<2xi32>
  "test.use"(%t) : (tensor<2xi32>) -> ()
  return
}

// -----

func.func @splat_of_constant() {
  %a = arith.constant 1.5 : f32
  %t = tensor.splat %a : tensor<2x2xf32>
  "test.use"(%t) : (tensor<2x2xf32>) -> ()
  return
}

// -----

func.func @empty_constant_size(%n: index) {
  %c4 = arith.constant 4 : index
  %t = tensor.empty(%c4, %n) : tensor<?x?xf32>
  "test.use"(%t) : (tensor<?x?xf32>) -> ()
  return
}

// -----

func.func @full_extract_slice() {
  %t = "test.source"() : () -> tensor<4x8xf32>
  %s = tensor.extract_slice %t[0, 0] [4, 8] [1, 1] : tensor<4x8xf32> to tensor<4x8xf32>
  "test.use"(%s) : (tensor<4x8xf32>) -> ()
  return
}

// -----

func.func @full_insert_slice() {
  %t = "test.source"() : () -> tensor<4x8xf32>
  %d = "test.source"() : () -> tensor<4x8xf32>
  %s = tensor.insert_slice %t into %d[0, 0] [4, 8] [1, 1] : tensor<4x8xf32> into tensor<4x8xf32>
  "test.use"(%s) : (tensor<4x8xf32>) -> ()
  return
}

// -----

func.func @extract_slice_of_insert_slice(%i: index) {
  %t = "test.source"() : () -> tensor<2x8xf32>
  %d = "test.source"() : () -> tensor<4x8xf32>
  %n = tensor.insert_slice %t into %d[%i, 0] [2, 8] [1, 1] : tensor<2x8xf32> into tensor<4x8xf32>
  %s = tensor.extract_slice %n[%i, 0] [2, 8] [1, 1] : tensor<4x8xf32> to tensor<2x8xf32>
  "test.use"(%s) : (tensor<2x8xf32>) -> ()
  return
}

// -----

func.func @insert_slice_of_extract_slice(%i: index) {
  %d = "test.source"() : () -> tensor<4x8xf32>
  %s = tensor.extract_slice %d[%i, 0] [2, 8] [1, 1] : tensor<4x8xf32> to tensor<2x8xf32>
  %n = tensor.insert_slice %s into %d[%i, 0] [2, 8] [1, 1] : tensor<2x8xf32> into tensor<4x8xf32>
  "test.use"(%n) : (tensor<4x8xf32>) -> ()
  return
}

// -----

func.func @extract_slice_stays(%i: index) {
  %t = "test.source"() : () -> tensor<4x8xf32>
  %s = tensor.extract_slice %t[%i, 0] [2, 8] [1, 1] : tensor<4x8xf32> to tensor<2x8xf32>
  "test.use"(%s) : (tensor<2x8xf32>) -> ()
  return
}

// -----

func.func @collapse_of_expand() {
  %t = "test.source"() : () -> tensor<8xf32>
  %e = tensor.expand_shape %t [[0, 1]] output_shape [2, 4] : tensor<8xf32> into tensor<2x4xf32>
  %c = tensor.collapse_shape %e [[0, 1]] : tensor<2x4xf32> into tensor<8xf32>
  "test.use"(%c) : (tensor<8xf32>) -> ()
  return
}

// -----

func.func @collapse_of_collapse() {
  %t = "test.source"() : () -> tensor<2x3x4xf32>
  %a = tensor.collapse_shape %t [[0, 1], [2]] : tensor<2x3x4xf32> into tensor<6x4xf32>
  %b = tensor.collapse_shape %a [[0, 1]] : tensor<6x4xf32> into tensor<24xf32>
  "test.use"(%b) : (tensor<24xf32>) -> ()
  return
}

// -----

func.func @collapse_of_splat_constant() {
  %t = arith.constant dense<2.0> : tensor<2x4xf32>
  %c = tensor.collapse_shape %t [[0, 1]] : tensor<2x4xf32> into tensor<8xf32>
  "test.use"(%c) : (tensor<8xf32>) -> ()
  return
}

// -----

func.func @rank_of_ranked() -> index {
  %t = "test.source"() : () -> tensor<4x?xf32>
  %r = tensor.rank %t : tensor<4x?xf32>
  return %r : index
}

// -----

func.func @insert_stays(%x: f32, %i: index) {
  %t = "test.source"() : () -> tensor<4xf32>
  %n = tensor.insert %x into %t[%i] : tensor<4xf32>
  "test.use"(%n) : (tensor<4xf32>) -> ()
  return
}
