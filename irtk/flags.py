"""All of irtk's configuration flags, in one place.

Flags come from the `IRTK_FLAGS` environment variable, in the comma-separated `key=value` syntax Theano
used for `THEANO_FLAGS` (`IRTK_FLAGS=mode=FAST_COMPILE,floatX=float32`). `THEANO_FLAGS` is read too, so
that `THEANO_FLAGS=mode=FAST_COMPILE python program.py` runs a Theano program as it did; where both set a
flag, `IRTK_FLAGS` wins. Programs may also set `irtk.config.mode = ...`; a `mode=` argument of
`irtk.function` overrides both.

Theano has many flags that mean nothing here (`optimizer`, `exception_verbosity`, ...). Those
are accepted in `THEANO_FLAGS` and ignored, so that a Theano user's environment does not stop a program;
reading one (`config.optimizer`) gives the value set, or Theano's default. A flag Theano never had is an
error in either variable, and any flag irtk does not implement is an error in `IRTK_FLAGS`, which is
irtk's own and should say only what irtk does.

Environment variables read elsewhere, listed here so there is one place to look:
  IRTK_CACHE_DIR   where compiled kernels are cached (default: $XDG_CACHE_HOME/irtk or ~/.cache/irtk)
  IRTK_DUMP        a directory; each compiled function writes its IR after every stage and its C++ there
  IRTK_CXX         the C++ compiler (default: c++, then g++)
  IRTK_NVCC        nvcc, for device=cuda (default: nvcc on PATH, then $CUDA_HOME/bin/nvcc)
  IRTK_VERBOSE     print what the compile cache does

`threads` (default 0: one per core) is how many threads a compiled kernel's parallel loops may use;
`temporaries_limit` (default 256MiB) how much freed scratch memory all compiled functions together keep.
`pipeline` replaces the passes of the mode (`pipeline=my-pass,fast-run`; see irtk/frontend/mode.py).
`verify_passes` (end or each) is when a compile verifies the IR: once after the pipeline, or after every pass.
`precompiled_preamble` (on or off): whether GCC reads the kernels' common preamble from a precompiled header in the
cache (`irtk/runtime/precompiled_preamble.py`); the results are the same bits either way. `tiered_compile` (on or
off): whether a new function's first calls run a kernel built at -O0 while the optimized one builds in the background
(`irtk/runtime/tiered.py`); the same bits either way.
`cxxflags` adds flags to the C++ compiler's command, after irtk's own (`cxxflags=-O2 -g`; irtk/runtime/toolchain.py).
`device` (cpu or cuda, Theano's name) picks the target of FAST_RUN; `cuda_arch` (default sm_90) the GPU
architectures nvcc compiles for (docs/cuda.md).
The compile cache's limits are flags: `cache_max_size` (bytes, default 1GiB), `cache_lock_timeout` and
`compile_timeout` (seconds, defaults 300 and 600); `python -m irtk.cache` shows, checks and clears the cache.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

MODES = ("FAST_RUN", "FAST_COMPILE")

#: The values each implemented flag may take.
CHOICES = {
    "mode": MODES,
    "floatX": ("float64", "float32"),
    "on_unused_input": ("raise", "warn", "ignore"),
    "device": ("cpu", "cuda"),
    "verify_passes": ("end", "each"),
    "precompiled_preamble": ("on", "off"),
    "tiered_compile": ("on", "off"),
}

#: Flags whose value is a number, with the parser of their text: sizes in bytes, times in seconds.
NUMBERS = {
    "cache_max_size": "size",
    "cache_lock_timeout": "seconds",
    "compile_timeout": "seconds",
    "threads": "count",
    "temporaries_limit": "size",
}

#: Flags whose value is free text: `pipeline`, the pass list compiled functions run instead of their mode's.
#: In the flag variables its commas separate passes, not flags: `IRTK_FLAGS=pipeline=my-pass,fast-run,floatX=float32`
#: (an item with no `=` of its own, or with `{options}`, continues the pipeline). And `cuda_arch` and `cxxflags`, checked when read (`TEXT_CHECKERS`).
TEXT = ("pipeline", "cuda_arch", "cxxflags")

#: Text flags whose value is checked when read: (module, function) of a checker that raises ValueError for a bad
#: value (imported only then: the flags module is imported by everything).
TEXT_CHECKERS = {
    "cuda_arch": ("irtk.runtime.cuda_toolchain", "architecture_flags"),
    "cxxflags": ("irtk.runtime.toolchain", "extra_compiler_flags"),
}
#: Every flag irtk implements.
KNOWN = (*CHOICES, *NUMBERS, *TEXT)

_SIZE_UNITS = {"": 1, "b": 1, "k": 1 << 10, "kb": 1 << 10, "kib": 1 << 10, "m": 1 << 20, "mb": 1 << 20,
               "mib": 1 << 20, "g": 1 << 30, "gb": 1 << 30, "gib": 1 << 30, "t": 1 << 40, "tb": 1 << 40, "tib": 1 << 40}

#: Theano 1.0 flags with no meaning in irtk, with Theano's default where programs commonly read them.
THEANO_ONLY = {
    "init_gpu_device": "", "force_device": False, "print_active_device": True,
    "optimizer": "fast_run", "optimizer_excluding": "", "optimizer_including": "", "optimizer_requiring": "",
    "optimizer_verbose": False, "on_opt_error": "warn", "on_shape_error": "warn", "nocleanup": False,
    "exception_verbosity": "low", "compute_test_value": "off", "compute_test_value_opt": "off",
    "print_test_value": False, "check_input": True, "warn_float64": "ignore", "cast_policy": "custom",
    "int_division": "int", "deterministic": "default", "linker": "cvm", "allow_gc": True, "openmp": False,
    "openmp_elemwise_minsize": 200000, "cxx": "", "compiledir": "", "base_compiledir": "",
    "compiledir_format": "", "profile": False, "profile_optimizer": False, "profile_memory": False,
    "assert_no_cpu_op": "ignore", "unpickle_function": True, "reoptimize_unpickled_function": False,
    "pickle_test_value": True, "check_stack_trace": "off", "cycle_detection": "regular",
    "check_preallocated_output": "", "check_preallocated_output_ndim": 4, "print_global_stats": False,
    "cache_optimizations": False,
}

#: Theano 1.0 flag sections (`gcc.cxxflags`, `dnn.enabled`, `warn.ignore_bug_before`, ...), all ignored.
THEANO_SECTIONS = (
    "blas", "cmodule", "compile", "conv", "ctc", "cuda", "dnn", "DebugMode", "experimental", "gcc", "gpuarray",
    "gpuelemwise", "lib", "magma", "metaopt", "NanGuardMode", "numpy", "nvcc", "optdb", "profiling", "pycuda",
    "scan", "tensor", "traceback", "vm", "warn", "gpu",
)

_log = logging.getLogger(__name__)


def is_theano_only(key: str) -> bool:
    """Whether `key` is a Theano flag that irtk accepts and ignores."""
    return key in THEANO_ONLY or ("." in key and key.partition(".")[0] in THEANO_SECTIONS)


@dataclass
class Config:
    #: FAST_RUN compiles to C++; FAST_COMPILE evaluates the tensor-level IR with numpy, no compiler.
    mode: str = "FAST_RUN"
    #: The dtype of `tensor.scalar()`, `tensor.matrix()`, ... when none is given.
    floatX: str = "float64"  # noqa: N815 (Theano's name)
    #: What `function` does with an input the outputs and updates do not need: raise, warn or ignore.
    on_unused_input: str = "raise"
    #: The kernel cache's size limit in bytes (`cache_max_size=512MiB`; 0: no limit). Adding an entry that takes
    #: the cache over it removes the least recently used entries.
    cache_max_size: int = 1 << 30
    #: Seconds to wait for another process's lock on a cache entry (it is compiling that entry) before
    #: compiling without the lock: a stopped or hung process must not stop every other one. 0: do not wait.
    cache_lock_timeout: float = 300.0
    #: Seconds a run of the C++ compiler may take before it is killed and the compile fails. 0: no limit.
    compile_timeout: float = 600.0
    #: How many threads a compiled kernel's parallel loops may use (`threads=1`: one, the calling thread; 0: one
    #: per core this process may run on). Results are the same bits whatever the number (docs/numerical-policy.md).
    threads: int = 0
    #: The most bytes of freed temporaries that all compiled functions of the process together keep for their
    #: next calls (each kernel keeps at most 64 MiB, in blocks of 64 KiB or more); 0 keeps none.
    temporaries_limit: int = 256 << 20
    #: The pass pipeline compiled functions run instead of their mode's (`fast-run`, `fast-compile`), e.g. a
    #: plugin's pass first: `my-pass,fast-run`. Empty: the mode's. A `Mode(pipeline=...)` overrides it.
    pipeline: str = ""
    #: Where FAST_RUN runs compiled functions: `cpu` (C++) or `cuda` (the CUDA target, docs/cuda.md: the loops that can
    #: run on a GPU become kernels, compiled by nvcc; a machine without a GPU or driver is refused at `function`).
    #: Theano's flag; in THEANO_FLAGS its spellings `cuda0`, `gpu`, `gpu1`, ... mean `cuda`.
    device: str = "cpu"
    #: The GPU architectures the CUDA target compiles for: `sm_90`, or several joined with `+` (`sm_80+sm_90`);
    #: machine code for each and PTX for the newest (irtk/runtime/cuda_toolchain.py).
    cuda_arch: str = "sm_90"
    #: When a compile verifies the IR: `end`, once after the whole pipeline (a broken IR is still never emitted,
    #: and verifying W6's IR after each of fast-run's 15 passes took half of the passes' time), or `each`, after
    #: every pass, so that an internal error names the pass that broke the IR (the test suite runs with it).
    verify_passes: str = "end"
    #: GCC reads the kernels' common preamble from a precompiled header in the cache (`on`), or parses it (`off`).
    precompiled_preamble: str = "on"
    #: A new FAST_RUN function's first calls run its kernel built at -O0 while the optimized one compiles in the
    #: background (`on`, irtk/runtime/tiered.py), or the function waits for the optimized one (`off`).
    tiered_compile: str = "on"
    #: Flags added to the C++ compiler's command after irtk's own, so that they win (`-O2` compiles in about half
    #: the time of the default `-O3`, `-g` keeps debug information); they are part of the compile cache's key.
    #: Flags that change floating-point results (`-ffast-math`, `-Ofast`, `-ffp-contract=fast`, ...) are refused:
    #: FAST_RUN computes what FAST_COMPILE computes, bit for bit (docs/numerical-policy.md).
    cxxflags: str = ""
    #: The Theano-only flags `THEANO_FLAGS` set; read back as attributes, never acted on.
    theano_only: dict = field(default_factory=dict, repr=False)

    @classmethod
    def from_flags(cls, flags: str, source: str = "IRTK_FLAGS") -> Config:
        """The configuration `flags` (Theano's `key=value,...` syntax) give; `source` names them in errors."""
        config = cls()
        config.theano_only.update(_theano_only(flags, source))
        for key, value in _parse(flags, source).items():
            setattr(config, key, value)
        return config

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> Config:
        """`THEANO_FLAGS` and then `IRTK_FLAGS`, so that irtk's own variable wins a flag both set."""
        config = cls()
        theano_flags = environ.get("THEANO_FLAGS", "")
        config.theano_only.update(_theano_only(theano_flags, "THEANO_FLAGS"))
        for source in ("THEANO_FLAGS", "IRTK_FLAGS"):
            for key, value in _parse(environ.get(source, ""), source).items():
                setattr(config, key, value)
        return config

    def validate(self) -> None:
        """Check the implemented flags' values (after a program assigned them, say)."""
        for key in CHOICES:
            _check(key, getattr(self, key), "irtk.config")
        for key in NUMBERS:
            setattr(self, key, _number(key, getattr(self, key), "irtk.config"))
        for key in ("pipeline", "cxxflags"):
            if not isinstance(getattr(self, key), str):
                raise TypeError(f"irtk.config: {key} must be a string, not {type(getattr(self, key)).__name__}")

    def __getattr__(self, name: str):
        """A Theano-only flag (`config.device`): the value `THEANO_FLAGS` gave it, or Theano's default."""
        if name != "theano_only" and is_theano_only(name):
            return self.theano_only.get(name, THEANO_ONLY.get(name))
        raise AttributeError(f"irtk.config has no flag {name!r}; flags: {', '.join(KNOWN)}")


def _items(flags: str, source: str):
    items: list[list[str]] = []  # [item, key, value]
    for item in filter(None, (part.strip() for part in _split_commas(flags))):
        key, sep, value = item.partition("=")
        key = key.strip()
        if items and items[-1][1] == "pipeline" and (not sep or "{" in key):
            items[-1][0] += "," + item  # the next pass of the pipeline, not a flag
            items[-1][2] += "," + item
            continue
        if not sep or not key:
            raise ValueError(f"{source}: malformed flag {item!r}; flags are written key=value, separated by commas")
        items.append([item, key, value.strip()])
    for item, key, value in items:
        yield item, key, value


def _split_commas(flags: str) -> list[str]:
    """Split on commas outside braces: a pipeline's `tile{sizes=4,4}` is one item."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(flags):
        depth += (ch == "{") - (ch == "}")
        if ch == "," and depth == 0:
            parts.append(flags[start:i])
            start = i + 1
    return parts + [flags[start:]]


def _parse(flags: str, source: str) -> dict[str, str]:
    """The implemented flags `flags` set, checked; a Theano-only flag is skipped where `source` is THEANO_FLAGS."""
    parsed: dict[str, str] = {}
    for item, key, value in _items(flags, source):
        if key in CHOICES:
            if key == "device" and source == "THEANO_FLAGS":
                value = _theano_device(value)
            parsed[key] = _check(key, value, source)
        elif key in NUMBERS:
            parsed[key] = _number(key, value, source)
        elif key in TEXT:
            parsed[key] = _check_text(key, value, source)
        elif source == "THEANO_FLAGS" and is_theano_only(key):
            _log.debug("THEANO_FLAGS: %s has no meaning in irtk and is ignored", item)
        elif source == "THEANO_FLAGS":
            raise ValueError(f"THEANO_FLAGS: unknown flag {item!r}; Theano has no flag {key!r}")
        else:
            hint = " (a Theano flag, meaningless in irtk: accepted only in THEANO_FLAGS)" if is_theano_only(key) else ""
            raise ValueError(f"{source}: unknown flag {item!r}{hint}; known flags: {', '.join(KNOWN)}")
    return parsed


def _check_text(key: str, value: str, source: str) -> str:
    """`value`, once the flag's checker (if it has one) accepts it; its error names `source`."""
    if key in TEXT_CHECKERS:
        import importlib

        module, function = TEXT_CHECKERS[key]
        try:
            getattr(importlib.import_module(module), function)(value)
        except ValueError as e:
            raise ValueError(f"{source}: {e}") from None
    return value


def _theano_device(value: str) -> str:
    """Theano's `device` values: `cpu`, and `cuda`, `cuda0`, `gpu`, `gpu1`, ... (one GPU, or a numbered one), which
    all mean irtk's `cuda`; anything else is left for `_check` to refuse."""
    text = value.strip()
    for prefix in ("cuda", "gpu"):
        if text.startswith(prefix) and text[len(prefix):].isdigit() or text == prefix:
            return "cuda"
    return text


def _theano_only(flags: str, source: str) -> dict[str, str]:
    if source != "THEANO_FLAGS":
        return {}
    return {key: value for _, key, value in _items(flags, source) if key not in KNOWN and is_theano_only(key)}


def _check(key: str, value: str, source: str) -> str:
    if value not in CHOICES[key]:
        raise ValueError(f"{source}: {key} must be one of {', '.join(CHOICES[key])}, not {value!r}")
    return value


def _number(key: str, value, source: str) -> int | float:
    """The value of the numeric flag `key` from its text (or a number a program assigned), checked: a size is
    a whole number of bytes with an optional unit (K, M, G, T, or KiB, MiB, ... : powers of 1024), a time a
    number of seconds; neither may be negative."""
    kind = NUMBERS[key]
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise TypeError(f"{source}: {key} must be a number, not {type(value).__name__}")
    if isinstance(value, str):
        text = value.strip().lower()
        unit = text.lstrip("0123456789.") if kind == "size" else ""
        if kind == "count" and not text.isdigit():
            raise ValueError(f"{source}: {key} must be a whole number, not {value!r}")
        number = text[: len(text) - len(unit)]
        try:
            parsed = float(number) * _SIZE_UNITS[unit] if kind == "size" else float(text)
        except (ValueError, KeyError):
            example = "a number of seconds"
            if kind == "size":
                example = "a number of bytes with an optional unit, e.g. 512MiB or 2G"
            raise ValueError(f"{source}: {key} must be {example}, not {value!r}") from None
    else:
        parsed = float(value)
    if not parsed >= 0 or parsed == float("inf"):
        raise ValueError(f"{source}: {key} must be a finite number not below 0, not {value!r}")
    if kind == "count" and parsed != int(parsed):
        raise ValueError(f"{source}: {key} must be a whole number, not {value!r}")
    return int(parsed) if kind in ("size", "count") else parsed


def thread_count() -> int:
    """The `threads` flag resolved: 0 means one thread per core this process may run on."""
    chosen = int(number_flag("threads"))
    if chosen:
        return chosen
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def number_flag(key: str) -> int | float:
    """The current value of a numeric flag, checked again (a program may have assigned any value)."""
    return _number(key, getattr(config, key), "irtk.config")


config = Config.from_environment(os.environ)


def resolve_mode(mode) -> str:
    """The mode a function compiles in: its `mode=` argument (a name or a `Mode`), else the configured one."""
    chosen = config.mode if mode is None else getattr(mode, "name", mode)
    if chosen not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {chosen!r}")
    return chosen


def resolve_pipeline(mode) -> str | None:
    """The pass pipeline a function compiles with: its `Mode`'s `pipeline`, else the `pipeline` flag; None for the
    mode's own named pipeline."""
    chosen = getattr(mode, "pipeline", None)
    if chosen is None and config.pipeline.strip():
        from irtk.frontend.mode import check_pipeline

        chosen = check_pipeline(config.pipeline, "the pipeline flag")
    return chosen


def resolve_on_unused_input(value: str | None) -> str:
    """What `function` does with an unused input: its `on_unused_input=` argument, else the configured one."""
    chosen = config.on_unused_input if value is None else value
    if chosen not in CHOICES["on_unused_input"]:
        raise ValueError(f"on_unused_input must be one of {', '.join(CHOICES['on_unused_input'])}, not {chosen!r}")
    return chosen
