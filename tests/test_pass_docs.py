"""docs/passes.md is generated from the passes (irtk/tools/pass_docs.py); it must not fall behind them, and every
pass must give the generator something to say."""

import pytest

from irtk import registry
from irtk.tools import pass_docs


def test_passes_doc_is_generated_text() -> None:
    assert pass_docs.OUTPUT.read_text(encoding="utf-8") == pass_docs.generate(), (
        "docs/passes.md is stale: run python -m irtk.tools.pass_docs")


def test_check_mode_reports_a_stale_file(tmp_path, monkeypatch, capsys) -> None:
    stale = tmp_path / "passes.md"
    stale.write_text(pass_docs.generate().replace("## `fuse`", "## `fuse (edited)`"), encoding="utf-8")
    monkeypatch.setattr(pass_docs, "OUTPUT", stale)
    assert pass_docs.main(["--check"]) == 1
    assert "-## `fuse (edited)`" in capsys.readouterr().out
    assert pass_docs.main([]) == 0 and pass_docs.main(["--check"]) == 0


@pytest.mark.parametrize("name", pass_docs.builtin_pass_names())
def test_every_pass_is_documented(name: str) -> None:
    doc = pass_docs.pass_doc(name)
    assert doc.info.summary, f"{name}: the class docstring's first line is its summary"
    assert doc.description, f"{name}: the class docstring says what the pass does after its summary"
    missing = [key for key in pass_docs.CONTRACT_KEYS if not doc.contract.get(key)]
    assert not missing, f"{name}: the module docstring's Contract section lacks {', '.join(missing)}"
    undocumented = [o.name for o in doc.info.options if not o.help]
    assert not undocumented, f"{name}: document each option in the class docstring (`field_name: meaning`)"


def test_every_builtin_pass_and_pipeline_is_in_the_doc() -> None:
    assert set(pass_docs.builtin_pass_names()) == set(registry.BUILTIN_PASSES)
    assert set(registry.PIPELINE_DOCS) == set(registry.BUILTIN_PIPELINES), "describe each pipeline in PIPELINE_DOCS"
    text = pass_docs.generate()
    for name in registry.BUILTIN_PASSES:
        assert f"## `{name}`" in text
    for name in registry.BUILTIN_PIPELINES:
        assert f"| `{name}` | `{registry.PIPELINES[name]}` |" in text


def test_contract_section_is_parsed_with_continuation_lines() -> None:
    doc = '''`x`: a pass.

Contract
  Level: tensor → structured
  Needs: one thing,
    and another.
  Fails: never.

Contract-looking text later is not read.
'''
    assert pass_docs.contract(doc) == {"Level": "tensor → structured", "Needs": "one thing, and another.",
                                       "Fails": "never."}
    assert pass_docs.contract("`x`: a pass with no contract.") == {}


def test_description_drops_the_summary_and_option_lines() -> None:
    doc = "Do it.\n\nWhat it does.\n\nlimit: how far,\n    and more.\nother: not an option, kept."
    assert pass_docs.description(doc, {"limit"}) == "What it does.\n\nother: not an option, kept."


def test_option_help_continues_on_deeper_lines() -> None:
    from irtk.tools.pass_info import option_entries

    doc = "Do it.\n\n    limit: how far,\n        and more.\n    top: first.\n"
    assert [(name, text) for name, text, _ in option_entries(doc)] == [("limit", "how far, and more."),
                                                                        ("top", "first.")]
