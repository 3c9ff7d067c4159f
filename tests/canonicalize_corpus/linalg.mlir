// linalg canonicalization corpus: linalg.generic that copies its input (erased), with no used results (dead),
// with duplicate or unused inputs and unused results, over zero-size memrefs; linalg.fill read by
// tensor.extract or unused; linalg.copy of a buffer onto itself; linalg.transpose with the identity
// permutation or of a transpose; linalg.broadcast of no dimension; tensor.cast folded into linalg ops; and
// named ops, reductions and generics with effects where nothing folds.

func.func @generic_identity_is_its_input(%a: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %o = tensor.empty() : tensor<4x8xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%a : tensor<4x8xf32>) outs(%o : tensor<4x8xf32>) {
  ^bb0(%x: f32, %y: f32):
    linalg.yield %x : f32
  } -> tensor<4x8xf32>
  return %r : tensor<4x8xf32>
}

// -----

func.func @generic_dead_is_erased(%a: tensor<16xf32>) {
  %o = tensor.empty() : tensor<16xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%a : tensor<16xf32>) outs(%o : tensor<16xf32>) {
  ^bb0(%x: f32, %y: f32):
    %e = arith.mulf %x, %x : f32
    linalg.yield %e : f32
  } -> tensor<16xf32>
  return
}

// -----

func.func @generic_duplicate_inputs(%a: tensor<16xf32>) -> tensor<16xf32> {
  %o = tensor.empty() : tensor<16xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%a, %a : tensor<16xf32>, tensor<16xf32>) outs(%o : tensor<16xf32>) {
  ^bb0(%x: f32, %x2: f32, %y: f32):
    %e = arith.mulf %x, %x2 : f32
    linalg.yield %e : f32
  } -> tensor<16xf32>
  return %r : tensor<16xf32>
}

// -----

func.func @generic_unused_input(%a: tensor<16xf32>, %b: tensor<16xf32>) -> tensor<16xf32> {
  %o = tensor.empty() : tensor<16xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%a, %b : tensor<16xf32>, tensor<16xf32>) outs(%o : tensor<16xf32>) {
  ^bb0(%x: f32, %unused: f32, %y: f32):
    %e = arith.mulf %x, %x : f32
    linalg.yield %e : f32
  } -> tensor<16xf32>
  return %r : tensor<16xf32>
}

// -----

func.func @generic_unused_result(%a: tensor<16xf32>) -> tensor<16xf32> {
  %o = tensor.empty() : tensor<16xf32>
  %r:2 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%a : tensor<16xf32>) outs(%o, %o : tensor<16xf32>, tensor<16xf32>) {
  ^bb0(%x: f32, %y: f32, %z: f32):
    %e = arith.mulf %x, %x : f32
    %f = arith.addf %x, %x : f32
    linalg.yield %e, %f : f32, f32
  } -> (tensor<16xf32>, tensor<16xf32>)
  return %r#1 : tensor<16xf32>
}

// -----

func.func @generic_zero_size_memref_is_erased(%a: memref<0x8xf32>, %b: memref<0x8xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%a : memref<0x8xf32>) outs(%b : memref<0x8xf32>) {
  ^bb0(%x: f32, %y: f32):
    %e = arith.addf %x, %y : f32
    linalg.yield %e : f32
  }
  return
}

// -----

func.func @generic_on_memref_nothing_folds(%a: memref<8xf32>, %b: memref<8xf32>) {
  linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%a : memref<8xf32>) outs(%b : memref<8xf32>) {
  ^bb0(%x: f32, %y: f32):
    %e = arith.addf %x, %y : f32
    linalg.yield %e : f32
  }
  return
}

// -----

func.func @generic_reduction_nothing_folds(%a: tensor<4x8xf32>, %init: tensor<4xf32>) -> tensor<4xf32> {
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%a : tensor<4x8xf32>) outs(%init : tensor<4xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %s = arith.addf %acc, %x : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

func.func @generic_with_index_nothing_folds(%o: tensor<8xindex>) -> tensor<8xindex> {
  %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} outs(%o : tensor<8xindex>) {
  ^bb0(%y: index):
    %i = linalg.index 0 : index
    linalg.yield %i : index
  } -> tensor<8xindex>
  return %r : tensor<8xindex>
}

// -----

func.func @fill_then_extract_is_the_value(%v: f32, %i: index) -> f32 {
  %e = tensor.empty() : tensor<4x4xf32>
  %f = linalg.fill ins(%v : f32) outs(%e : tensor<4x4xf32>) -> tensor<4x4xf32>
  %x = tensor.extract %f[%i, %i] : tensor<4x4xf32>
  return %x : f32
}

// -----

