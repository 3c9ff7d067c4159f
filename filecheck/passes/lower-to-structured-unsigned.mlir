// RUN: irtk-opt %s --split-input-file -p lower-to-structured | filecheck %s
// RUN: irtk-opt %s --split-input-file -p fast-run --emit=cpp | filecheck %s --check-prefix=CPP

// Unsigned tensors (`tensor<?xui8>`) exist only at the tensor level. Each op's structured form picks the
// unsigned arith op from its irtk-level dtypes (divui, remui, cmpi ult, maxui, uitofp, extui, fptoui); then
// every type becomes signless (`tensor<?xi8>`), function arguments and results too, and those that were
// unsigned keep their dtype in `irtk.dtype` for the caller: the C++ signature still says `ui8`, so the
// kernel accepts only uint8 arrays and returns uint8 arrays. Integer division by 0 gives 0, as in numpy.

// CHECK-LABEL: func.func @arithmetic(
// CHECK-SAME:      %x: tensor<?xi8> {irtk.dtype = "uint8"}, %y: tensor<1xi8> {irtk.dtype = "uint8"})
// CHECK-SAME:      -> (tensor<?xi8> {irtk.dtype = "uint8"}, tensor<?xi8> {irtk.dtype = "uint8"}, tensor<?xi1>, tensor<?xi8> {irtk.dtype = "uint8"}, tensor<?xf64>)
// CHECK:         %[[INIT:.*]] = tensor.empty(%{{.*}}) : tensor<?xi8>
// CHECK-NEXT:    %q = linalg.generic
// CHECK-SAME:      ins(%x, %y : tensor<?xi8>, tensor<1xi8>) outs(%[[INIT]] : tensor<?xi8>)
// CHECK-NEXT:    ^bb0(%[[X:.*]]: i8, %[[Y:.*]]: i8, %{{.*}}: i8):
// CHECK-NEXT:      %[[ZERO:.*]] = arith.constant 0 : i8
// CHECK-NEXT:      %[[IS_ZERO:.*]] = arith.cmpi eq, %[[Y]], %[[ZERO]] : i8
// CHECK-NEXT:      %[[ONE:.*]] = arith.constant 1 : i8
// CHECK-NEXT:      %[[SAFE:.*]] = arith.select %[[IS_ZERO]], %[[ONE]], %[[Y]] : i8
// CHECK-NEXT:      %[[Q:.*]] = arith.divui %[[X]], %[[SAFE]] : i8
// CHECK-NEXT:      %[[R:.*]] = arith.select %[[IS_ZERO]], %[[ZERO]], %[[Q]] : i8
// CHECK-NEXT:      linalg.yield %[[R]] : i8
// CHECK-NEXT:    } -> tensor<?xi8>
// CHECK:         %r = linalg.generic
// CHECK:           arith.remui
// CHECK:         %lt = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X2:.*]]: i8, %[[Y2:.*]]: i8, %{{.*}}: i1):
// CHECK-NEXT:      %[[LT:.*]] = arith.cmpi ult, %[[X2]], %[[Y2]] : i8
// CHECK-NEXT:      linalg.yield %[[LT]] : i1
// CHECK:         %m = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X3:.*]]: i8, %[[Y3:.*]]: i8, %{{.*}}: i8):
// CHECK-NEXT:      %[[MAX:.*]] = arith.maxui %[[X3]], %[[Y3]] : i8
// CHECK:         %d = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X4:.*]]: i8, %[[Y4:.*]]: i8, %{{.*}}: f64):
// CHECK-NEXT:      %{{.*}} = arith.uitofp %[[X4]] : i8 to f64
// CHECK-NEXT:      %{{.*}} = arith.uitofp %[[Y4]] : i8 to f64
// CHECK:         func.return %q, %r, %lt, %m, %d : tensor<?xi8>, tensor<?xi8>, tensor<?xi1>, tensor<?xi8>, tensor<?xf64>

// CPP-LABEL: static void irtk_fn_arithmetic(irtk_arena& arena, int8_t* x, int64_t x_d0, int8_t* y,
// CPP:         extern "C" IRTK_EXPORT const char* irtk_signature(void) { return "ui8[?],ui8[1]->ui8[?],ui8[?],i1[?],ui8[?],f64[?]"; }
// CPP:         return irtk_reject(error, results, 5, "argument 0 does not match ui8[?]");
// CPP:         return irtk_reject(error, results, 5, "argument 1 does not match ui8[1]");
func.func @arithmetic(%x: tensor<?xui8>, %y: tensor<1xui8>) -> (tensor<?xui8>, tensor<?xui8>, tensor<?xi1>, tensor<?xui8>, tensor<?xf64>) {
  %q = irtk.int_div %x, %y : tensor<?xui8>, tensor<1xui8> -> tensor<?xui8>
  %r = irtk.mod %x, %y : tensor<?xui8>, tensor<1xui8> -> tensor<?xui8>
  %lt = irtk.lt %x, %y : tensor<?xui8>, tensor<1xui8> -> tensor<?xi1>
  %m = irtk.maximum %x, %y : tensor<?xui8>, tensor<1xui8> -> tensor<?xui8>
  %d = irtk.div %x, %y : tensor<?xui8>, tensor<1xui8> -> tensor<?xf64>
  return %q, %r, %lt, %m, %d : tensor<?xui8>, tensor<?xui8>, tensor<?xi1>, tensor<?xui8>, tensor<?xf64>
}

