"""The op table in docs/dialect.md is generated from the op registry; it must not fall behind."""

from pathlib import Path

from irtk.dialects.irtk import opdef


def test_dialect_doc_lists_every_registered_op() -> None:
    text = (Path(__file__).parent.parent / "docs" / "dialect.md").read_text()
    assert opdef.markdown_table() in text, "regenerate the table: python -m irtk.dialects.irtk.opdef"
