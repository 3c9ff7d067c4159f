// RUN: irtk-opt %s --verify-diagnostics -p lower-to-structured

// An `irtk.rop` request is expanded by `autodiff`; lowering one that is left is an error at the request.

func.func @unexpanded(%x: tensor<?xf64>, %v: tensor<?xf64>) -> tensor<?xf64> {
  %e = irtk.exp %x : tensor<?xf64> -> tensor<?xf64>
  // expected-error @+1 {{lower-to-structured: irtk.rop must be expanded by the autodiff pass first}}
  %j = irtk.rop %e wrt %x tangents %v : tensor<?xf64>, tensor<?xf64>, tensor<?xf64>
  return %j : tensor<?xf64>
}
