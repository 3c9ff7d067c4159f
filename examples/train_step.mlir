// One gradient-descent step of the seed training program, written in the irtk dialect:
// y = sum(x * W), cost = (target - y)^2, W' = W - 0.1 * dcost/dW.
// Try: irtk-opt examples/train_step.mlir -p fast-run            (loops)
//      irtk-opt examples/train_step.mlir -p fast-run --emit=cpp (C++)
func.func @train_step(%x: tensor<?xf32>, %target: tensor<f32>, %W: tensor<?xf64>) -> (tensor<f64>, tensor<?xf64>) {
  %p = irtk.mul %x, %W : tensor<?xf32>, tensor<?xf64> -> tensor<?xf64>
  %y = irtk.sum %p [0] : tensor<?xf64> -> tensor<f64>
  %d = irtk.sub %target, %y : tensor<f32>, tensor<f64> -> tensor<f64>
  %cost = irtk.sqr %d : tensor<f64> -> tensor<f64>
  %g = irtk.grad %cost wrt %W : tensor<f64>, tensor<?xf64>
  %rate = irtk.constant dense<0.1> : tensor<1xf64>
  %step = irtk.mul %rate, %g : tensor<1xf64>, tensor<?xf64> -> tensor<?xf64>
  %W_new = irtk.sub %W, %step : tensor<?xf64>, tensor<?xf64> -> tensor<?xf64>
  func.return %y, %W_new : tensor<f64>, tensor<?xf64>
}
