"""What the `irtk.plugins` entry point calls: registers the toy dialect, its pass and a named pipeline.

`lazy(module, name)` records where each lives without importing it: irtk imports the module the first time it
needs the dialect or the pass, so registering costs nothing and `irtk-opt --help` stays fast (it describes the
pass from its source file).
"""

from irtk.registry import lazy, register_dialect, register_pass, register_pipeline


def register() -> None:
    register_dialect("toy", lazy("irtk_toy.mul_add", "TOY"))
    register_pass("toy-fuse-mul-add", lazy("irtk_toy.fuse_mul_add", "FuseMulAdd"))
    # FAST_RUN's pipeline with the rewrite first: Mode(pipeline="toy-fast-run"), irtk-opt -p toy-fast-run
    register_pipeline("toy-fast-run", "toy-fuse-mul-add,fast-run")
