"""All of irtk's configuration flags, in one place.

Flags come from the `IRTK_FLAGS` environment variable, in the comma-separated `key=value` syntax Theano
used for `THEANO_FLAGS` (`IRTK_FLAGS=mode=FAST_COMPILE,floatX=float32`). Programs may also set
`irtk.config.mode = ...`; a `mode=` argument of `irtk.function` overrides both.

Environment variables read elsewhere, listed here so there is one place to look:
  IRTK_CACHE_DIR   where compiled kernels are cached (default: $XDG_CACHE_HOME/irtk or ~/.cache/irtk)
  IRTK_DUMP        a directory; each compiled function writes its IR after every stage and its C++ there
  IRTK_CXX         the C++ compiler (default: c++, then g++)
  IRTK_VERBOSE     print what the compile cache does
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields

MODES = ("FAST_RUN", "FAST_COMPILE")


@dataclass
class Config:
    #: FAST_RUN compiles to C++; FAST_COMPILE evaluates the tensor-level IR with numpy, no compiler.
    mode: str = "FAST_RUN"
    #: The dtype of `tensor.scalar()`, `tensor.matrix()`, ... when none is given.
    floatX: str = "float64"  # noqa: N815 (Theano's name)

    @classmethod
    def from_flags(cls, flags: str) -> Config:
        config = cls()
        known = {f.name: f for f in fields(cls)}
        for item in filter(None, (part.strip() for part in flags.split(","))):
            key, sep, value = item.partition("=")
            key = key.strip()
            if not sep or key not in known:
                raise ValueError(f"IRTK_FLAGS: unknown or malformed flag {item!r}; known flags: {', '.join(known)}")
            setattr(config, key, value.strip())
        config.validate()
        return config

    def validate(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, not {self.mode!r}")
        if self.floatX not in ("float32", "float64"):
            raise ValueError(f"floatX must be float32 or float64, not {self.floatX!r}")


config = Config.from_flags(os.environ.get("IRTK_FLAGS", ""))


def resolve_mode(mode: str | None) -> str:
    """The mode a function compiles in: its `mode=` argument, else the configured one."""
    chosen = config.mode if mode is None else getattr(mode, "name", mode)
    if chosen not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {chosen!r}")
    return chosen
