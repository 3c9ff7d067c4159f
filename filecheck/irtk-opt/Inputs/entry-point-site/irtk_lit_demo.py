"""An installed plugin for entry-points.mlir: a pass that tags functions, one registered under a name its class
does not have, and a named pipeline."""

from irtk.registry import register_pass, register_pipeline


def _tag_class(name: str):
    from dataclasses import dataclass

    from xdsl.dialects.builtin import UnitAttr
    from xdsl.passes import ModulePass

    @dataclass(frozen=True)
    class Tag(ModulePass):
        """Mark every function with the unit attribute `lit_demo.tagged`."""

        def apply(self, ctx, op) -> None:
            for f in op.walk():
                if f.name == "func.func":
                    f.attributes["lit_demo.tagged"] = UnitAttr()

    Tag.name = name
    return Tag


def register() -> None:
    register_pass("lit-demo-tag", lambda: _tag_class("lit-demo-tag"))
    register_pass("lit-demo-misnamed", lambda: _tag_class("lit-demo-other-name"))
    register_pipeline("lit-demo-pipeline", "lit-demo-tag,canonicalize")
