"""An example irtk plugin: a dialect and passes registered from outside irtk, without editing it.

Load it with `irtk-opt --load-plugin tests/irtk_opt_plugin.py` or `IRTK_PLUGINS=tests/irtk_opt_plugin.py`.
The tests use its passes to exercise pipeline options and every way a pass can fail:
- `demo-tag{label="..." count=N}` sets `demo.label` / `demo.count` on every function;
- `demo-reject{op="arith.mulf"}` refuses the first op of that name (an irtk OpError, located at the op);
- `demo-drop-return` deletes every `func.return`, leaving IR the verifier rejects;
- `demo-hoist{op="arith.mulf"}` moves every op of that name to the start of its block, above the
  definitions of its operands (IR that only the dominance check rejects);
- `demo-crash{error="KeyError"}` hits a bug inside a rewrite pattern: a KeyError by default, or an
  exception of the builtin type named (ValueError, AssertionError, ...).
Everything is imported lazily, as a real plugin should, so that loading it costs nothing until it is used.
"""

from irtk.registry import register_dialect, register_pass


def _dialect():
    from xdsl.ir import Dialect
    from xdsl.irdl import IRDLOperation, irdl_op_definition

    @irdl_op_definition
    class NoOp(IRDLOperation):
        """`demo.noop`: does nothing; shows that a plugin dialect parses and prints."""

        name = "demo.noop"
        assembly_format = "attr-dict"

    return Dialect("demo", [NoOp], [])


def _passes():
    import builtins
    from dataclasses import dataclass

    from xdsl.dialects.builtin import IntegerAttr, StringAttr, i64
    from xdsl.passes import ModulePass
    from xdsl.pattern_rewriter import PatternRewriter, PatternRewriteWalker, RewritePattern

    from irtk.diagnostics import OpError

    @dataclass(frozen=True)
    class Tag(ModulePass):
        name = "demo-tag"
        label: str = "none"
        count: int = 1

        def apply(self, ctx, op) -> None:
            for f in op.walk():
                if f.name == "func.func":
                    f.attributes["demo.label"] = StringAttr(self.label)
                    f.attributes["demo.count"] = IntegerAttr(self.count, i64)

    @dataclass(frozen=True)
    class Reject(ModulePass):
        name = "demo-reject"
        op: str = "arith.mulf"

        def apply(self, ctx, op) -> None:
            for inner in op.walk():
                if inner.name == self.op:
                    raise OpError(inner, f"demo-reject: refusing '{self.op}'")

    @dataclass(frozen=True)
    class DropReturn(ModulePass):
        name = "demo-drop-return"

        def apply(self, ctx, op) -> None:
            for inner in list(op.walk()):
                if inner.name == "func.return":
                    inner.detach()
                    inner.erase()

    @dataclass(frozen=True)
    class Hoist(ModulePass):
        name = "demo-hoist"
        op: str = "arith.mulf"

        def apply(self, ctx, op) -> None:
            for inner in list(op.walk()):
                block = inner.parent_block()
                if inner.name == self.op and block is not None and block.first_op is not inner:
                    inner.detach()
                    block.insert_op_before(inner, block.first_op)

    @dataclass
    class _Buggy(RewritePattern):
        error: str

        def match_and_rewrite(self, op, rewriter: PatternRewriter) -> None:
            if op.name == "arith.addf":
                if self.error == "KeyError":
                    {}["no such key"]  # the bug
                raise getattr(builtins, self.error)("demo-crash: a simulated bug")

    @dataclass(frozen=True)
    class Crash(ModulePass):
        name = "demo-crash"
        error: str = "KeyError"

        def apply(self, ctx, op) -> None:
            PatternRewriteWalker(_Buggy(self.error)).rewrite_module(op)

    return {p.name: p for p in (Tag, Reject, DropReturn, Hoist, Crash)}


register_dialect("demo", _dialect)
for _name in ("demo-tag", "demo-reject", "demo-drop-return", "demo-hoist", "demo-crash"):
    register_pass(_name, lambda _name=_name: _passes()[_name])
