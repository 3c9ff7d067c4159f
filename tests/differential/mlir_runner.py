"""Random programs at the loop level through the real MLIR 22 tools (/work/shared/MLIR_INTEROP.md).

A batch of programs becomes one irtk function whose outputs are cast to float64; `fast-run` lowers its tensor IR
to the loop level, which xDSL prints. Around the entry point (renamed `@kernel`) goes a `@main()` that reads
each input from a `memref.global` (elements written as their bit patterns in hex, so NaN, -0.0 and subnormals
arrive exactly), calls the kernel and prints every result with `printMemrefF64`. `mlir_check.sh` verifies it
with mlir-opt-22, lowers it to the LLVM dialect and runs it with mlir-runner-22; the printed numbers (six
significant digits) are parsed back for comparison with numpy.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
from xdsl.dialects import func
from xdsl.dialects.builtin import StringAttr
from xdsl.parser import Parser

import irtk
from irtk import registry
from irtk import tensor as T
from irtk.compiler import lower

from .program import Program

MLIR_CHECK = Path("/work/shared/tools/mlir_check.sh")
#: mlir_check.sh's lowering, with `convert-math-to-funcs` first: integer powers (`math.ipowi`) have no LLVM
#: lowering of their own, MLIR expands them into a function.
PIPELINE = " ".join([
    "--convert-math-to-funcs", "--convert-linalg-to-loops", "--expand-strided-metadata", "--lower-affine",
    "--convert-scf-to-cf", "--convert-math-to-llvm", "--convert-math-to-libm", "--finalize-memref-to-llvm",
    "--convert-arith-to-llvm", "--convert-func-to-llvm", "--convert-cf-to-llvm", "--convert-to-llvm",
    "--reconcile-unrealized-casts",
])
ELEMENT = {"float64": "f64", "float32": "f32", "int64": "i64", "int32": "i32", "int8": "i8", "uint8": "i8",
           "bool": "i1"}


def tools_missing() -> str | None:
    """Why the loop-level check cannot run here, or None."""
    if not MLIR_CHECK.exists():
        return f"{MLIR_CHECK} is missing"
    for tool in ("mlir-opt-22", "mlir-runner-22"):
        if not shutil.which(tool):
            return f"{tool} is not installed (apt-get install mlir-22-tools)"
    return None


def loop_module(programs: list[Program]) -> tuple[str, list[np.ndarray], list[np.ndarray]]:
    """(the runnable module's text, the input arrays, the expected float64 outputs)."""
    inputs = [v for p in programs for v in p.inputs]
    outputs = [p.values[i] for p in programs for i in p.outputs]
    f = irtk.function([v.var for v in inputs], [T.cast(o.var, "float64") for o in outputs],
                      mode="FAST_COMPILE", on_unused_input="ignore")
    module = lower(Parser(registry.make_context(), f.tensor_ir).parse_module(), "fast-run")
    (entry,) = [op for op in module.ops if isinstance(op, func.FuncOp) and op.sym_visibility is None]
    entry.sym_name = StringAttr("kernel")
    arg_types = [str(t) for t in entry.function_type.inputs.data]
    result_types = [str(t) for t in entry.function_type.outputs.data]
    lines = []
    for k, v in enumerate(inputs):
        static = _memref(v.ref)
        lines.append(f'  memref.global "private" constant @input{k} : {static} = {_dense(v.ref)}')
    lines.append("  func.func @main() {")
    for k, v in enumerate(inputs):
        lines.append(f"    %g{k} = memref.get_global @input{k} : {_memref(v.ref)}")
        lines.append(f"    %a{k} = memref.cast %g{k} : {_memref(v.ref)} to {arg_types[k]}")
    args = ", ".join(f"%a{k}" for k in range(len(inputs)))
    lines.append(f"    %r:{len(result_types)} = func.call @kernel({args}) : ({', '.join(arg_types)}) -> ({', '.join(result_types)})")
    for k, t in enumerate(result_types):
        lines.append(f"    %u{k} = memref.cast %r#{k} : {t} to memref<*xf64>")
        lines.append(f"    func.call @printMemrefF64(%u{k}) : (memref<*xf64>) -> ()")
    lines += ["    func.return", "  }", "  func.func private @printMemrefF64(memref<*xf64>)"]
    text = str(module).rstrip()
    assert text.endswith("}")
    expected = [o.ref.astype(np.float64) for o in outputs]
    return text[:-1] + "\n".join(lines) + "\n}\n", [v.ref for v in inputs], expected


def _memref(a: np.ndarray) -> str:
    return f"memref<{''.join(f'{n}x' for n in a.shape)}{ELEMENT[str(a.dtype)]}>"


def _dense(a: np.ndarray) -> str:
    if a.size == 0:
        return "dense<>"
    if a.dtype.kind == "f":
        flat = [f"0x{int(b):0{a.dtype.itemsize * 2}X}" for b in a.ravel().view(f"u{a.dtype.itemsize}")]
    elif a.dtype.kind == "b":
        flat = ["true" if b else "false" for b in a.ravel()]
    else:
        flat = [str(int(b)) for b in a.ravel().view(f"i{a.dtype.itemsize}")]
    if a.ndim == 0:
        return f"dense<{flat[0]}>"
    nested = np.array(flat, dtype=object).reshape(a.shape).tolist()
    return "dense<" + re.sub(r"'", "", str(nested)) + ">"


def run(text: str, workdir: Path) -> list[np.ndarray]:
    """The arrays the module prints, in order (raises with mlir_check's output when a step fails)."""
    path = workdir / "programs.mlir"
    path.write_text(text)
    env = {**os.environ, "MLIR_CHECK_PIPELINE": PIPELINE}
    done = subprocess.run([str(MLIR_CHECK), "-q", "--no-tensor", str(path)], capture_output=True, text=True,
                          timeout=300, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"mlir_check.sh exited with {done.returncode}:\n{done.stderr[-4000:]}")
    return parse_printed(done.stdout)


def parse_printed(stdout: str) -> list[np.ndarray]:
    arrays = []
    for chunk in stdout.split("Unranked Memref")[1:]:
        header, data = chunk.split("data =", 1)
        sizes = [int(n) for n in re.search(r"sizes = \[([^\]]*)\]", header).group(1).replace(",", " ").split()]
        if 0 in sizes:  # an empty array prints brackets only
            arrays.append(np.zeros(sizes))
            continue
        numbers = re.findall(r"-?(?:nan|inf|\d+\.?\d*(?:e[-+]?\d+)?)", data)
        values = [float(n) for n in numbers]
        arrays.append(np.array(values, dtype=np.float64).reshape(sizes))
    return arrays
