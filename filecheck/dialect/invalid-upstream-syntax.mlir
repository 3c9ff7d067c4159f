// RUN: irtk-opt %s --split-input-file --verify-diagnostics

// The verifiers and parsers of the upstream ops irtk adds syntax to (irtk/dialects/upstream/).

func.func @trunci_must_narrow(%x: i8) -> i16 {
  // expected-error@+1 {{Destination bit-width must be smaller than the input bit-width}}
  %0 = arith.trunci %x : i8 to i16
  func.return %0 : i16
}

// -----

func.func @cond_br_weights(%c: i1) {
  // expected-error@+1 {{cf.cond_br: branch weights must hold two numbers, one per successor}}
  cf.cond_br %c weights([1, 2, 3]), ^a, ^b
^a:
  func.return
^b:
  func.return
}

// -----

func.func @isnan_result(%x: f32) -> i32 {
  // expected-error@+1 {{math.isnan: result must be i1}}
  %0 = "math.isnan"(%x) : (f32) -> i32
  func.return %0 : i32
}

// -----

func.func @isnan_fastmath(%x: f32) -> i1 {
  // expected-error@+1 {{fastmath must be a #arith.fastmath attribute}}
  %0 = math.isnan %x {fastmath = 1 : i32} : f32
  func.return %0 : i1
}

// -----

func.func @copy_element_types(%a: memref<4xf32>, %b: memref<4xf64>) {
  // expected-error@+1 {{Expected source and destination to have the same element type.}}
  memref.copy %a, %b : memref<4xf32> to memref<4xf64>
  func.return
}

// -----

func.func @copy_shapes(%a: memref<4xf32>, %b: memref<5xf32>) {
  // expected-error@+1 {{Expected source and destination to have compatible shapes.}}
  memref.copy %a, %b : memref<4xf32> to memref<5xf32>
  func.return
}