func.func @fill_unused_is_erased(%v: f32) {
  %e = tensor.empty() : tensor<4x4xf32>
  %f = linalg.fill ins(%v : f32) outs(%e : tensor<4x4xf32>) -> tensor<4x4xf32>
  return
}

// -----

func.func @fill_memref_nothing_folds(%v: f32, %m: memref<4xf32>) {
  linalg.fill ins(%v : f32) outs(%m : memref<4xf32>)
  return
}

// -----

func.func @fill_tensor_nothing_folds(%v: f32) -> tensor<4xf32> {
  %e = tensor.empty() : tensor<4xf32>
  %f = linalg.fill ins(%v : f32) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  return %f : tensor<4xf32>
}

// -----

func.func @copy_onto_itself_is_erased(%m: memref<8xf32>) {
  linalg.copy ins(%m : memref<8xf32>) outs(%m : memref<8xf32>)
  return
}

// -----

func.func @copy_memref_nothing_folds(%a: memref<8xf32>, %b: memref<8xf32>) {
  linalg.copy ins(%a : memref<8xf32>) outs(%b : memref<8xf32>)
  return
}

// -----

func.func @transpose_identity_is_its_input(%a: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %o = tensor.empty() : tensor<4x8xf32>
  %t = linalg.transpose ins(%a : tensor<4x8xf32>) outs(%o : tensor<4x8xf32>) permutation = [0, 1]
  return %t : tensor<4x8xf32>
}

// -----

func.func @transpose_of_transpose(%a: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %o1 = tensor.empty() : tensor<3x4x2xf32>
  %t1 = linalg.transpose ins(%a : tensor<2x3x4xf32>) outs(%o1 : tensor<3x4x2xf32>) permutation = [1, 2, 0]
  %o2 = tensor.empty() : tensor<2x3x4xf32>
  %t2 = linalg.transpose ins(%t1 : tensor<3x4x2xf32>) outs(%o2 : tensor<2x3x4xf32>) permutation = [2, 0, 1]
  return %t2 : tensor<2x3x4xf32>
}

// -----

func.func @transpose_nothing_folds(%a: tensor<4x8xf32>) -> tensor<8x4xf32> {
  %o = tensor.empty() : tensor<8x4xf32>
  %t = linalg.transpose ins(%a : tensor<4x8xf32>) outs(%o : tensor<8x4xf32>) permutation = [1, 0]
  return %t : tensor<8x4xf32>
}

// -----

func.func @broadcast_of_no_dimension(%a: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %o = tensor.empty() : tensor<4x8xf32>
  %b = linalg.broadcast ins(%a : tensor<4x8xf32>) outs(%o : tensor<4x8xf32>) dimensions = []
  return %b : tensor<4x8xf32>
}

// -----

func.func @broadcast_nothing_folds(%a: tensor<8xf32>) -> tensor<4x8xf32> {
  %o = tensor.empty() : tensor<4x8xf32>
  %b = linalg.broadcast ins(%a : tensor<8xf32>) outs(%o : tensor<4x8xf32>) dimensions = [0]
  return %b : tensor<4x8xf32>
}

// -----

func.func @named_op_dead_is_erased(%a: tensor<8xf32>, %b: tensor<8xf32>) {
  %o = tensor.empty() : tensor<8xf32>
  %s = linalg.add ins(%a, %b : tensor<8xf32>, tensor<8xf32>) outs(%o : tensor<8xf32>) -> tensor<8xf32>
  return
}

// -----

func.func @matmul_nothing_folds(%a: tensor<4x8xf32>, %b: tensor<8x2xf32>, %c: tensor<4x2xf32>) -> tensor<4x2xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x2xf32>) outs(%c : tensor<4x2xf32>) -> tensor<4x2xf32>
  return %r : tensor<4x2xf32>
}

// -----

func.func @cast_into_generic(%a: tensor<16xf32>) -> tensor<?xf32> {
  %c = tensor.cast %a : tensor<16xf32> to tensor<?xf32>
  %o = "test.source"() : () -> tensor<?xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%c : tensor<?xf32>) outs(%o : tensor<?xf32>) {
  ^bb0(%x: f32, %y: f32):
    %e = arith.mulf %x, %x : f32
    linalg.yield %e : f32
  } -> tensor<?xf32>
  return %r : tensor<?xf32>
}

// -----

func.func @reduce_sum_of_squares_nothing_folds(%a: tensor<4x8xf32>, %init: tensor<4xf32>) -> tensor<4xf32> {
  %r = linalg.reduce ins(%a : tensor<4x8xf32>) outs(%init : tensor<4xf32>) dimensions = [1]
    (%x: f32, %acc: f32) {
      %m = arith.mulf %x, %x : f32
      %s = arith.addf %acc, %m : f32
      linalg.yield %s : f32
    }
  return %r : tensor<4xf32>
}
