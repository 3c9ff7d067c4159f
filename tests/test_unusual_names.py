"""Names a user chooses never break a compile or escape a directory: an input named `_1`, a function named
`../../x`."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MODES

import irtk
from irtk import tensor
from irtk.compiler import dump_name


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", ["_1", "__2", "_1_2", "x_1", "a.b"])
def test_input_names_that_the_ir_would_shorten_to_nothing(mode, name):
    """xDSL drops a `_<digits>` suffix from a name hint, so `_1` became an empty name that a later pass could
    not copy (FAST_RUN crashed in bufferize)."""
    x = tensor.dscalar(name)
    f = irtk.function([x], x * 2, mode=mode)
    assert f(3.0) == 6.0


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", ["../../x", "/abs/olute", "..", "名前 with spaces"])
def test_dump_directory_stays_inside_irtk_dump(tmp_path, monkeypatch, mode, name):
    root = tmp_path / "dump" / "inner"
    monkeypatch.setenv("IRTK_DUMP", str(root))
    x = tensor.dscalar("x")
    irtk.function([x], x + 1, mode=mode, name=name)
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written and all(root in p.parents for p in written), written
    (directory,) = root.iterdir()
    assert directory.parent == root and not directory.name.startswith(".")


def test_dump_name_keeps_readable_names():
    assert dump_name("train_step") == "train_step"
    assert dump_name("../../x") == "_.._x"
    assert dump_name("...") == "function"
    assert Path(dump_name("a/" * 100)).name == dump_name("a/" * 100) and len(dump_name("a/" * 100)) <= 80
