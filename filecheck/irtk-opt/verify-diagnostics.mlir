// RUN: irtk-opt %s --split-input-file --verify-diagnostics

// mlir-opt's --verify-diagnostics: every error irtk-opt reports must be announced by an
// `expected-error` annotation on its line, and every annotation must be met. The run succeeds (exit 0)
// only then. Each piece below holds one error, found by the parser or by the verifier.

func.func @type_mismatch(%a: i32, %b: f32) -> i32 {
  // expected-error @+1 {{operand is used with type i32, but has been previously used or defined with type f32}}
  %0 = arith.addi %a, %b : i32
  return %0 : i32
}

// -----

func.func @undefined_value(%a: i32) -> i32 {
  // expected-error @below {{use of undeclared SSA value name %missing}}
  %0 = arith.addi %a, %missing : i32
  return %0 : i32
}

// -----

func.func @unknown_op() {
  "test.unknown"() : () -> ()  // expected-error {{unknown operation 'test.unknown': dialect 'test' is not registered}}
  return
}

// -----

func.func @unknown_op_in_known_dialect(%a: f32) -> f32 {
  %0 = arith.frobnicate %a : f32
  // expected-error @-1 {{unknown operation 'arith.frobnicate' in dialect 'arith'}}
  return %0 : f32
}

// -----

func.func @verifier_failure(%a: i32) -> f32 {
  // expected-error-re @+1 {{'func.return' op {{.*}}expected [f32], got [{{i[0-9]+}}]}}
  return %a : i32
}

// -----

func.func @generic_op_verifier(%a: i32) -> i32 {
  %0 = "arith.addf"(%a, %a) : (i32, i32) -> i32
  // expected-error @above {{'arith.addf' op operand 'lhs' at position 0 does not verify}}
  return %0 : i32
}

// -----

func.func @missing_terminator(%c: i1) {
  // expected-error @+1 {{'scf.if' op contains empty block in single-block region}}
  "scf.if"(%c) ({
  ^bb0:
  }, {}) : (i1) -> ()
  return
}

// -----

func.func @syntax_error(%a: f64) -> f64 {
  // expected-error @+1 {{operand expected}}
  %b = arith.addf %a, : f64
  return %b : f64
}

// -----

// An op whose location is in another file is reported there; @unknown expects it.
func.func @elsewhere(%a: i32) -> f32 {
  // expected-error @unknown {{'func.return' op}}
  return %a : i32 loc("model.py":7:3)
}

// -----

// A piece without errors and without annotations passes too.
func.func @fine(%a: f64) -> f64 {
  return %a : f64
}
