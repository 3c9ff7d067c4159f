"""Inputs for fuzzing `irtk-opt`: valid IR from the lit suite, mutated; and pipeline strings.

The seeds are every test case of `filecheck/` (files split at `// -----`), so mutations start from IR that
exercises every dialect and pass irtk has. A mutation is what a user's editing or a broken generator does to a
file: text cut out or duplicated, tokens swapped or replaced by others of MLIR's vocabulary (types, attributes,
names, huge and odd numbers), lines shuffled, the text cut short.
"""

from __future__ import annotations

import functools
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]

#: Pieces of MLIR's syntax a mutation may insert: tokens that reach the lexer, parser, verifier and passes.
VOCABULARY = [
    "%", "%0", "%arg0", "^bb0", "^bb1:", "@main", "{", "}", "(", ")", "<", ">", "[", "]", ":", ",", "=", "->", "#",
    "!", "\"", "\\", "loc(", "unknown", "index", "i1", "i8", "i64", "i0", "i999999", "f16", "f32", "f64", "bf16",
    "complex<f64>", "tensor<?xf64>", "tensor<0x?xf32>", "tensor<*xf64>", "memref<?x?xf64>", "memref<4xf64, strided<[?], offset: ?>>",
    "vector<4xf32>", "none", "0", "-1", "1", "9223372036854775807", "-9223372036854775808", "18446744073709551616",
    "1e308", "1e309", "0x7FF8000000000001", "nan", "inf", "-0.0", "true", "false", "dense<1.0>", "dense<>",
    "affine_map<(d0) -> (d0)>", "affine_map<(d0, d1) -> (d1, d0, d0)>", "array<i64: 1, 2>", "unit",
    "func.func", "func.return", "func.call", "arith.constant", "arith.addf", "arith.divsi", "scf.for", "scf.if",
    "scf.yield", "scf.parallel", "memref.alloc", "memref.load", "memref.store", "memref.subview", "cf.br", "cf.cond_br",
    "cf.assert", "linalg.generic", "linalg.yield", "tensor.empty", "tensor.extract_slice", "irtk.add", "irtk.sum",
    "irtk.dot", "irtk.grad", "irtk.subtensor", "irtk.reshape", "irtk.dimshuffle", "irtk_ext.scan", "builtin.module",
    "\u00e9", "\u0000", "\n", "// -----", "// expected-error @+1 {{x}}",
]


@functools.lru_cache(maxsize=1)
def seeds() -> tuple[str, ...]:
    """Every test case of the lit suite, as text."""
    cases = []
    for path in sorted((ROOT / "filecheck").rglob("*.mlir")):
        for case in path.read_text(errors="replace").split("// -----"):
            if case.strip():
                cases.append(case)
    return tuple(cases)


@st.composite
def mutated_ir(draw) -> str:
    """A lit test case with up to five mutations applied."""
    text = draw(st.sampled_from(seeds()))
    for _ in range(draw(st.integers(0, 5))):
        text = draw(_mutation(text))
    return text


def _mutation(text: str):
    n = len(text)
    position = st.integers(0, n)
    token = st.sampled_from(VOCABULARY)
    lines = text.split("\n")
    line = st.integers(0, max(0, len(lines) - 1))
    return st.one_of(
        st.tuples(position, position).map(lambda ab: text[: min(ab)] + text[max(ab) :]),  # cut a span
        st.tuples(position, position, position).map(  # copy a span elsewhere
            lambda abc: text[: abc[2]] + text[min(abc[:2]) : max(abc[:2])] + text[abc[2] :]
        ),
        st.tuples(position, token).map(lambda pt: text[: pt[0]] + pt[1] + text[pt[0] :]),  # insert a token
        st.tuples(position, st.integers(1, 12), token).map(  # replace a few characters by a token
            lambda ptk: text[: ptk[0]] + ptk[2] + text[ptk[0] + ptk[1] :]
        ),
        st.tuples(line, line).map(lambda ab: "\n".join(_swapped(lines, *ab))),  # swap two lines
        position.map(lambda p: text[:p]),  # cut short
    )


def _swapped(lines: list[str], a: int, b: int) -> list[str]:
    out = list(lines)
    out[a], out[b] = out[b], out[a]
    return out


#: Passes and named pipelines a pipeline string may use, with options that exist and ones that do not.
PASS_WORDS = [
    "canonicalize", "cse", "stabilize", "autodiff", "lower-to-structured", "fuse", "bufferize", "lower-to-loops",
    "tile", "use-blas", "fast-run", "fast-compile", "func.func", "builtin.module", "no-such-pass", "",
]
OPTION_TEXT = [
    "", "{}", "{sizes=4,4}", "{sizes=0}", "{sizes=-1}", "{sizes=99999999999999999999}", "{max-iterations=3}",
    "{max-iterations=-5}", "{region-simplify=aggressive}", "{top-down=false}", "{bogus=1}", "{sizes=}", "{", "}",
    "{sizes=4{", "{a=b,c}", "{=}", "{recompute-limit=2}",
]


@st.composite
def pipelines(draw) -> str:
    """A pipeline string: passes with options, plain or nested in anchors, sometimes broken."""
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        word = draw(st.sampled_from(PASS_WORDS))
        options = draw(st.sampled_from(OPTION_TEXT))
        if word in ("func.func", "builtin.module"):
            parts.append(f"{word}({draw(st.sampled_from(PASS_WORDS))}{options})")
        else:
            parts.append(word + options)
    text = ",".join(parts)
    if draw(st.booleans()):
        text = draw(_mutation(text)) if text else text
    return text
