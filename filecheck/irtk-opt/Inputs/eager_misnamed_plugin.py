"""A plugin that registers a pass class under another name than its own: refused when it registers."""

from dataclasses import dataclass

from xdsl.passes import ModulePass

from irtk.registry import register_pass


@dataclass(frozen=True)
class Renamed(ModulePass):
    name = "renamed-in-class"

    def apply(self, ctx, op) -> None:
        pass


register_pass("renamed-at-registration", Renamed)
