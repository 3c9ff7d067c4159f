"""How many loop nests `fuse` leaves for a few workloads, so that a fusion regression fails a test.

Each `linalg.generic` left after `fuse` becomes one loop nest (and, between two of them, a temporary), so the
count is what fusion buys. The counts are exact: a change that fuses more should lower them here, on purpose.
The IR is the function's own (`f.tensor_ir`) run through the `fast-run` pipeline up to and including `fuse`, so
the passes before fuse (canonicalize, cse, lower-to-structured) are the ones a real compile runs.

A 1000-op elementwise chain is also compiled and run in both modes: fuse must take it in one step per op, not
re-clone the growing fused body (which took half a minute), and the single fused loop must compute numpy's values.
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import MODES, needs_native
from xdsl.dialects import scf
from xdsl.dialects.func import FuncOp
from xdsl.dialects.linalg.ops import GenericOp
from xdsl.parser import Parser

import irtk
from irtk import tensor
from irtk.tensor import nnet
from irtk.compiler import lower
from irtk.dialects.blas import GemmOp
from irtk.passes.fuse import Fuse
from irtk.registry import PIPELINES, make_context
from irtk.runtime.blas_library import blas_library

#: One cycle of the chain: each op reads the previous one, the values stay bounded.
STEPS = (lambda y: y * 0.999, lambda y: y + 0.002, lambda y: y - 0.001, lambda y: y / 1.0005)


def chain(y, n: int):
    """`n` elementwise ops applied in turn; the same code runs on an irtk variable and on a numpy array."""
    for i in range(n):
        y = STEPS[i % len(STEPS)](y)
    return y


def fused_module(f, fuse: str = "fuse"):
    """`f`'s IR after the `fast-run` passes up to `fuse`, the pass as the pipeline names it, options included
    (`fuse{recompute-limit=10}`)."""
    passes = PIPELINES["fast-run"].split(",")
    up_to_fuse = ",".join([*passes[: passes.index("fuse")], fuse])
    return lower(Parser(make_context(), f.tensor_ir).parse_module(), up_to_fuse)


def generics_after_fuse(f, fuse: str = "fuse") -> int:
    return sum(isinstance(op, GenericOp) for op in fused_module(f, fuse).walk())


def gemms_after_fuse(f) -> int:
    """The BLAS calls: `use-blas` runs before `fuse`, and makes none when there is no BLAS to link."""
    return sum(isinstance(op, GemmOp) for op in fused_module(f).walk())


def loop_nests_after_fast_run(f) -> list[str]:
    """The loops at the top level of `f`'s function after the whole `fast-run` pipeline, in order: the kernels the
    C++ runs one after another (`scf.parallel` nests, and `scf.if` for a full reduction's short/long choice).
    `fuse-outer-loops` merges nests over the same rows, so this counts what reads the data from memory."""
    module = lower(Parser(make_context(), f.tensor_ir).parse_module(), PIPELINES["fast-run"])
    function = next(op for op in module.walk() if isinstance(op, FuncOp))
    names = {scf.ParallelOp: "parallel", scf.ForOp: "for", scf.IfOp: "if"}
    return [names[type(op)] for op in function.body.block.ops if type(op) in names]


def test_a_chain_of_1000_ops_is_one_loop() -> None:
    x = tensor.dvector("x")
    f = irtk.function([x], chain(x, 1000), mode="FAST_COMPILE")
    assert generics_after_fuse(f) == 1


def test_an_expression_with_a_repeated_input_is_one_loop() -> None:
    """`x` is read twice, but it is an input, not a producer: every op has one use and fuses."""
    x, y, z = tensor.dvector("x"), tensor.dvector("y"), tensor.dvector("z")
    f = irtk.function([x, y, z], tensor.exp(x) * y + tensor.tanh(z) * 0.5 - x * x, mode="FAST_COMPILE")
    assert generics_after_fuse(f) == 1


def test_a_product_and_its_sum_are_one_loop() -> None:
    x, w = tensor.dvector("x"), tensor.dvector("w")
    f = irtk.function([x, w], tensor.sum(x * w), mode="FAST_COMPILE")
    assert generics_after_fuse(f) == 1


def test_float32_sums_round_in_a_loop_of_their_own_unless_an_elementwise_op_reads_them() -> None:
    """A float32 sum accumulates in float64 and is rounded by an elementwise generic (accumulation.py): a reduction
    never fuses into what reads it, so a sum returned as it is takes two nests, while the rounding of a mean fuses
    into its division and what follows, as many nests as in float64."""
    x, w = tensor.fvector("x"), tensor.fvector("w")
    assert generics_after_fuse(irtk.function([x, w], tensor.sum(x * w), mode="FAST_COMPILE")) == 2
    assert generics_after_fuse(irtk.function([x], x.mean() * 2 + 1, mode="FAST_COMPILE")) == 2
    d = tensor.dvector("d")
    assert generics_after_fuse(irtk.function([d], d.mean() * 2 + 1, mode="FAST_COMPILE")) == 2


def test_a_logistic_regression_step() -> None:
    """Theano's logistic-regression tutorial: one SGD step returning the prediction and the cross-entropy.

    Eight nests (the dots are BLAS calls, not generics): `exp(-dot(X, W) - b)` (cost 10, several uses: stored);
    `p_1 = 1 / (1 + exp(...))` (cost 4, read by the prediction, the cross-entropy and the gradient: computing
    it three times would add 8, more than recompute-limit=4, so it is stored); the prediction; the
    cross-entropy; the gradient with respect to the dot's result; its sum for `gb` (the backward dot also
    reads it, so it is stored); the update of W; the update of b."""
    X, Y = tensor.dmatrix("X"), tensor.dvector("Y")
    W = irtk.shared(np.random.default_rng(0).standard_normal(5), name="W")
    b = irtk.shared(0.0, name="b")
    p_1 = 1 / (1 + tensor.exp(-tensor.dot(X, W) - b))
    xent = -Y * tensor.log(p_1) - (1 - Y) * tensor.log(1 - p_1)
    cost = xent.mean() + 0.01 * (W**2).sum()
    gW, gb = tensor.grad(cost, [W, b])
    f = irtk.function([X, Y], [p_1 > 0.5, xent], updates=[(W, W - 0.1 * gW), (b, b - 0.1 * gb)], mode="FAST_COMPILE")
    assert generics_after_fuse(f) == 8


def test_row_softmax_is_four_loops() -> None:
    """max; `e = exp(m - max)`; the row sum of e; e / sum. The `?x1` copies that stretch the row max and the row
    sum fuse away (a copy costs nothing per read), so the nests read the row vectors at `(d0)`. `e`, read by
    the sum and by the division, is stored: computing it in both would cost 9 more units per element, above the
    default recompute-limit of 4 (and measured no faster, see fuse's docstring). The division cannot join the
    sum's loop: it needs the finished row sum. With recompute-limit=10 the passes are three."""
    m = tensor.dmatrix("m")
    f = irtk.function([m], nnet.softmax(m), mode="FAST_COMPILE")
    assert generics_after_fuse(f) == 4
    assert generics_after_fuse(f, "fuse{recompute-limit=10}") == 3


@pytest.mark.parametrize("loss", ["softmax", "logsoftmax", "crossentropy"])
def test_row_softmax_forms_are_one_nest_over_the_rows(loss: str) -> None:
    """The four nests of softmax (and of log-softmax and the cross-entropy), with the fills of their row
    reductions, touch only row i in iteration i: `fuse-outer-loops` runs them as one nest over the rows, so the
    matrix is read once and the result written once (two passes over the data)."""
    m, labels = tensor.dmatrix("m"), tensor.ivector("labels")
    out, args = {"softmax": (nnet.softmax(m), [m]), "logsoftmax": (nnet.logsoftmax(m), [m]),
                 "crossentropy": (nnet.categorical_crossentropy(nnet.softmax(m), labels), [m, labels])}[loss]
    assert loop_nests_after_fast_run(irtk.function(args, out, mode="FAST_COMPILE")) == ["parallel"]


def test_row_log_softmax_is_four_loops() -> None:
    """max; sum of exp(m - max); log of the row sum, stretched to `?x1` (a nest over rows only: fused into the
    output pass it would run `log` once per element, and a dynamic row length allows only free bodies there);
    the output `m - max - log(sum)`."""
    m = tensor.dmatrix("m")
    f = irtk.function([m], nnet.logsoftmax(m), mode="FAST_COMPILE")
    assert generics_after_fuse(f) == 4


def test_softmax_cross_entropy_is_four_loops() -> None:
    """`categorical_crossentropy(softmax(m), labels)` becomes the stable log-softmax form: max; sum of exps;
    log of the row sum (a row nest, as in log-softmax); one reduction per row that picks the label's
    `m - max - log(sum)` through the one-hot select."""
    m, labels = tensor.dmatrix("m"), tensor.ivector("labels")
    f = irtk.function([m, labels], nnet.categorical_crossentropy(nnet.softmax(m), labels), mode="FAST_COMPILE")
    assert generics_after_fuse(f) == 4


def test_a_logistic_regression_sgd_step_on_the_mean_binary_cross_entropy() -> None:
    """`binary_crossentropy(sigmoid(dot(X, w) + b), t).mean()` and an SGD step on shared w, b (the dots are BLAS
    calls): the cost's sum with the stabilised log-sigmoids inside; the mean's scalar division; the gradient with
    respect to the dot's result (`dot + b`, cost 1, is recomputed in both instead of stored); its sum for `gb`
    (the backward dot also reads it, so it is stored); the update of w; the update of b."""
    X, t = tensor.dmatrix("X"), tensor.dvector("t")
    w, b = irtk.shared(np.zeros(5), name="w"), irtk.shared(0.0, name="b")
    cost = nnet.binary_crossentropy(nnet.sigmoid(tensor.dot(X, w) + b), t).mean()
    gw, gb = tensor.grad(cost, [w, b])
    f = irtk.function([X, t], cost, updates=[(w, w - 0.1 * gw), (b, b - 0.1 * gb)], mode="FAST_COMPILE")
    assert generics_after_fuse(f) == 6


def test_an_mlp_step() -> None:
    """A tanh hidden layer, a softmax output, the mean categorical cross-entropy of integer labels, SGD on the
    four parameters (the dots are BLAS calls). Nineteen nests: `tanh(dot + b1)` (read by the next dot, so
    stored); the cross-entropy as in `test_softmax_cross_entropy_is_four_loops` (4) and its mean (sum, scalar
    division); the gradient recomputes softmax's row max and sum (2) and `log` of the sum (1), as autodiff
    writes it; the row-stretched `1/n` of the mean's gradient; the logits' gradient; the bias gradients' column
    sums (2); the hidden layer's gradient through tanh; and the four updates."""
    rng = np.random.default_rng(0)
    X, labels = tensor.dmatrix("X"), tensor.ivector("labels")
    W1, b1 = irtk.shared(rng.standard_normal((5, 8)), name="W1"), irtk.shared(np.zeros(8), name="b1")
    W2, b2 = irtk.shared(rng.standard_normal((8, 3)), name="W2"), irtk.shared(np.zeros(3), name="b2")
    hidden = tensor.tanh(tensor.dot(X, W1) + b1)
    cost = nnet.categorical_crossentropy(nnet.softmax(tensor.dot(hidden, W2) + b2), labels).mean()
    params = [W1, b1, W2, b2]
    grads = tensor.grad(cost, params)
    f = irtk.function([X, labels], cost, updates=[(p, p - 0.1 * g) for p, g in zip(params, grads)], mode="FAST_COMPILE")
    assert generics_after_fuse(f) == 19


# The workloads of benchmarks/workloads.py not counted above (W2, W3a, W3b and W5 are: the repeated-input
# expression, the product and its sum, the row softmax, the SGD step on the mean binary cross-entropy).


def test_w1_a_scalar_addition_is_one_nest_of_no_loop() -> None:
    """W1, `a + b` on two float64 scalars: one rank-0 generic, which lowers to a load, an add and a store."""
    a, b = tensor.dscalar("a"), tensor.dscalar("b")
    assert generics_after_fuse(irtk.function([a, b], a + b, mode="FAST_COMPILE")) == 1


@pytest.mark.parametrize("matrix", [tensor.dmatrix, tensor.fmatrix], ids=["float64", "float32"])
def test_w4_a_matrix_product_is_one_blas_call_and_no_loop(matrix) -> None:
    """W4, `dot(a, b)` of two matrices: `use-blas` makes it one gemm and leaves no generic; without a BLAS to
    link it stays the contraction's one generic."""
    a, b = matrix("a"), matrix("b")
    f = irtk.function([a, b], tensor.dot(a, b), mode="FAST_COMPILE")
    has_blas = blas_library() is not None
    assert (gemms_after_fuse(f), generics_after_fuse(f)) == ((1, 0) if has_blas else (0, 1))


def test_w5_the_logistic_regression_step_reads_x_in_two_blas_calls() -> None:
    """W5: the forward `dot(X, w)` and the backward `dot(X^T, dz)` are two matrix-vector gemms, so X is read
    twice; the six nests around them are counted in
    `test_a_logistic_regression_sgd_step_on_the_mean_binary_cross_entropy`."""
    X, t = tensor.dmatrix("X"), tensor.dvector("t")
    w, b = irtk.shared(np.zeros(5), name="w"), irtk.shared(0.0, name="b")
    cost = nnet.binary_crossentropy(nnet.sigmoid(tensor.dot(X, w) + b), t).mean()
    gw, gb = tensor.grad(cost, [w, b])
    f = irtk.function([X, t], cost, updates=[(w, w - 0.1 * gw), (b, b - 0.1 * gb)], mode="FAST_COMPILE")
    assert gemms_after_fuse(f) == (2 if blas_library() is not None else 0)
    if blas_library() is not None:
        # The cost's sum, the gradient nest, gb's sum, the update of w.
        assert loop_nests_after_fast_run(f) == ["if", "parallel", "if", "parallel"]


def test_w6_the_mlp_step_with_int64_labels() -> None:
    """W6 as the benchmark builds it (int64 labels, `T.mean`): the nineteen nests of `test_an_mlp_step`, and the
    five products are gemms (two forward; dlogits W2^T, h^T dlogits and X^T da1 backward)."""
    rng = np.random.default_rng(0)
    X, labels = tensor.dmatrix("X"), tensor.lvector("labels")
    W1, b1 = irtk.shared(rng.standard_normal((5, 8)), name="W1"), irtk.shared(np.zeros(8), name="b1")
    W2, b2 = irtk.shared(rng.standard_normal((8, 3)), name="W2"), irtk.shared(np.zeros(3), name="b2")
    hidden = tensor.tanh(tensor.dot(X, W1) + b1)
    cost = tensor.mean(nnet.categorical_crossentropy(nnet.softmax(tensor.dot(hidden, W2) + b2), labels))
    params = [W1, b1, W2, b2]
    grads = tensor.grad(cost, params)
    f = irtk.function([X, labels], cost, updates=[(p, p - 0.1 * g) for p, g in zip(params, grads)], mode="FAST_COMPILE")
    assert generics_after_fuse(f) == 19
    assert gemms_after_fuse(f) == (5 if blas_library() is not None else 0)
    if blas_library() is not None:
        # After fuse-outer-loops: the epilogue of the first gemm; the forward softmax and cross-entropy, one nest
        # over the batch's rows; the mean (a full reduction); the softmax gradient's rows; the bias gradients'
        # column sums and the hidden layer's gradient; the four updates (b1's and W2's over the same 8 rows:
        # one nest).
        assert loop_nests_after_fast_run(f) == ["parallel", "parallel", "if"] + ["parallel"] * 7


@pytest.mark.parametrize("n", [10, 100])
def test_w7_the_benchmark_chains_are_one_loop(n: int) -> None:
    """W7 at the benchmark's shorter lengths (1000 is `test_a_chain_of_1000_ops_is_one_loop`)."""
    x = tensor.dvector("x")
    assert generics_after_fuse(irtk.function([x], chain(x, n), mode="FAST_COMPILE")) == 1


@needs_native
@pytest.mark.parametrize("loss", ["softmax", "logsoftmax", "crossentropy"])
def test_fused_softmax_forms_give_the_same_bits_in_both_modes(loss: str) -> None:
    """Recomputing exp in several nests moves ops, it never reorders them: FAST_COMPILE (numpy on the fused IR)
    and FAST_RUN (the compiled loops) agree bit for bit, and both agree with numpy."""
    m, labels = tensor.dmatrix("m"), tensor.ivector("labels")
    data = np.random.default_rng(2).standard_normal((37, 19)) * 5
    ids = np.random.default_rng(3).integers(0, 19, 37).astype(np.int32)
    shifted = data - data.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    if loss == "softmax":
        out, args, expected = nnet.softmax(m), [data], np.exp(log_p)
    elif loss == "logsoftmax":
        out, args, expected = nnet.logsoftmax(m), [data], log_p
    else:
        out, args, expected = nnet.categorical_crossentropy(nnet.softmax(m), labels), [data, ids], -log_p[np.arange(37), ids]
    ins = [m, labels] if loss == "crossentropy" else [m]
    results = [irtk.function(ins, out, mode=mode)(*args) for mode in ("FAST_COMPILE", "FAST_RUN")]
    np.testing.assert_array_equal(results[0], results[1])
    np.testing.assert_allclose(results[0], expected, rtol=1e-12, atol=1e-12)


def test_a_negative_recompute_limit_is_refused() -> None:
    with pytest.raises(ValueError, match="recompute-limit must be a non-negative integer"):
        Fuse(recompute_limit=-1)


@pytest.mark.parametrize("mode", MODES)
def test_a_chain_of_1000_ops_compiles_and_matches_numpy(mode: str) -> None:
    x = tensor.dvector("x")
    f = irtk.function([x], chain(x, 1000), mode=mode)
    data = np.random.default_rng(1).uniform(-1.0, 1.0, 257)
    np.testing.assert_allclose(f(data), chain(data, 1000), rtol=1e-12, atol=1e-12)
