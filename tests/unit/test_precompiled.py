"""Precompiled templates: used only while fresh, and never change a byte of output."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from mlops_compiler import compile_spec
from mlops_compiler.render import engine as render
from mlops_compiler.render import precompiled
from mlops_compiler.render.environment import template_environment
from mlops_compiler.render.precompiled import COMPILED_DIR, template_loader, write_compiled_set
from mlops_compiler.resources import templates_dir

EXAMPLES = sorted(Path(__file__).resolve().parents[2].glob("examples/*/mlops.yaml"))


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir() if path.is_file()}


def _stamped_jinja() -> str:
    text = (COMPILED_DIR / precompiled.STAMP_NAME).read_text(encoding="utf-8")
    return text.split('JINJA_VERSION = "', 1)[1].split('"', 1)[0]


def test_the_committed_set_is_what_this_jinja_compiles_from_these_templates(
    tmp_path: Path,
) -> None:
    """Else `make regen` was forgotten after a template change; another Jinja must not use it."""
    if _stamped_jinja() != jinja2.__version__:
        assert isinstance(template_loader(templates_dir()), jinja2.FileSystemLoader)
        return
    fresh = tmp_path / "compiled"
    write_compiled_set(template_environment(jinja2.FileSystemLoader(templates_dir())), fresh)
    assert _files(fresh) == _files(COMPILED_DIR), "run `make regen` and commit the result"


def test_a_fresh_set_is_loaded_instead_of_the_template_sources() -> None:
    fresh = _stamped_jinja() == jinja2.__version__
    expected = jinja2.ModuleLoader if fresh else jinja2.FileSystemLoader
    assert isinstance(template_loader(templates_dir()), expected)


def test_templates_that_changed_since_the_set_was_compiled_are_read_from_source(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(precompiled, "templates_fingerprint", lambda: "0" * 64)
    assert isinstance(template_loader(templates_dir()), jinja2.FileSystemLoader)


def test_another_templates_folder_is_read_from_source(tmp_path: Path) -> None:
    assert isinstance(template_loader(tmp_path), jinja2.FileSystemLoader)


def test_a_missing_set_means_the_sources(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(precompiled, "COMPILED_DIR", tmp_path / "absent")
    assert isinstance(template_loader(templates_dir()), jinja2.FileSystemLoader)


@pytest.mark.parametrize("spec", EXAMPLES, ids=lambda path: path.parent.name)
def test_compiled_and_source_templates_render_the_same_bytes(
    spec: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled = compile_spec(spec).texts()
    source = template_environment(jinja2.FileSystemLoader(templates_dir()))
    monkeypatch.setattr(render, "_environment", lambda _root: source)
    assert compile_spec(spec).texts() == compiled


def test_a_failed_compilation_leaves_the_old_set_whole(tmp_path: Path) -> None:
    target = tmp_path / "compiled"
    target.mkdir()
    (target / "kept.py").write_text("x = 1\n")
    broken = template_environment(jinja2.DictLoader({"bad.jinja": "{% if %}"}))
    with pytest.raises(jinja2.TemplateSyntaxError):
        write_compiled_set(broken, target)
    assert _files(target) == {"kept.py": b"x = 1\n"}
    assert [path.name for path in tmp_path.iterdir()] == ["compiled"]