// -----

// numpy's upcasting: uint8 meets int8 in int16 (zero- and sign-extended), uint64 meets int64 in float64.
// CHECK-LABEL: func.func @mixed(
// CHECK-SAME:      %u: tensor<?xi8> {irtk.dtype = "uint8"}, %s: tensor<?xi8>, %w: tensor<?xi64> {irtk.dtype = "uint64"}, %l: tensor<?xi64>)
// CHECK-SAME:      -> (tensor<?xi16>, tensor<?xf64>)
// CHECK:         %a = linalg.generic
// CHECK-NEXT:    ^bb0(%[[U:.*]]: i8, %[[S:.*]]: i8, %{{.*}}: i16):
// CHECK-NEXT:      %[[UE:.*]] = arith.extui %[[U]] : i8 to i16
// CHECK-NEXT:      %[[SE:.*]] = arith.extsi %[[S]] : i8 to i16
// CHECK-NEXT:      %{{.*}} = arith.addi %[[UE]], %[[SE]] : i16
// CHECK:         %b = linalg.generic
// CHECK-NEXT:    ^bb0(%[[W:.*]]: i64, %[[L:.*]]: i64, %{{.*}}: f64):
// CHECK-NEXT:      %{{.*}} = arith.uitofp %[[W]] : i64 to f64
// CHECK-NEXT:      %{{.*}} = arith.sitofp %[[L]] : i64 to f64

// CPP: return "ui8[?],i8[?],ui64[?],i64[?]->i16[?],f64[?]";
func.func @mixed(%u: tensor<?xui8>, %s: tensor<?xi8>, %w: tensor<?xui64>, %l: tensor<?xi64>) -> (tensor<?xi16>, tensor<?xf64>) {
  %a = irtk.add %u, %s : tensor<?xui8>, tensor<?xi8> -> tensor<?xi16>
  %b = irtk.add %w, %l : tensor<?xui64>, tensor<?xi64> -> tensor<?xf64>
  return %a, %b : tensor<?xi16>, tensor<?xf64>
}

// -----

// A uint sum accumulates in uint64 (an i64 marked uint64); a cast from float is fptoui; constants keep their
// bits in the signless type (255 is -1 as an i8, 65535 is -1 as an i16).
// CHECK-LABEL: func.func @sum_cast_constants(
// CHECK-SAME:      -> (tensor<i64> {irtk.dtype = "uint64"}, tensor<?xi32> {irtk.dtype = "uint32"}, tensor<?xi16> {irtk.dtype = "uint16"}, tensor<2xi8> {irtk.dtype = "uint8"})
// CHECK:         %t = linalg.generic
// CHECK-NEXT:    ^bb0(%[[X:.*]]: i16, %[[ACC:.*]]: i64):
// CHECK-NEXT:      %[[XE:.*]] = arith.extui %[[X]] : i16 to i64
// CHECK-NEXT:      %{{.*}} = arith.addi %[[ACC]], %[[XE]] : i64
// CHECK:         %c = linalg.generic
// CHECK-NEXT:    ^bb0(%[[F:.*]]: f32, %{{.*}}: i32):
// CHECK-NEXT:      %{{.*}} = arith.fptoui %[[F]] : f32 to i32
// CHECK:         %p = linalg.generic
// CHECK:           %{{.*}} = arith.constant -1 : i16
// CHECK:         %k = arith.constant dense<[-1, 1]> : tensor<2xi8>

// CPP: return "ui16[?],f32[?]->ui64[],ui32[?],ui16[?],ui8[2]";
func.func @sum_cast_constants(%x: tensor<?xui16>, %f: tensor<?xf32>) -> (tensor<ui64>, tensor<?xui32>, tensor<?xui16>, tensor<2xui8>) {
  %t = irtk.sum %x [0] : tensor<?xui16> -> tensor<ui64>
  %c = irtk.cast %f : tensor<?xf32> -> tensor<?xui32>
  %one = irtk.constant dense<65535> : tensor<1xui16>
  %p = irtk.add %x, %one : tensor<?xui16>, tensor<1xui16> -> tensor<?xui16>
  %k = irtk.constant dense<[255, 1]> : tensor<2xui8>
  return %t, %c, %p, %k : tensor<ui64>, tensor<?xui32>, tensor<?xui16>, tensor<2xui8>
}
