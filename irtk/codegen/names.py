"""Readable, unique, collision-free C identifiers for SSA values.

A value keeps its MLIR name hint (`%sum` becomes `sum`) so that generated code reads like its IR. A
hint is changed only where C would misread it: C++ keywords, the fixed-width type names, macros that the
included headers or GNU mode may define (`errno`, `linux`, `NAN`), and the `irtk_`
prefix, which generated helpers, functions and globals own — so a local can never shadow them. Names
in capitals are kept only when short (`A`, `W1`), since every macro of the standard headers is longer.
"""

from __future__ import annotations

import re

CPP_KEYWORDS = frozenset(
    """alignas alignof and and_eq asm auto bitand bitor bool break case catch char char8_t char16_t
    char32_t class compl concept const consteval constexpr constinit const_cast continue co_await
    co_return co_yield decltype default delete do double dynamic_cast else enum explicit export extern
    false float for friend goto if inline int long mutable namespace new noexcept not not_eq nullptr
    operator or or_eq private protected public register reinterpret_cast requires return short signed
    sizeof static static_assert static_cast struct switch template this thread_local throw true try
    typedef typeid typename union unsigned using virtual void volatile wchar_t while xor xor_eq""".split()
)

#: Names a local must not take: they would shadow a type, namespace or macro that generated code uses.
RESERVED = CPP_KEYWORDS | frozenset(
    """std int8_t int16_t int32_t int64_t uint8_t uint16_t uint32_t uint64_t size_t errno linux unix
    i386 stdin stdout stderr main arena args results error failure""".split()
)

_INVALID = re.compile(r"[^A-Za-z0-9_]")
_UNDERSCORES = re.compile(r"__+")


class NameTable:
    """The identifiers taken in one C scope (a function); hands out fresh ones."""

    def __init__(self) -> None:
        self._taken: set[str] = set()
        self._unnamed = 0

    def fresh(self, hint: str | None) -> str:
        """A new identifier based on `hint`, or `v0`, `v1`, ... for values without one."""
        if not hint:
            while f"v{self._unnamed}" in self._taken:
                self._unnamed += 1
            hint = f"v{self._unnamed}"
        return self._claim(_legal(hint))

    def fresh_global(self, kind: str, symbol: str) -> str:
        """`irtk_fn_main`, `irtk_g_weights`: module-level names live in the generated file's own prefix."""
        return self._claim("irtk_" + kind + "_" + _UNDERSCORES.sub("_", _INVALID.sub("_", symbol)).strip("_"))

    def _claim(self, base: str) -> str:
        name, suffix = base, 1
        while name in self._taken:
            name = f"{base.rstrip('_')}_{suffix}"
            suffix += 1
        self._taken.add(name)
        return name


def _legal(hint: str) -> str:
    name = _UNDERSCORES.sub("_", _INVALID.sub("_", hint))  # `__` anywhere is reserved in C++
    if (
        name[0].isdigit()
        or name[0] == "_"
        or name.startswith("irtk_")
        or name in RESERVED
        or (name.upper() == name and len(name) > 2)  # like a macro: EOF, NAN, INT64_MIN, IRTK_...
    ):
        name = "v_" + name.lstrip("_")
    return name
